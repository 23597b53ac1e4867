package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampParserTest {
    private static final long JAN_1_2024 = 1_704_067_200_000_000L;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-01-01T00:00:00Z|0",
        "2024-01-01 00:00:00|0",
        "2024-01-01|0",
        "2024-01-01T01:30:00+01:30|0",
        "2024-01-01T00:00:00.250Z|250000",
        "2024-01-01 00:00:00.123456 UTC|123456",
        "2023-12-31T19:00:00-0500|0",
        "1704067200|0",
        "1704067200.5|500000",
        "1704067200000|0",
        "1704067200000000|0",
        "1704067200000000000|0",
        "1704067200.123456|123456",
        "2024-01-01T14:00:00+14:00|0",
    })
    void readsCommonShapesAndEpochUnitsByMagnitude(String text, long microsAfterMidnight) {
        assertThat(TimestampParser.auto().parse(text)).isEqualTo(JAN_1_2024 + microsAfterMidnight);
    }

    @Test
    void readsZoneLessTimesInTheChosenZone() {
        TimestampParser berlin = new TimestampParser(TimeFormat.AUTO, ZoneId.of("Europe/Berlin"), null);
        assertThat(berlin.parse("2024-01-01 01:00:00")).isEqualTo(JAN_1_2024);
        assertThat(berlin.parse("2024-01-01T00:00:00Z")).isEqualTo(JAN_1_2024);
    }

    @Test
    void readsAPattern() {
        TimestampParser pattern = new TimestampParser(TimeFormat.PATTERN, ZoneId.of("UTC"), "dd/MM/yyyy HH:mm");
        assertThat(pattern.parse("01/01/2024 00:00")).isEqualTo(JAN_1_2024);
    }

    @Test
    void explainsWhatItCannotRead() {
        assertThatThrownBy(() -> TimestampParser.auto().parse("31/12/2023"))
                .hasMessageContaining("'31/12/2023' is not a date and time this importer can read");
        assertThatThrownBy(() -> TimestampParser.auto().parse("2024-13-01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimestampParser.auto().parse(" ")).hasMessage("the time is empty");
    }

    /** A wrong guess is worse than a refusal: each of these used to become a time somebody could chart. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTO|2024-01-01T00:00:00+99:99|is not a date and time this importer can read",
        "AUTO|2024-02-30|is not a date and time this importer can read",
        "AUTO|1700-01-01|is outside the years 1900 to 2199",
        "AUTO|0|is the first instant of 1970, which exports write for a missing time",
        "AUTO|1970-01-01T00:00:00Z|is the first instant of 1970",
        "AUTO|12345678901234567890123|is outside the years 1900 to 2199",
        "EPOCH_SECONDS|NaN|is not an epoch number",
        "EPOCH_SECONDS|Infinity|is not an epoch number",
        "EPOCH_MILLIS|1e12|is not an epoch number",
        "EPOCH_MICROS|99999999999999999999999|is outside the years 1900 to 2199",
    })
    void refusesTimesThatAreNotTimes(TimeFormat format, String text, String reason) {
        assertThatThrownBy(() -> new TimestampParser(format, ZoneId.of("UTC"), null).parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void aPatternRefusesADayTheMonthDoesNotHave() {
        TimestampParser pattern = new TimestampParser(TimeFormat.PATTERN, ZoneId.of("UTC"), "dd/MM/yyyy");
        assertThat(pattern.parse("29/02/2024")).isEqualTo(JAN_1_2024 + 59L * 86_400_000_000L);
        assertThatThrownBy(() -> pattern.parse("31/02/2024")).hasMessage("'31/02/2024' does not match the pattern"
                + " dd/MM/yyyy (or names a day the month does not have)");
    }

    /** Epoch microseconds of an instant written the ISO way, the expected side of the tables below. */
    private static long micros(String instant) {
        Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000L + parsed.getNano() / 1_000;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-01-01t00:00:00z|2024-01-01T00:00:00Z",
        "2024-01-01T05:30:00+05:30|2024-01-01T00:00:00Z",
        "2024-01-01T05:30:00+0530|2024-01-01T00:00:00Z",
        "2024-01-01T05:00:00+05|2024-01-01T00:00:00Z",
        "2023-12-31T14:00:00-10:00|2024-01-01T00:00:00Z",
        "2024-01-01 00:00:00 GMT|2024-01-01T00:00:00Z",
        "2024-01-01 01:00:00 +01:00|2024-01-01T00:00:00Z",
        "'  2024-01-01T00:00:00Z  '|2024-01-01T00:00:00Z",
        "2024-06-30T23:59:59-18:00|2024-07-01T17:59:59Z",
        "2024-02-29T12:00|2024-02-29T12:00:00Z",
        "2024-02-29 12:00|2024-02-29T12:00:00Z",
        "2024-01-01T00:00:00.1Z|2024-01-01T00:00:00.100Z",
        "2024-01-01T00:00:00,5Z|2024-01-01T00:00:00.500Z",
        "2024-01-01T00:00:00.000001Z|2024-01-01T00:00:00.000001Z",
        "2024-01-01T00:00:00.123456789Z|2024-01-01T00:00:00.123456Z",
        "2024-01-01T00:00:00.1234567891Z|2024-01-01T00:00:00.123456Z",
        "1899-12-31T23:00:00-01:00|1900-01-01T00:00:00Z",
    })
    void readsOffsetsZoneWordsLocalTimesAndFractions(String text, String instant) {
        assertThat(TimestampParser.auto().parse(text)).isEqualTo(micros(instant));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTO|1|1970-01-01T00:00:01Z",
        "AUTO|-86400|1969-12-31T00:00:00Z",
        "AUTO|99999999999|5138-11-16T09:46:39Z",
        "AUTO|100000000000|1973-03-03T09:46:40Z",
        "AUTO|1704067200123|2024-01-01T00:00:00.123Z",
        "AUTO|1704067200123.5|2024-01-01T00:00:00.123500Z",
        "AUTO|1704067200123456|2024-01-01T00:00:00.123456Z",
        "AUTO|1704067200123456789|2024-01-01T00:00:00.123456Z",
        "EPOCH_SECONDS|1704067200.25|2024-01-01T00:00:00.250Z",
        "EPOCH_SECONDS|1704067200000|+55970-02-27T00:00:00Z",
        "EPOCH_MILLIS|1704067200|1970-01-20T17:21:07.200Z",
        "EPOCH_MILLIS|1704067200000.5|2024-01-01T00:00:00.000500Z",
        "EPOCH_MICROS|1704067200000001|2024-01-01T00:00:00.000001Z",
    })
    void readsEpochNumbersByMagnitudeOrByTheChosenUnit(TimeFormat format, String text, String instant) {
        TimestampParser parser = new TimestampParser(format, ZoneId.of("UTC"), null);
        long expected = micros(instant);
        if (expected < TimestampParser.EARLIEST_MICROS || expected >= TimestampParser.LATEST_MICROS) {
            assertThatThrownBy(() -> parser.parse(text)).hasMessageContaining("is outside the years 1900 to 2199");
        } else {
            assertThat(parser.parse(text)).isEqualTo(expected);
        }
    }

    /** Zone-less values are read in the chosen zone; a written offset or Z always wins over it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Europe/Berlin|2024-01-01|2023-12-31T23:00:00Z",
        "Europe/Berlin|2024-07-01 12:00:00|2024-07-01T10:00:00Z",
        "Europe/Berlin|2024-07-01T12:00:00Z|2024-07-01T12:00:00Z",
        "Europe/Berlin|2024-07-01T12:00:00-04:00|2024-07-01T16:00:00Z",
        "America/New_York|2024-01-01 00:00:00.5|2024-01-01T05:00:00.500Z",
        "+05:30|2024-01-01 05:30|2024-01-01T00:00:00Z",
        "Asia/Kolkata|2024-01-01|2023-12-31T18:30:00Z",
    })
    void zoneLessTimesAreReadInTheChosenZone(String zone, String text, String instant) {
        TimestampParser parser = new TimestampParser(TimeFormat.AUTO, ZoneId.of(zone), null);
        assertThat(parser.parse(text)).isEqualTo(micros(instant));
    }

    /**
     * Local times that a daylight-saving change makes ambiguous or impossible: a time that happens twice is the
     * earlier one (summer time), a time skipped in spring moves forward by the gap, as java.time resolves them.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Europe/Berlin|2024-10-27 02:30:00|2024-10-27T00:30:00Z",
        "Europe/Berlin|2024-10-27 03:00:00|2024-10-27T02:00:00Z",
        "Europe/Berlin|2024-03-31 02:30:00|2024-03-31T01:30:00Z",
        "Europe/Berlin|2024-03-31 03:00:00|2024-03-31T01:00:00Z",
        "America/New_York|2024-11-03 01:30:00|2024-11-03T05:30:00Z",
        "America/New_York|2024-03-10 02:30:00|2024-03-10T07:30:00Z",
    })
    void daylightSavingGapsAndOverlapsResolveAsJavaTimeDoes(String zone, String text, String instant) {
        TimestampParser parser = new TimestampParser(TimeFormat.AUTO, ZoneId.of(zone), null);
        assertThat(parser.parse(text)).isEqualTo(micros(instant));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTO|2024-01-01T25:00:00Z|'2024-01-01T25:00:00Z' is not a date and time this importer can read (expected e.g."
                + " 2024-05-31 13:45:00, 2024-05-31T13:45:00Z or epoch seconds)",
        "AUTO|2024-1-1|'2024-1-1' is not a date and time this importer can read",
        "AUTO|2024-01-01T10|'2024-01-01T10' is not a date and time this importer can read",
        "AUTO|2024-01-01T10:00:00.Z|'2024-01-01T10:00:00.Z' is not a date and time this importer can read",
        "AUTO|2024-01-01T10:00:00+1|'2024-01-01T10:00:00+1' is not a date and time this importer can read",
        "AUTO|2024-01-01T10:00:60Z|'2024-01-01T10:00:60Z' is not a date and time this importer can read",
        "AUTO|2024-01-01T10:00:00 CET|'2024-01-01T10:00:00 CET' has unexpected text after the time",
        "AUTO|2024-01-01T10:00:00Z[UTC]|'2024-01-01T10:00:00Z[UTC]' has unexpected text after the time",
        "AUTO|yesterday|'yesterday' is not a date and time this importer can read",
        "AUTO|--5|'--5' is not a date and time this importer can read",
        "AUTO|1.2.3|'1.2.3' is not a date and time this importer can read",
        "AUTO|-|'-' is not a date and time this importer can read",
        "AUTO|''|the time is empty",
        "ISO|1704067200|'1704067200' is not a date and time this importer can read",
        "EPOCH_SECONDS|2024-01-01|'2024-01-01' is not an epoch number",
        "EPOCH_MILLIS|-|'-' is not an epoch number",
        "EPOCH_MICROS|1.7e15|'1.7e15' is not an epoch number",
    })
    void refusalsSayWhatWasWrittenAndWhy(TimeFormat format, String text, String message) {
        TimestampParser parser = new TimestampParser(format, ZoneId.of("UTC"), null);
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aLocalTimeThatDoesNotExistIsRefusedInAZoneToo() {
        TimestampParser berlin = new TimestampParser(TimeFormat.AUTO, ZoneId.of("Europe/Berlin"), null);
        assertThatThrownBy(() -> berlin.parse("2024-02-30 10:00:00"))
                .hasMessageStartingWith("'2024-02-30 10:00:00' is not a date and time this importer can read");
        assertThatThrownBy(() -> berlin.parse("2024-01-01 24:00:00"))
                .hasMessageStartingWith("'2024-01-01 24:00:00' is not a date and time this importer can read");
    }

    /** The import hands the parser the file's UTF-8 bytes: a refusal quotes the value as the file wrote it. */
    @Test
    void aRefusalOfUtf8BytesQuotesTheValueAsWritten() {
        byte[] bytes = "x,31 décembre 2023 à 10h,y".getBytes(StandardCharsets.UTF_8);
        int from = 2;
        int to = bytes.length - 2;
        assertThatThrownBy(() -> TimestampParser.auto().parse(bytes, from, to))
                .hasMessageStartingWith("'31 décembre 2023 à 10h' is not a date and time this importer can read");
        assertThatThrownBy(() -> new TimestampParser(TimeFormat.EPOCH_SECONDS, null, null).parse(bytes, from, to))
                .hasMessage("'31 décembre 2023 à 10h' is not an epoch number");
        assertThatThrownBy(() -> TimestampParser.auto().parse("2024−01−01"))
                .hasMessageStartingWith("'2024−01−01' is not a date and time this importer can read");
    }

    @Test
    void aPatternWithTextBeyondAsciiReadsTheFilesBytes() {
        TimestampParser pattern = new TimestampParser(TimeFormat.PATTERN, ZoneId.of("UTC"), "dd.MM.yyyy 'à' HH:mm");
        byte[] bytes = "01.01.2024 à 00:00".getBytes(StandardCharsets.UTF_8);
        assertThat(pattern.parse(bytes, 0, bytes.length)).isEqualTo(JAN_1_2024);
        assertThat(pattern.parse("01.01.2024 à 00:00")).isEqualTo(JAN_1_2024);
    }
}
