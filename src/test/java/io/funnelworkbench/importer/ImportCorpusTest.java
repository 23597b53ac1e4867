package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Awkward files from src/test/resources/corpus, each with its exact outcome. */
class ImportCorpusTest {
    private static final long JAN_1_2024 = 1_704_067_200_000_000L;

    @TempDir
    Path dir;
    private ProjectStore store;

    @BeforeEach
    void open() {
        store = ProjectStore.create(dir.resolve("corpus"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Path corpus(String name) {
        try {
            return Path.of(ImportCorpusTest.class.getResource("/corpus/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportSummary importAuto(Path file) {
        return new ImportService(store).importFiles(List.of(file), null, ImportOptions.DEFAULT, Progress.NONE);
    }

    private ImportSummary importWith(Path file, ColumnMapping mapping) {
        return new ImportService(store).importFiles(List.of(file), mapping, ImportOptions.DEFAULT, Progress.NONE);
    }

    private List<String> rejects(ImportSummary summary) throws IOException {
        return Files.readAllLines(summary.rejectsFiles().get(0)).subList(1, (int) summary.rowsRejected() + 1);
    }

    private EventLog log() {
        return store.snapshots().load(Progress.NONE);
    }

    @Test
    void utf8WithByteOrderMark() {
        FilePreview preview = EventImporter.preview(corpus("bom.csv"), 10);
        assertThat(preview.format().describe()).isEqualTo("UTF-8 with BOM, comma-separated");
        assertThat(preview.headers()).containsExactly("user_id", "event_name", "timestamp");
        ImportSummary s = importAuto(corpus("bom.csv"));
        assertThat(s.rowsImported()).isEqualTo(3);
        assertThat(s.rowsRejected()).isZero();
        assertThat(s.rejectsFiles()).isEmpty();
    }

    @Test
    void semicolonsAndAShopSchema() {
        FilePreview preview = EventImporter.preview(corpus("semicolon.csv"), 10);
        assertThat(preview.format().delimiter()).isEqualTo(';');
        assertThat(preview.suggestedMapping().roles()).containsExactly(ColumnRole.USER, ColumnRole.EVENT,
                ColumnRole.TIME, ColumnRole.PROPERTY);
        ImportSummary s = importAuto(corpus("semicolon.csv"));
        assertThat(s.rowsImported()).isEqualTo(4);
        assertThat(s.users()).isEqualTo(3);
        EventLog log = log();
        int price = log.propertyIndex("price");
        assertThat(log.propertyValue(price, log.property(price, 0))).isEqualTo("12,50");
    }

    @Test
    void quotedValuesWithNewlinesKeepLineNumbersRight() throws IOException {
        ImportSummary s = importAuto(corpus("quoted-newlines.csv"));
        assertThat(s.rowsRead()).isEqualTo(5);
        assertThat(s.rowsImported()).isEqualTo(3);
        assertThat(s.rowsRejected()).isEqualTo(2);
        List<String> rejects = rejects(s);
        assertThat(rejects.get(0)).startsWith("quoted-newlines.csv,5,timestamp,\"'not a time' is not a date");
        assertThat(rejects.get(1)).startsWith("quoted-newlines.csv,9,timestamp,the time is empty");
        EventLog log = log();
        int comment = log.propertyIndex("comment");
        List<String> comments = new ArrayList<>();
        for (int row = 0; row < log.size(); row++) {
            comments.add(log.propertyValue(comment, log.property(comment, row)));
        }
        assertThat(comments).containsExactly("Great \"value\",\nwould buy again", "one line",
                "Line one\nline two\nline three");
    }

    @Test
    void crlfLineEndingsAndBlankLines() {
        ImportSummary s = importAuto(corpus("crlf.csv"));
        assertThat(s.rowsImported()).isEqualTo(3);
        assertThat(s.rowsRejected()).isZero();
        assertThat(log().eventName(0)).isEqualTo("view");
    }

    @Test
    void rowsWithTooFewOrTooManyFieldsAreRejectedWithTheirLine() throws IOException {
        ImportSummary s = importAuto(corpus("missing-columns.csv"));
        assertThat(s.rowsImported()).isEqualTo(2);
        assertThat(s.rowsRejected()).isEqualTo(2);
        assertThat(rejects(s)).containsExactly(
                "missing-columns.csv,3,,expected 4 fields but found 3 (a delimiter or quote inside a value?),"
                        + "\"u2,view,2024-01-01T00:00:00Z\"",
                "missing-columns.csv,4,,expected 4 fields but found 5 (a delimiter or quote inside a value?),"
                        + "\"u3,view,2024-01-01T00:00:00Z,FR,extra\"");
    }

    @Test
    void badTimestampsAreRejectedOneByOne() throws IOException {
        ImportSummary s = importAuto(corpus("bad-timestamps.csv"));
        assertThat(s.rowsImported()).isEqualTo(2);
        assertThat(s.rowsRejected()).isEqualTo(4);
        List<String> rejects = rejects(s);
        assertThat(rejects).extracting(r -> r.split(",")[1]).containsExactly("3", "4", "5", "7");
        assertThat(rejects.get(0)).contains("'yesterday' is not a date and time this importer can read");
        assertThat(rejects.get(1)).contains("'2024-02-30 10:00:00' is not a date and time");
        assertThat(rejects.get(2)).contains("'2024-01-01 25:00:00' is not a date and time");
        assertThat(rejects.get(3)).contains("the time is empty");
        assertThat(s.firstTimeMicros()).isEqualTo(JAN_1_2024);
        assertThat(s.lastTimeMicros()).isEqualTo(JAN_1_2024 + 60_000_000);
    }

    @Test
    void anEmptyFileIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> importAuto(corpus("empty.csv")))
                .isInstanceOf(ImportException.class)
                .hasMessage("empty.csv is empty: there is nothing to import.");
        assertThat(store.imports().list()).isEmpty();
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        assertThatThrownBy(() -> importAuto(corpus("header-only.csv")))
                .hasMessage("header-only.csv has a header row but no events: there is nothing to import.");
        assertThat(store.imports().list()).isEmpty();
    }

    @Test
    void duplicateHeadersGetDistinctNames() {
        FilePreview preview = EventImporter.preview(corpus("duplicate-headers.csv"), 10);
        assertThat(preview.headers()).containsExactly("user_id", "event_name", "timestamp", "country", "country_2");
        assertThat(importAuto(corpus("duplicate-headers.csv")).rowsImported()).isEqualTo(2);
        EventLog log = log();
        int second = log.propertyIndex("country_2");
        assertThat(log.propertyValue(second, log.property(second, 0))).isEqualTo("AT");
        assertThat(log.propertyValue(second, log.property(second, 1))).isNull();
    }

    @Test
    void aHundredThousandCharacterField() throws IOException {
        String huge = "x".repeat(100_000);
        Path file = dir.resolve("long-field.csv");
        Files.writeString(file, "user_id,event_name,timestamp,note\nu1,view,2024-01-01T00:00:00Z,\"" + huge
                + "\"\nu2,view,2024-01-01T00:00:00Z,short\n");
        assertThat(importAuto(file).rowsImported()).isEqualTo(2);
        EventLog log = log();
        int note = log.propertyIndex("note");
        assertThat(log.propertyValue(note, log.property(note, 0))).hasSize(100_000);
    }

    @Test
    void binaryGarbageIsRefused() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[10] = 0;
        Path file = dir.resolve("photo.csv");
        Files.write(file, garbage);
        assertThatThrownBy(() -> importAuto(file))
                .isInstanceOf(ImportException.class)
                .hasMessage("photo.csv is not a text export: it contains binary data. Export the events as CSV or"
                        + " JSON lines and import that file.");
    }

    @Test
    void epochUnitsAreToldApartByMagnitude() {
        assertThat(importAuto(corpus("epoch-units.csv")).rowsImported()).isEqualTo(5);
        EventLog log = log();
        for (int row = 0; row < log.size(); row++) {
            assertThat(log.time(row)).as(log.userId(log.user(row))).isEqualTo(JAN_1_2024);
        }
    }

    @Test
    void zoneLessTimesAreReadInTheChosenZone() {
        FilePreview preview = EventImporter.preview(corpus("zoneless.csv"), 10);
        ColumnMapping berlin = preview.suggestedMapping().withTime(TimeFormat.AUTO, null, ZoneId.of("Europe/Berlin"));
        assertThat(importWith(corpus("zoneless.csv"), berlin).rowsImported()).isEqualTo(3);
        EventLog log = log();
        long noonUtc = 1_719_835_200_000_000L;
        assertThat(log.time(0)).isEqualTo(noonUtc - 2 * 3_600_000_000L); // 12:00 in Berlin (CEST)
        assertThat(log.time(1)).isEqualTo(noonUtc);                      // its own offset wins
        assertThat(log.time(2)).isEqualTo(noonUtc - 14 * 3_600_000_000L); // midnight in Berlin
    }

    @Test
    void mixpanelJsonLinesWithPropertiesAndRepeatedInsertIds() throws IOException {
        FilePreview preview = EventImporter.preview(corpus("mixpanel.jsonl"), 10);
        assertThat(preview.format().describe()).isEqualTo("UTF-8, JSON lines");
        assertThat(preview.suggestedMapping().columnOf(ColumnRole.USER))
                .isEqualTo(preview.headers().indexOf("distinct_id"));
        assertThat(preview.suggestedMapping().columnOf(ColumnRole.INSERT_ID))
                .isEqualTo(preview.headers().indexOf("$insert_id"));
        ImportSummary s = importAuto(corpus("mixpanel.jsonl"));
        assertThat(s.rowsRead()).isEqualTo(7);
        assertThat(s.rowsImported()).isEqualTo(3);
        assertThat(s.duplicatesSkipped()).isEqualTo(1);
        assertThat(s.rowsRejected()).isEqualTo(3);
        List<String> rejects = rejects(s);
        assertThat(rejects.get(0)).startsWith("mixpanel.jsonl,5,,the line is not valid JSON: Unexpected end-of-input:");
        assertThat(rejects.get(1)).startsWith("mixpanel.jsonl,6,,the line is not a JSON object");
        assertThat(rejects.get(2)).startsWith("mixpanel.jsonl,7,distinct_id,the user id is empty");
        assertThat(s.eventsByName()).containsExactly(Map.entry("Purchased", 1L), Map.entry("Signed Up", 1L),
                Map.entry("Viewed Page", 1L));
        EventLog log = log();
        int items = log.propertyIndex("items");
        assertThat(log.propertyValue(items, log.property(items, 2))).isEqualTo("[\"x\",\"y\"]");
    }

    @Test
    void insertIdsRepeatedInALaterFileAreImportedOnce() throws IOException {
        Path first = dir.resolve("day1.csv");
        Path second = dir.resolve("day2.csv");
        Files.writeString(first, "distinct_id,event,time,$insert_id\nu1,view,1704067200,a\nu1,buy,1704067300,b\n");
        Files.writeString(second, "distinct_id,event,time,$insert_id\nu1,buy,1704067300,b\nu2,view,1704067400,c\n");
        importAuto(first);
        ImportSummary s = importAuto(second);
        assertThat(s.rowsImported()).isEqualTo(1);
        assertThat(s.duplicatesSkipped()).isEqualTo(1);
        assertThat(log().size()).isEqualTo(3);
    }

    @Test
    void postHogPropertiesJsonIsExpanded() throws IOException {
        FilePreview preview = EventImporter.preview(corpus("posthog.csv"), 10);
        assertThat(preview.suggestedMapping().roles()).containsExactly(ColumnRole.INSERT_ID, ColumnRole.EVENT,
                ColumnRole.USER, ColumnRole.TIME, ColumnRole.SESSION, ColumnRole.PROPERTIES_JSON);
        ImportSummary s = importAuto(corpus("posthog.csv"));
        assertThat(s.rowsImported()).isEqualTo(3);
        assertThat(s.rowsRejected()).isEqualTo(1);
        assertThat(s.duplicatesSkipped()).isEqualTo(1);
        assertThat(rejects(s).get(0)).startsWith("posthog.csv,5,properties,the value is not JSON");
        EventLog log = log();
        int browser = log.propertyIndex("$browser");
        int price = log.propertyIndex("price");
        assertThat(browser).isNotNegative();
        assertThat(log.propertyValue(browser, log.property(browser, 0))).isEqualTo("Firefox");
        assertThat(log.propertyValue(price, log.property(price, 1))).isEqualTo("19.9");
        assertThat(log.session(0)).isEqualTo(log.session(1));
    }

    @Test
    void aFileWithoutHeaderIsMappedByContent() {
        FilePreview preview = EventImporter.preview(corpus("no-header.csv"), 10);
        assertThat(preview.format().hasHeader()).isFalse();
        assertThat(preview.headers()).containsExactly("column_1", "column_2", "column_3");
        assertThat(preview.rows()).hasSize(6);
        assertThat(preview.suggestedMapping().roles()).containsExactly(ColumnRole.TIME, ColumnRole.USER,
                ColumnRole.EVENT);
        ImportSummary s = importAuto(corpus("no-header.csv"));
        assertThat(s.rowsImported()).isEqualTo(6);
        assertThat(s.users()).isEqualTo(4);
    }

    @Test
    void anAggregatedReportIsRefusedWithTheReason() {
        assertThatThrownBy(() -> importAuto(corpus("plausible.csv")))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("plausible.csv looks like a report of counts, not an event export: 4 of 5"
                        + " columns hold numbers such as visitors, pageviews, bounce_rate, visit_duration")
                .hasMessageContaining("they need one row per event with a user id, an event name and a time");
        assertThat(store.imports().list()).isEmpty();
    }

    @Test
    void tabsAndPipes() {
        assertThat(EventImporter.preview(corpus("tabs.tsv"), 10).format().describe())
                .isEqualTo("UTF-8, tab-separated");
        assertThat(importAuto(corpus("tabs.tsv")).rowsImported()).isEqualTo(2);
        assertThat(importAuto(corpus("pipes.csv")).rowsImported()).isEqualTo(1);
    }

    @Test
    void utf16AndWindows1252AreDecoded() throws IOException {
        String text = "user_id,event_name,timestamp,city\nu1,view,2024-01-01T00:00:00Z,Zürich\n"
                + "u2,view,2024-01-01T00:00:00Z,Kraków\n";
        Path utf16 = dir.resolve("utf16.csv");
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(utf16, withBom);
        assertThat(EventImporter.preview(utf16, 10).format().describe())
                .isEqualTo("UTF-16LE with BOM, comma-separated");
        assertThat(importAuto(utf16).rowsImported()).isEqualTo(2);

        Path cp1252 = dir.resolve("excel.csv");
        Files.write(cp1252, "user_id,event_name,timestamp,city\nu3,view,2024-01-02T00:00:00Z,Zürich\n"
                .getBytes(Charset.forName("windows-1252")));
        assertThat(EventImporter.preview(cp1252, 10).format().charset().name()).isEqualTo("windows-1252");
        assertThat(importAuto(cp1252).rowsImported()).isEqualTo(1);
        EventLog log = log();
        int city = log.propertyIndex("city");
        List<String> cities = new ArrayList<>();
        for (int row = 0; row < log.size(); row++) {
            cities.add(log.propertyValue(city, log.property(city, row)));
        }
        assertThat(cities).containsExactlyInAnyOrder("Zürich", "Kraków", "Zürich");
        assertThat(log.propertyValueCount(city)).isEqualTo(3); // missing + two cities
    }
}
