package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Interval;
import java.util.Arrays;

/** The statistics the reports use: Wilson intervals, percentiles and Fisher's exact test. */
public final class Statistics {
    /** The two-sided 95% normal quantile. */
    public static final double Z_95 = 1.959963984540054;

    private Statistics() {
    }

    /** A fraction that is 0 when its base is 0, never NaN. */
    public static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Wilson score interval of {@code successes} out of {@code trials}; [0, 0] when there are no trials. */
    public static Interval wilson(long successes, long trials) {
        if (trials == 0) {
            return new Interval(0, 0);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z_95 * Z_95;
        double centre = p + z2 / (2 * n);
        double spread = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double denominator = 1 + z2 / n;
        return new Interval(Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator));
    }

    /**
     * Newcombe's hybrid score interval (method 10 of Newcombe 1998) for the difference {@code a/m - b/n} of two
     * independent proportions, built from each side's Wilson interval without continuity correction. Null when
     * either side has no trials: the difference does not exist then.
     */
    public static Interval newcombeDifference(long a, long m, long b, long n) {
        if (m == 0 || n == 0) {
            return null;
        }
        double p1 = (double) a / m;
        double p2 = (double) b / n;
        Interval w1 = wilson(a, m);
        Interval w2 = wilson(b, n);
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1.low()) + square(w2.high() - p2));
        double high = d + Math.sqrt(square(w1.high() - p1) + square(p2 - w2.low()));
        return new Interval(Math.max(-1, low), Math.min(1, high));
    }

    private static double square(double x) {
        return x * x;
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones. */
    public static double median(double[] sorted) {
        long[] ranks = medianRanks(sorted.length);
        return (sorted[(int) ranks[0] - 1] + sorted[(int) ranks[1] - 1]) / 2;
    }

    /** The 1-based ranks of the two middle values of {@code n} (the same one twice when n is odd). */
    public static long[] medianRanks(long n) {
        return n % 2 == 1 ? new long[] {n / 2 + 1, n / 2 + 1} : new long[] {n / 2, n / 2 + 1};
    }

    /** Nearest-rank percentile of sorted values: the ceil(q·n)-th smallest. */
    public static double percentile(double[] sorted, double q) {
        return sorted[(int) percentileRank(sorted.length, q) - 1];
    }

    /** The 1-based rank of the nearest-rank percentile q of {@code n} values: ceil(q·n), within 1 to n. */
    public static long percentileRank(long n, double q) {
        long rank = (long) Math.ceil(q * n);
        return Math.max(1, Math.min(n, rank));
    }

    public static double mean(double[] values) {
        return Arrays.stream(values).sum() / values.length;
    }

    /**
     * Two-sided p-value of Fisher's exact test for the 2×2 table [[a, b], [c, d]]: the total probability of
     * all tables with the same margins that are no more likely than the observed one.
     */
    public static double fisherExact(long a, long b, long c, long d) {
        long row1 = a + b;
        long col1 = a + c;
        long n = a + b + c + d;
        long low = Math.max(0, col1 - (n - row1));
        long high = Math.min(row1, col1);
        // The tables' probabilities relative to the most likely one, walking out from it by the ratio of
        // neighbouring terms: one multiplication a table instead of six logarithms, and the walk stops where the
        // terms are too small to change the sum. Linear in the counts either way, this is what keeps comparing
        // periods of hundreds of thousands of users fast.
        long mode = Math.max(low, Math.min(high, (long) Math.floor((row1 + 1.0) * (col1 + 1.0) / (n + 2.0))));
        double logMode = logHypergeometric(mode, row1, col1, n);
        double observed = logHypergeometric(a, row1, col1, n);
        // A relative tolerance keeps tables equal to the observed one in floating point from being missed.
        double threshold = Math.exp(observed + 1e-7 * Math.abs(observed) + 1e-12 - logMode);
        double rest = n - row1 - col1;
        double total = 1 <= threshold ? 1 : 0;
        double term = 1;
        for (long x = mode; x < high && term > NEGLIGIBLE; x++) {
            term *= (double) (col1 - x) * (row1 - x) / ((x + 1.0) * (rest + x + 1));
            total += term <= threshold ? term : 0;
        }
        term = 1;
        for (long x = mode; x > low && term > NEGLIGIBLE; x--) {
            term *= (double) x * (rest + x) / ((col1 - x + 1.0) * (row1 - x + 1));
            total += term <= threshold ? term : 0;
        }
        return Math.min(1, total * Math.exp(logMode));
    }

    /** Tables less likely than this, relative to the most likely one, add nothing a p-value shows. */
    private static final double NEGLIGIBLE = 1e-300;

    private static double logHypergeometric(long x, long row1, long col1, long n) {
        return logChoose(col1, x) + logChoose(n - col1, row1 - x) - logChoose(n, row1);
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static final double[] SMALL_LOG_FACTORIALS = new double[1024];

    static {
        for (int i = 1; i < SMALL_LOG_FACTORIALS.length; i++) {
            SMALL_LOG_FACTORIALS[i] = SMALL_LOG_FACTORIALS[i - 1] + Math.log(i);
        }
    }

    /** ln(n!), exact by summation for small n and by Stirling's series beyond. */
    static double logFactorial(long n) {
        if (n < SMALL_LOG_FACTORIALS.length) {
            return SMALL_LOG_FACTORIALS[(int) n];
        }
        double x = n + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x)
                + 1 / (1260 * Math.pow(x, 5));
    }
}
