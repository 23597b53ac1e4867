package io.funnelworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableWriterTest {
    @TempDir
    Path dir;

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreWrittenAsText() throws Exception {
        Path csv = dir.resolve("table.csv");
        CsvTableWriter.write(csv, List.of("name", "value"), List.of(
                List.of("=HYPERLINK(\"http://x\",\"y\")", -5),
                List.of("+1", 2.5),
                List.of("@SUM(A1)", "-3"),
                List.of("\tTab", "plain")));
        assertThat(Files.readAllLines(csv)).containsExactly("name,value",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5",
                "'+1,2.5",
                "'@SUM(A1),'-3",
                "'\tTab,plain");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(csv);
        }
    }
}
