package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        Path csv = file("formula.csv", "user_id,event,time\n=HYPERLINK(\"http://x\"),view,bad\nu2,view,2024-01-01\n");
        CliRun run = CliRun.of("import", "--project", dir.resolve("f").toString(), csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> report = Files.readAllLines(Path.of(run.json().get("rejects_file").asText()));
        assertThat(report.get(1)).contains(",\"'=HYPERLINK(\"\"http://x\"\") | view | bad\"");
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
