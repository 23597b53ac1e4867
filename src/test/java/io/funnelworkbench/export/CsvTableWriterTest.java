package io.funnelworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV the app writes: safe to open in a spreadsheet, quoted by RFC 4180, written whole or not at all. */
class CsvTableWriterTest {
    @TempDir
    Path dir;

    /** The cells a spreadsheet would read from the writer's text, quoting undone. */
    private static List<List<String>> cells(String csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        return rows;
    }

    private static String onlyCell(Object value) throws IOException {
        List<List<?>> rows = List.of(Arrays.asList(value));
        return cells(CsvTableWriter.toCsv(List.of("value"), rows)).get(1).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "=HYPERLINK(\"http://evil\",\"click\")", "+1", "+49 30 1234", "-1+2",
        "-cmd|' /C calc'!A0", "-", "--3", "- 3", "-3e2", "-3,5", "@SUM(A1:A2)", "\tTab", "\rCarriage",
        "=", "-.", "-3."})
    void aTextASpreadsheetWouldRunGetsALeadingApostrophe(String text) throws IOException {
        assertThat(onlyCell(text)).isEqualTo("'" + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a=b", "3-2", " =1+2", "'=already", "", "Köln", "50%", "1,5", "view -> buy"})
    void otherTextsStayAsTheyAre(String text) throws IOException {
        assertThat(onlyCell(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "-0", "-0.25", "-.5", "-1234567890.125", "42", "0.5"})
    void aTextThatIsOnlyANumberIsNotMangled(String number) throws IOException {
        assertThat(onlyCell(number)).isEqualTo(number);
    }

    @Test
    void numbersStayNumbersNegativeOnesIncluded() throws IOException {
        List<List<?>> rows = List.of(List.of(-5, -2.5, -7L, new BigDecimal("-0.125"), 3, 0.0));
        assertThat(CsvTableWriter.toCsv(List.of("a", "b", "c", "d", "e", "f"), rows))
                .isEqualTo("a,b,c,d,e,f\r\n-5,-2.5,-7,-0.125,3,0.0\r\n");
    }

    @Test
    void valuesWithDelimitersQuotesAndNewlinesAreQuoted() throws IOException {
        List<List<?>> rows = List.of(List.of("a,b", "say \"hi\"", "two\nlines", "=x,\"y\""));
        String csv = CsvTableWriter.toCsv(List.of("comma", "quote", "newline", "formula"), rows);
        assertThat(csv).isEqualTo("comma,quote,newline,formula\r\n"
                + "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=x,\"\"y\"\"\"\r\n");
        assertThat(cells(csv).get(1)).containsExactly("a,b", "say \"hi\"", "two\nlines", "'=x,\"y\"");
    }

    @Test
    void headerCellsAreProtectedAndAMissingValueIsAnEmptyCell() throws IOException {
        List<List<?>> rows = List.of(Arrays.asList("u1", null));
        assertThat(cells(CsvTableWriter.toCsv(List.of("=name", "@value"), rows)))
                .containsExactly(List.of("'=name", "'@value"), List.of("u1", ""));
    }

    @Test
    void theFileHoldsTheSameTextAsStandardOutputInUtf8() throws IOException {
        List<String> header = List.of("city", "users");
        List<List<?>> rows = List.of(List.of("Zürich", 12), List.of("-cmd", -1));
        Path csv = dir.resolve("table.csv");
        CsvTableWriter.write(csv, header, rows);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(CsvTableWriter.toCsv(header, rows))
                .isEqualTo("city,users\r\nZürich,12\r\n'-cmd,-1\r\n");
    }

    /** Written beside the target and moved over it: a failed write leaves the old file and no temporary file. */
    @Test
    void aFailedWriteLeavesTheOldFileAndNoTrace() throws IOException {
        Path csv = dir.resolve("table.csv");
        Files.writeString(csv, "old\r\n");
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("cannot print");
            }
        };
        List<List<?>> rows = List.of(List.of("fine"), List.of(broken));
        assertThatThrownBy(() -> CsvTableWriter.write(csv, List.of("h"), rows)).hasMessage("cannot print");
        assertThat(Files.readString(csv)).isEqualTo("old\r\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(csv);
        }
        CsvTableWriter.write(csv, List.of("h"), List.of(List.of("new")));
        assertThat(Files.readString(csv)).isEqualTo("h\r\nnew\r\n");
    }
}
