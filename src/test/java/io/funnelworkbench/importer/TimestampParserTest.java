package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

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
}
