package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.store.DiskSpace;
import io.funnelworkbench.store.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No failure of an import loses or doubles data, and none is reported as something else. */
class ImportFailureTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void aFileWhoseRowsAreAllRejectedImportsNothingAndTheCorrectedFileThenImports() throws Exception {
        Path bad = file("bad.csv", "user_id,event,time\nu1,view,notatime\nu2,view,alsobad\n");
        String project = dir.resolve("shop").toString();
        CliRun first = CliRun.of("import", "--project", project, bad.toString());
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.out()).isEmpty();
        assertThat(first.err().strip()).startsWith("None of the 2 rows of bad.csv could be imported; the first was"
                + " rejected at line 2, column time: ").endsWith(". Every row and its reason are listed in "
                + dir.resolve("shop.import-1.rejects.csv") + ". Nothing was imported.");
        assertThat(dir.resolve("shop.mv.db")).as("the project this command created").doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("shop.import-1.rejects.csv"))).hasSize(3);

        Path good = file("good.csv", "user_id,event,time\nu1,view,2024-01-01\n");
        assertThat(CliRun.of("import", "--project", project, good.toString()).exitCode()).isZero();
        CliRun again = CliRun.of("import", "--project", project, bad.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("None of the 2 rows of bad.csv");
        Files.writeString(bad, "user_id,event,time\nu1,view,2024-01-02\nu2,view,2024-01-03\n");
        CliRun corrected = CliRun.of("import", "--project", project, bad.toString());
        assertThat(corrected.exitCode()).as(corrected.err()).isZero();
        assertThat(corrected.json().get("rows_imported").asLong()).isEqualTo(2);
        try (ProjectStore store = ProjectStore.open(dir.resolve("shop"))) {
            assertThat(store.imports().list()).hasSize(2);
        }
    }

    @Test
    void whenALaterFileFailsTheEarlierFilesStayAndSoDoesTheProject() throws Exception {
        Path good = file("good.csv", "user_id,event,time\nu1,view,2024-01-01\nu2,view,2024-01-02\n");
        Path bad = file("bad.csv", "user_id,event,time\nu3,view,never\n");
        String project = dir.resolve("two").toString();
        CliRun run = CliRun.of("import", "--project", project, good.toString(), bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).endsWith("The files before it were imported and stay in the project: good.csv.");
        JsonNode events = CliRun.of("events", "--project", project).json().get("events");
        assertThat(events.get(0).get("events").asLong()).isEqualTo(2);
    }

    @Test
    void aFileWhoseEventsAreAllThereAlreadyImportsNothingNewAndSaysSo() throws Exception {
        Path first = file("a.csv", "user_id,event,time,$insert_id\nu1,view,2024-01-01,x1\nu2,view,2024-01-02,x2\n");
        Path same = file("b.csv", "user_id,event,time,$insert_id\nu2,view,2024-01-02,x2\nu1,view,2024-01-01,x1\n");
        String project = dir.resolve("dups").toString();
        assertThat(CliRun.of("import", "--project", project, first.toString()).exitCode()).isZero();
        CliRun again = CliRun.of("import", "--project", project, same.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.json().get("rows_imported").asLong()).isZero();
        assertThat(again.json().get("duplicates_skipped").asLong()).isEqualTo(2);
        assertThat(again.json().get("first_time").isNull()).isTrue();
    }

    @Test
    void theRejectedRowsReportIsSafeToOpenInASpreadsheet() throws Exception {
        Path csv = file("formula.csv", "user_id,event,time\n=1+2,view,bad\nu2,view,2024-01-01\n");
        CliRun run = CliRun.of("import", "--project", dir.resolve("f").toString(), csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> report = Files.readAllLines(Path.of(run.json().get("rejects_file").asText()));
        // The row as the file wrote it, made inert: a spreadsheet shows '=1+2 rather than computing 3.
        assertThat(report.get(1)).endsWith(",\"'=1+2,view,bad\"");
    }

    /**
     * A disk that refuses a write part way (here a file size limit on the importing process, as a full disk
     * would): the import fails with the sentence, and the project opens as it was.
     */
    @Test
    void aRefusedWriteFailsTheImportAndLeavesTheProjectAsItWas() throws Exception {
        Path small = dir.resolve("small.csv");
        new SyntheticExport(5_000, 500, 1).write(small);
        Path big = dir.resolve("big.csv");
        new SyntheticExport(300_000, 20_000, 2).write(big);
        String project = dir.resolve("full").toString();
        assertThat(CliRun.of("import", "--project", project, small.toString()).exitCode()).isZero();
        String before = CliRun.of("events", "--project", project).out();

        Process limited = new ProcessBuilder("sh", "-c", "ulimit -f 4000 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FunnelCli.class.getName(), "import", "--project", project,
                big.toString()).redirectOutput(dir.resolve("limited.out").toFile())
                .redirectError(dir.resolve("limited.err").toFile()).start();
        assertThat(limited.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(limited.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("limited.err")).strip()).startsWith("The disk holding full.mv.db"
                + " refused to store more (it is full, or a size limit was reached): importing big.csv needs about")
                .endsWith("Nothing was imported; the project is as it was.");
        assertThat(Files.readString(dir.resolve("limited.out"))).isEmpty();
        assertThat(CliRun.of("events", "--project", project).out()).isEqualTo(before);
        CliRun retry = CliRun.of("import", "--project", project, big.toString());
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.json().get("rows_imported").asLong()).isEqualTo(300_000);
    }

    /** Out of memory is a sentence, never a stack trace, and never taken for the end of the file. */
    @Test
    void runningOutOfMemoryIsASentenceAndImportsNothing() throws Exception {
        Path huge = dir.resolve("huge.csv");
        try (var out = Files.newOutputStream(huge)) {
            out.write("user_id,event,time,note\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 150; i++) {
                out.write(("u" + i + ",view,2024-01-01,short\n").getBytes(StandardCharsets.UTF_8));
            }
            // Past the preview's rows: the reading thread runs out of memory during the import itself.
            out.write("u1,view,2024-01-01,".getBytes(StandardCharsets.UTF_8));
            byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 96; i++) {
                out.write(block);
            }
            out.write("\nu2,view,2024-01-02,short\n".getBytes(StandardCharsets.UTF_8));
        }
        Process small = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), FunnelCli.class.getName(), "import",
                "--project", dir.resolve("mem").toString(), huge.toString())
                .redirectOutput(dir.resolve("mem.out").toFile()).redirectError(dir.resolve("mem.err").toFile()).start();
        assertThat(small.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(small.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("mem.err")).strip()).matches("Importing huge\\.csv needs more"
                + " memory than Funnel Workbench may use \\(\\d+ MB\\): nothing was imported\\. Give it more \\(for the"
                + " command line, java -Xmx\\d+g\\), or split the file\\.");
        assertThat(dir.resolve("mem.mv.db")).doesNotExist();
    }

    /** Each property is a column for every event: thousands of keys are refused at once, not after minutes. */
    @Test
    void thousandsOfDistinctPropertiesAreRefusedEarlyWithTheReason() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            jsonl.append("{\"distinct_id\":\"u").append(i).append("\",\"event\":\"view\",\"time\":")
                    .append(1704067200 + i).append(",\"key_").append(i).append("\":1}\n");
        }
        Path keys = file("keys.jsonl", jsonl.toString());
        CliRun run = CliRun.of("import", "--project", dir.resolve("keys").toString(), keys.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("keys.jsonl has more than 500 different properties (the next,"
                + " 'key_500', among its columns): a project keeps at most 500, each a column with a value for every"
                + " event. Set the columns you do not need to Ignore, or leave unneeded nested fields out of the"
                + " export. Nothing was imported.");
        assertThat(dir.resolve("keys.mv.db")).doesNotExist();

        StringBuilder wide = new StringBuilder("user_id,event,time");
        for (int i = 0; i < 100_000; i++) {
            wide.append(",c").append(i);
        }
        wide.append("\nu1,view,2024-01-01").append(",1".repeat(100_000)).append('\n');
        CliRun columns = CliRun.of("import", "--project", dir.resolve("wide").toString(),
                file("wide.csv", wide.toString()).toString());
        assertThat(columns.exitCode()).isEqualTo(1);
        assertThat(columns.err().strip()).startsWith("wide.csv has more than 500 different properties (the next,"
                + " 'c500', among its columns)");
    }

    @Test
    void theUpFrontCheckSaysWhatIsNeededAndWhatIsFree() throws Exception {
        Path project = dir.resolve("p.mv.db");
        ProjectStore.create(project).close();
        long needed = DiskSpace.neededForImport(project, 1_000_000);
        assertThat(needed).isBetween(12_000_000L, 15_000_000L);
        assertThat(DiskSpace.fullDiskSentence(project, "events.csv", needed, false))
                .matches("The disk holding p\\.mv\\.db has too little room: importing events\\.csv needs about 1[34]"
                        + " MB and \\d+ MB are free\\. Free some space or move the project to a disk with more room\\."
                        + " Nothing was imported; the project is as it was\\.");
    }

    @Test
    void aJsonArrayOrAPrettyPrintedDocumentIsNamedForWhatItIs() throws Exception {
        Path array = file("events.json", "[{\"distinct_id\":\"u1\",\"event\":\"x\",\"time\":1704067200}]\n");
        CliRun arrayRun = CliRun.of("import", "--project", dir.resolve("a").toString(), array.toString());
        assertThat(arrayRun.err().strip()).isEqualTo("events.json is one JSON array, not JSON lines (one event object"
                + " per line) or CSV. Export the events as JSON lines (NDJSON) or CSV and import that file.");
        Path pretty = file("report.json", "{\n  \"distinct_id\": \"u1\",\n  \"event\": \"x\"\n}\n");
        CliRun prettyRun = CliRun.of("import", "--project", dir.resolve("b").toString(), pretty.toString());
        assertThat(prettyRun.err().strip()).startsWith("report.json is one JSON document written over several lines");
        assertThat(dir.resolve("a.mv.db")).doesNotExist();
        assertThat(dir.resolve("b.mv.db")).doesNotExist();
    }

    /** Two processes importing into the same new project: whatever the timing, neither deletes the other's. */
    @Test
    void twoImportsIntoTheSameNewProjectNeverDeleteIt() throws Exception {
        for (int round = 0; round < 4; round++) {
            Path project = dir.resolve("race" + round + ".mv.db");
            List<Process> imports = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                Path csv = file("race" + round + "-" + side + ".csv", "user_id,event,time\nu" + side
                        + ",view,2024-01-0" + (side + 1) + "\n");
                imports.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), FunnelCli.class.getName(), "import",
                        "--project", project.toString(), csv.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("race" + round + "-" + side + ".out").toFile()).start());
            }
            int succeeded = 0;
            for (Process p : imports) {
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
                succeeded += p.exitValue() == 0 ? 1 : 0;
            }
            assertThat(succeeded).isPositive();
            assertThat(project).as("round " + round).isRegularFile();
            JsonNode events = CliRun.of("events", "--project", project.toString()).json().get("events");
            assertThat(events.get(0).get("events").asLong()).as("round " + round).isEqualTo(succeeded);
        }
    }
}
