package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlapping re-exports, and the import options of the command-line contract. */
class ImportOptionsTest {
    private static final String HEADER = "user_id,event,time,plan\n";
    private static final String FIRST = "u1,view,2024-01-01T10:00:00Z,free\nu2,view,2024-01-01T11:00:00Z,pro\n"
            + "u1,buy,2024-01-02T10:00:00Z,free\n";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private long events(String project) throws Exception {
        long total = 0;
        for (JsonNode e : CliRun.of("events", "--project", project).json().get("events")) {
            total += e.get("events").asLong();
        }
        return total;
    }

    /** An updated re-export: the same rows, in another order, plus one. */
    @Test
    void aReExportThatOverlapsIsRefusedWithTheCountAndOnlyNewImportsTheRest() throws Exception {
        String project = dir.resolve("shop").toString();
        assertThat(CliRun.of("import", "--project", project, file("week1.csv", HEADER + FIRST).toString())
                .exitCode()).isZero();
        Path again = file("week1-updated.csv", HEADER + "u1,buy,2024-01-02T10:00:00Z,free\n"
                + "u2,view,2024-01-01T11:00:00Z,pro\nu3,view,2024-01-03T09:00:00Z,free\n"
                + "u1,view,2024-01-01T10:00:00Z,free\n");

        CliRun refused = CliRun.of("import", "--project", project, again.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("3 of the 4 events of week1-updated.csv are already in the"
                + " project (the same user, event, time and properties), as when an export overlaps an earlier one."
                + " Nothing was imported. Import only the 1 new one with --only-new (\"Only new rows\" in the"
                + " wizard), or all of them with --append.");
        assertThat(events(project)).isEqualTo(3);

        CliRun onlyNew = CliRun.of("import", "--project", project, again.toString(), "--only-new");
        assertThat(onlyNew.exitCode()).as(onlyNew.err()).isZero();
        assertThat(onlyNew.json().get("rows_imported").asLong()).isEqualTo(1);
        assertThat(onlyNew.json().get("duplicates_skipped").asLong()).isEqualTo(3);
        assertThat(onlyNew.json().get("users").asLong()).isEqualTo(1);
        assertThat(events(project)).isEqualTo(4);
    }

    /** Identical rows are compared as a multiset: two stored and three imported leave one new. */
    @Test
    void repeatedIdenticalRowsAreMatchedOneForOne() throws Exception {
        String row = "u1,view,2024-01-01T10:00:00Z,free\n";
        String project = dir.resolve("multi").toString();
        assertThat(CliRun.of("import", "--project", project, file("a.csv", HEADER + row + row).toString())
                .exitCode()).isZero();
        CliRun onlyNew = CliRun.of("import", "--project", project, file("b.csv", HEADER + row + row + row)
                .toString(), "--only-new");
        assertThat(onlyNew.json().get("rows_imported").asLong()).isEqualTo(1);
        assertThat(events(project)).isEqualTo(3);
        CliRun nothingNew = CliRun.of("import", "--project", project, file("c.csv", HEADER + row).toString());
        assertThat(nothingNew.err().strip()).isEqualTo("Every event of c.csv (1) is already in the project (the"
                + " same user, event, time and properties), so nothing in it is new and nothing was imported. Import"
                + " them again anyway with --append.");
        CliRun append = CliRun.of("import", "--project", project, dir.resolve("c.csv").toString(), "--append");
        assertThat(append.json().get("rows_imported").asLong()).isEqualTo(1);
        assertThat(events(project)).isEqualTo(4);
    }

    @Test
    void aDifferentPropertyOrSessionMakesADifferentEvent() throws Exception {
        String project = dir.resolve("diff").toString();
        assertThat(CliRun.of("import", "--project", project, file("a.csv", HEADER + FIRST).toString())
                .exitCode()).isZero();
        CliRun changed = CliRun.of("import", "--project", project, file("b.csv", HEADER
                + "u1,view,2024-01-01T10:00:00Z,pro\n").toString());
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(events(project)).isEqualTo(4);
    }

    @Test
    void theDelimiterCanBeGiven() throws Exception {
        Path odd = file("odd.txt", "user_id|event|time|note\nu1|view|2024-01-01|a;b;c;d;e;f\n"
                + "u2|view|2024-01-02|g;h;i;j;k;l\n");
        CliRun run = CliRun.of("import", "--project", dir.resolve("d").toString(), odd.toString(), "--delimiter", "|");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("rows_imported").asLong()).isEqualTo(2);
        CliRun tab = CliRun.of("import", "--project", dir.resolve("t").toString(),
                file("t.tsv", "user_id\tevent\ttime\nu1\tview\t2024-01-01\n").toString(), "--delimiter", "tab");
        assertThat(tab.exitCode()).as(tab.err()).isZero();
        CliRun json = CliRun.of("import", "--project", dir.resolve("j").toString(),
                file("e.jsonl", "{\"user_id\":\"u\",\"event\":\"x\",\"time\":\"2024-01-01\"}\n").toString(),
                "--delimiter", ";");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.err().strip()).isEqualTo("e.jsonl holds JSON lines, which have no delimiter; leave --delimiter"
                + " out to import it.");
        CliRun two = CliRun.of("import", "--project", dir.resolve("x").toString(), odd.toString(), "--delimiter",
                "||");
        assertThat(two.err().strip()).isEqualTo("--delimiter || is not one character: give one, such as ; or |, or"
                + " tab.");
        assertThat(dir.resolve("x.mv.db")).doesNotExist();
    }

    @Test
    void theRejectsReportGoesWhereItIsAsked() throws Exception {
        Path report = dir.resolve("reports").resolve("week1-rejected.csv");
        Files.createDirectories(report.getParent());
        Path csv = file("bad.csv", HEADER + FIRST + "u9,view,never,free\n");
        CliRun run = CliRun.of("import", "--project", dir.resolve("r").toString(), csv.toString(), "--rejects",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("rejects_file").asText()).isEqualTo(report.toString());
        assertThat(Files.readAllLines(report)).hasSize(2);
        CliRun two = CliRun.of("import", "--project", dir.resolve("r").toString(), csv.toString(), csv.toString(),
                "--rejects", report.toString(), "--append");
        assertThat(two.exitCode()).isEqualTo(1);
        assertThat(two.err()).startsWith("A rejected-rows report named on the command line (--rejects) takes one"
                + " file's rows");
    }
}
