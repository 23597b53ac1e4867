package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {
    @ParameterizedTest(name = "{0} s reads {1}")
    @CsvSource(nullValues = "null", value = {"0, 0 s", "59, 59 s", "60, 1 min", "3599, 1 h", "3600, 1 h",
        "12000, 3 h 20 min", "86400, 1 d", "190000, 2 d 5 h", "null, —", "44.5, 45 s", "59.6, 1 min",
        "754, 13 min", "86399, 1 d", "90720, 1 d 1 h", "604800, 7 d", "172800, 2 d", "187200, 2 d 4 h"})
    void durationsUseTheTwoLargestUnits(Double seconds, String text) {
        assertThat(Times.duration(seconds)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} s reads {1}")
    @CsvSource({"0, 0", "45, 45s", "60, 1m", "900, 15m", "10800, 3h", "86400, 1d", "2592000, 30d"})
    void axisEdgesAreCompact(double seconds, String text) {
        assertThat(Times.axisEdge(seconds)).isEqualTo(text);
    }

    @Test
    void windowsReadAsAdjectives() {
        assertThat(Times.window(Duration.ofDays(7))).isEqualTo("7-day");
        assertThat(Times.window(Duration.ofMinutes(30))).isEqualTo("30-minute");
        assertThat(Times.window(Duration.ofHours(36))).isEqualTo("36-hour");
        assertThat(Times.window(Duration.ofSeconds(90))).isEqualTo("90-second");
    }
}
