package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV reader on inline bytes: line endings, quoting, empty and ragged input ({@link CsvRecordSource}), and
 * what detection makes of a whole file: byte-order marks, encodings, delimiters ({@link EventImporter#preview}).
 */
class CsvReaderEdgeCasesTest {
    @TempDir
    Path dir;

    /** Each record as its fields, with the line it starts on in front. */
    private static List<String> records(byte[] bytes) throws IOException {
        try (CsvRecordSource csv = new CsvRecordSource(new ByteArrayInputStream(bytes), ',')) {
            csv.readHeader(true, 0);
            List<String> records = new ArrayList<>();
            records.add("header " + csv.headers());
            while (csv.next()) {
                records.add(csv.line() + " " + fields(csv));
            }
            return records;
        }
    }

    private static List<String> records(String text) throws IOException {
        return records(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(RecordSource record) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < record.fieldCount(); i++) {
            values.add(record.text(i));
        }
        return values;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingReadsTheSameRowsOnTheSameLines(String newline) throws IOException {
        String text = String.join(newline, "user,event", "u1,view", "u2,buy") + newline;
        assertThat(records(text)).containsExactly("header [user, event]", "2 [u1, view]", "3 [u2, buy]");
    }

    @Test
    void aFileMayMixLineEndings() throws IOException {
        assertThat(records("user,event\r\nu1,view\nu2,buy\ru3,leave"))
                .containsExactly("header [user, event]", "2 [u1, view]", "3 [u2, buy]", "4 [u3, leave]");
    }

    @Test
    void quotedValuesKeepNewlinesQuotesAndDelimitersAndTheNextRowStartsOnItsOwnLine() throws IOException {
        String text = "user,note\r\n"
                + "u1,\"line one\r\nline two\"\r\n"
                + "u2,\"she said \"\"hi\"\", then left\"\r\n"
                + "u3,\"\"\r\n"
                + "\"u,4\",\"\"\"\"\r\n";
        assertThat(records(text)).containsExactly("header [user, note]",
                "2 [u1, line one\r\nline two]",
                "4 [u2, she said \"hi\", then left]",
                "5 [u3, ]",
                "6 [u,4, \"]");
    }

    /** Lenient like a spreadsheet: a quote inside an unquoted value is text, and so is text after a closing quote. */
    @Test
    void strayQuotesInsideValuesAreKeptAsText() throws IOException {
        assertThat(records("a,b\n5\" screen,\"quoted\" tail\n"))
                .containsExactly("header [a, b]", "2 [5\" screen, quoted tail]");
    }

    @Test
    void anEmptyFileHasNoColumnsAndNoRows() throws IOException {
        assertThat(records(new byte[0])).containsExactly("header []");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user,event", "user,event\n", "user,event\r\n", "user,event\n\n\n"})
    void aHeaderOnlyFileHasColumnsAndNoRows(String text) throws IOException {
        assertThat(records(text)).containsExactly("header [user, event]");
    }

    @Test
    void blankLinesAndATrailingEmptyLineAreNoRowsButStillCountAsLines() throws IOException {
        assertThat(records("user,event\n\nu1,view\r\n\r\nu2,buy\n\n"))
                .containsExactly("header [user, event]", "3 [u1, view]", "5 [u2, buy]");
    }

    /** Ragged rows are read as they are; the importer rejects them by their field count (see RowReader). */
    @Test
    void raggedRowsKeepTheirOwnFieldCount() throws IOException {
        assertThat(records("a,b,c\n1\n1,2\n1,2,3,4\n1,2,\n,,\n"))
                .containsExactly("header [a, b, c]", "2 [1]", "3 [1, 2]", "4 [1, 2, 3, 4]", "5 [1, 2, ]", "6 [, , ]");
    }

    @Test
    void blankAndRepeatedHeaderNamesBecomeUniqueNames() throws IOException {
        assertThat(records("user, ,user,user\n")).containsExactly("header [user, column_2, user_2, user_3]");
    }

    /**
     * Bytes that are not UTF-8 in a file detected as UTF-8 (after the detection sample) are kept as the file wrote
     * them, so two different ones stay two values; as text they read as the replacement character.
     */
    @Test
    void invalidUtf8BytesPassThroughUnchanged() throws IOException {
        byte[] bytes = concat("user,city\nu1,".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, 0x28},
                "\n".getBytes(StandardCharsets.US_ASCII));
        try (CsvRecordSource csv = new CsvRecordSource(new ByteArrayInputStream(bytes), ',')) {
            csv.readHeader(true, 0);
            assertThat(csv.next()).isTrue();
            assertThat(csv.problem()).isNull();
            assertThat(Arrays.copyOfRange(csv.bytes(), csv.start(1), csv.end(1)))
                    .containsExactly((byte) 0xC3, (byte) 0x28);
            assertThat(csv.text(1)).isEqualTo("\uFFFD(");
        }
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Path csv = file("bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "user,event\r\nu1,view\r\n".getBytes(StandardCharsets.UTF_8)));
        FilePreview preview = EventImporter.preview(csv, 10);
        assertThat(preview.headers()).containsExactly("user", "event");
        assertThat(preview.rows()).containsExactly(List.of("u1", "view"));
        assertThat(preview.format().describe()).isEqualTo("UTF-8 with BOM, comma-separated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
    void utf16WithItsByteOrderMarkIsReadAsText(String charsetName) throws IOException {
        Charset charset = Charset.forName(charsetName);
        byte[] bom = charsetName.endsWith("LE") ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                : new byte[] {(byte) 0xFE, (byte) 0xFF};
        Path csv = file("utf16.csv", concat(bom, "user;city\nu1;Zürich\n".getBytes(charset)));
        FilePreview preview = EventImporter.preview(csv, 10);
        assertThat(preview.headers()).containsExactly("user", "city");
        assertThat(preview.rows()).containsExactly(List.of("u1", "Zürich"));
        assertThat(preview.format().describe()).isEqualTo(charsetName + " with BOM, semicolon-separated");
    }

    /** A file that is not UTF-8 in its first bytes is read as Windows-1252, the usual spreadsheet export. */
    @Test
    void aFileThatIsNotUtf8IsReadAsWindows1252() throws IOException {
        Path csv = file("latin.csv", "user,city\nu1,K\u00f6ln\nu2,\u20ac\n".getBytes(Charset.forName("windows-1252")));
        FilePreview preview = EventImporter.preview(csv, 10);
        assertThat(preview.format().charset().name()).isEqualTo("windows-1252");
        assertThat(preview.rows()).containsExactly(List.of("u1", "Köln"), List.of("u2", "€"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'user,event,time\nu1,view,2024-01-01\n'|comma",
        "'user;event;time\nu1;\"view, then buy\";2024-01-01\n'|semicolon",
        "'user\tevent\ttime\nu1\tview,list\t2024-01-01\n'|tab",
        "'user|event|time\nu1|view|2024-01-01\n'|pipe",
        "'user;event;price\nu1;view;1,50\nu2;buy;2,75\n'|semicolon",
    })
    void theDelimiterIsGuessedFromTheFirstLines(String text, String delimiter) throws IOException {
        FilePreview preview = EventImporter.preview(file("guess.csv", text), 10);
        assertThat(preview.format().describe()).isEqualTo("UTF-8, " + delimiter + "-separated");
        assertThat(preview.headers()).hasSize(3);
        assertThat(preview.rows()).allSatisfy(row -> assertThat(row).hasSize(3));
    }

    @Test
    void aGivenDelimiterWinsOverTheGuess() throws IOException {
        FilePreview preview = EventImporter.preview(file("given.csv", "a,b;c\n1,2;3\n"), 10, ';');
        assertThat(preview.headers()).containsExactly("a,b", "c");
        assertThat(preview.rows()).containsExactly(List.of("1,2", "3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "   \r\n"})
    void anEmptyFileIsRefusedByName(String text) throws IOException {
        Path csv = file("empty.csv", text);
        assertThatThrownBy(() -> EventImporter.preview(csv, 10)).isInstanceOf(ImportException.class)
                .hasMessage("empty.csv is empty: there is nothing to import.");
    }

    @Test
    void aHeaderOnlyFilePreviewsItsColumnsAndNoRows() throws IOException {
        FilePreview preview = EventImporter.preview(file("header.csv", "user_id,event,time\n"), 10);
        assertThat(preview.headers()).containsExactly("user_id", "event", "time");
        assertThat(preview.rows()).isEmpty();
    }

    @Test
    void aFirstRowOfDataIsNotTakenForAHeader() throws IOException {
        FilePreview preview = EventImporter.preview(file("data.csv", "u1,view,2024-01-01T10:00:00Z\n"
                + "u2,buy,2024-01-02T10:00:00Z\n"), 10);
        assertThat(preview.headers()).containsExactly("column_1", "column_2", "column_3");
        assertThat(preview.rows()).hasSize(2).first().isEqualTo(List.of("u1", "view", "2024-01-01T10:00:00Z"));
        assertThat(preview.format().describe()).isEqualTo("UTF-8, comma-separated, no header row");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
