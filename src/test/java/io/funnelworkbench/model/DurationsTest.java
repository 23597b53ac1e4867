package io.funnelworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"0, 0 s", "44.5, 45 s", "59.4, 59 s", "60, 1 min", "754, 13 min", "3600, 1 h",
        "12600, 3 h 30 min", "86399, 1 d", "86400, 1 d", "90720, 1 d 1 h", "604800, 7 d"})
    void describesLengthsOfTimeInTheTwoLargestUnits(double seconds, String words) {
        assertThat(Durations.describe(seconds)).isEqualTo(words);
    }

    @Test
    void parsesAndFormatsWindows() {
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse(" 90 ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("1w");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("'soon' is not a duration");
        for (String huge : List.of("99999999999999999d", "9223372036854775807w", "99999999999999999999")) {
            assertThatThrownBy(() -> Durations.parse(huge)).hasMessage("'" + huge + "' is longer than any window"
                    + " can be; write it in days or weeks, such as 30d or 52w.");
        }
    }
}
