package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelworkbench.model.Interval;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void fisherExactMatchesPublishedValues() {
        // Fisher's tea-tasting experiment, as in R's fisher.test documentation: p = 0.4857.
        assertThat(Statistics.fisherExact(3, 1, 1, 3)).isCloseTo(0.485714, within(1e-6));
        // Agresti (2002), p. 91, and R: fisher.test(matrix(c(1, 11, 9, 3), 2)) gives p = 0.002759.
        assertThat(Statistics.fisherExact(1, 9, 11, 3)).isCloseTo(0.0027594, within(1e-6));
    }

    @Test
    void fisherExactByHandOnASmallTable() {
        // Margins 2/2 of 4: tables x=0,1,2 have probabilities 1/6, 4/6, 1/6; x=0 observed -> 1/6 + 1/6.
        assertThat(Statistics.fisherExact(0, 2, 2, 0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Statistics.fisherExact(1, 1, 1, 1)).isCloseTo(1.0, within(1e-12));
        assertThat(Statistics.fisherExact(0, 0, 0, 0)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fisherExactStaysAccurateForLargeCounts() {
        // Symmetric table: every p-value is 1; a strongly unbalanced one is tiny but positive.
        assertThat(Statistics.fisherExact(5000, 5000, 5000, 5000)).isCloseTo(1.0, within(1e-9));
        double p = Statistics.fisherExact(300, 700, 100, 900);
        assertThat(p).isPositive().isLessThan(1e-25);
    }

    /** The walk out from the most likely table sums what the sum over every table sums, large or small. */
    @Test
    void fisherExactAgreesWithTheSumOverEveryTable() {
        long[][] tables = {{3, 1, 1, 3}, {1, 9, 11, 3}, {0, 5, 7, 0}, {120, 80, 95, 105}, {18_334, 23_734, 17_000,
            23_000}, {91_670, 118_670, 85_000, 115_000}, {0, 40, 1, 39}, {30, 0, 0, 30}, {7, 993, 15, 985}};
        for (long[] t : tables) {
            double reference = sumOverEveryTable(t[0], t[1], t[2], t[3]);
            assertThat(Statistics.fisherExact(t[0], t[1], t[2], t[3])).as(Arrays.toString(t))
                    .isCloseTo(reference, within(1e-9 * Math.max(reference, 1e-300)));
        }
    }

    /** The two-sided p-value as the definition says: every table with these margins, each term on its own. */
    private static double sumOverEveryTable(long a, long b, long c, long d) {
        long row1 = a + b;
        long col1 = a + c;
        long n = a + b + c + d;
        double observed = logP(a, row1, col1, n);
        double total = 0;
        for (long x = Math.max(0, col1 - (n - row1)); x <= Math.min(row1, col1); x++) {
            double log = logP(x, row1, col1, n);
            total += log <= observed + 1e-7 * Math.abs(observed) + 1e-12 ? Math.exp(log) : 0;
        }
        return Math.min(1, total);
    }

    private static double logP(long x, long row1, long col1, long n) {
        return logChoose(col1, x) + logChoose(n - col1, row1 - x) - logChoose(n, row1);
    }

    private static double logChoose(long n, long k) {
        return Statistics.logFactorial(n) - Statistics.logFactorial(k) - Statistics.logFactorial(n - k);
    }

    @Test
    void wilsonIntervalByHand() {
        Interval half = Statistics.wilson(5, 10);
        assertThat(half.low()).isCloseTo(0.23659, within(1e-5));
        assertThat(half.high()).isCloseTo(0.76341, within(1e-5));
        Interval none = Statistics.wilson(0, 20);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.16113, within(1e-5));
        assertThat(Statistics.wilson(0, 0)).isEqualTo(new Interval(0, 0));
    }

    @Test
    void ratesAreZeroWithoutABase() {
        assertThat(Statistics.rate(0, 0)).isZero();
        assertThat(Statistics.rate(1, 4)).isEqualTo(0.25);
    }

    @Test
    void medianAndNearestRankPercentile() {
        assertThat(Statistics.median(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
        assertThat(Statistics.median(new double[] {1, 2, 9})).isEqualTo(2);
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Statistics.percentile(ten, 0.9)).isEqualTo(9);
        assertThat(Statistics.percentile(new double[] {7}, 0.9)).isEqualTo(7);
    }

    @Test
    void logFactorialIsExactEnoughBeyondTheTable() {
        double summed = 0;
        for (int i = 1; i <= 5000; i++) {
            summed += Math.log(i);
        }
        assertThat(Statistics.logFactorial(5000)).isCloseTo(summed, within(1e-6));
    }
}
