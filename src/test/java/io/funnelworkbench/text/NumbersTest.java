package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"0, 0%", "1, 100%", "0.0004, 0.04%", "0.9997, 99.9%", "0.5, 50.0%", "0.9995, 99.9%",
        "0.99949, 99.9%", "0.00004, <0.01%", "0.00999, 1.00%", "0.123456, 12.3%", "0.0105, 1.1%"})
    void percentNeverRoundsToZeroOrAHundredUnlessExact(double rate, String text) {
        assertThat(Numbers.percent(rate)).isEqualTo(text);
    }

    @Test
    void aMissingRateReadsAsNone() {
        assertThat(Numbers.percent(Double.NaN)).isEqualTo(Numbers.NONE);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {"0|0", "999|999", "1234567|1,234,567", "-4200|-4,200"})
    void countsHaveThousandsSeparators(long value, String text) {
        assertThat(Numbers.count(value)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {"9999|9,999", "12345|12.3k", "20000|20k", "4500000|4.5M", "3000000|3M"})
    void compactCountsShortenLargeNumbers(long value, String text) {
        assertThat(Numbers.compactCount(value)).isEqualTo(text);
    }

    @Test
    void countedAddsThePluralNounUnlessExactlyOne() {
        assertThat(Numbers.counted(1, "user")).isEqualTo("1 user");
        assertThat(Numbers.counted(0, "user")).isEqualTo("0 users");
        assertThat(Numbers.counted(1204, "event")).isEqualTo("1,204 events");
    }

    @Test
    void intervalsShareOnePercentSign() {
        assertThat(Numbers.interval(new Interval(0.102, 0.129))).isEqualTo("10.2–12.9%");
        assertThat(Numbers.interval(new Interval(0.0004, 0.012))).isEqualTo("0.04–1.2%");
        assertThat(Numbers.interval(null)).isEqualTo(Numbers.NONE);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {"0|0", "25|25", "19.99|19.99", "12.5|12.50", "999.994|999.99",
        "1049|1,049", "1234567.4|1,234,567", "-3.25|-3.25"})
    void moneyShowsCentsOnlyOnSmallAmountsThatHaveThem(double amount, String text) {
        assertThat(Numbers.money(amount)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {"0.0000001|< 0.001", "0.0009|< 0.001", "0.001|0.001", "0.0456|0.046",
        "0.5|0.500", "1|1.000"})
    void pValuesHaveThreeDecimalsOrABound(double p, String text) {
        assertThat(Numbers.pValue(p)).isEqualTo(text);
    }

    @Test
    void ratiosAndLifts() {
        assertThat(Numbers.ratio(1.234)).isEqualTo("1.23");
        assertThat(Numbers.ratio(0.5)).isEqualTo("0.50");
        assertThat(Numbers.ratio(1234.4)).isEqualTo("1,234");
        assertThat(Numbers.ratio(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(Numbers.ratio(Double.NaN)).isEqualTo(Numbers.NONE);
        assertThat(Numbers.lift(1.8)).isEqualTo("1.80×");
        assertThat(Numbers.lift(null)).isEqualTo(Numbers.NONE);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {"0|0%", "0.2|20%", "0.025|2.5%", "1|100%"})
    void axisPercentsAreCompact(double rate, String text) {
        assertThat(Numbers.axisPercent(rate)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {"512|512 bytes", "1536|1.5 KB", "10485760|10 MB", "4294967296|4.0 GB"})
    void byteSizesUseTheLargestUnit(long bytes, String text) {
        assertThat(Numbers.bytes(bytes)).isEqualTo(text);
    }

    @Test
    void differencesOfRatesAreSignedPercentagePoints() {
        assertThat(Numbers.points(0.5)).isEqualTo("+50.0 pp");
        assertThat(Numbers.points(-0.0034)).isEqualTo("-0.3 pp");
        assertThat(Numbers.points(-0.0004)).isEqualTo("0.0 pp");
        assertThat(Numbers.points(0.0)).isEqualTo("0.0 pp");
        assertThat(Numbers.points(null)).isEqualTo(Numbers.NONE);
        assertThat(Numbers.pointsInterval(new Interval(-0.135488, 0.789083))).isEqualTo("-13.5 to +78.9 pp");
        assertThat(Numbers.pointsInterval(null)).isEqualTo(Numbers.NONE);
    }
}
