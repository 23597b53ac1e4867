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
}
