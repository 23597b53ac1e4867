package io.funnelworkbench.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The ranges a numeric breakdown puts users in (FUNNEL-SEMANTICS.md, "Breakdown", "Numbers in ranges"): up to 6
 * distinct numbers are a group each; beyond, the sixths of the users' values (5 quantiles) rounded to one
 * significant digit, or two or three when one leaves fewer than 4 edges, split them into at most 6 ranges, each
 * from its lower edge (included) to the next (excluded). Ranges without users are left out. Six: few enough to
 * compare at a glance, enough to show a trend across the values.
 */
public final class NumericBuckets {
    static final int MAX_SINGLE_VALUES = 6;
    private static final int PARTS = 6;
    private static final int ENOUGH_EDGES = 4;
    private static final int MAX_DIGITS = 3;

    private final List<String> labels;
    private final int[] bucketOfValue;

    private NumericBuckets(List<String> labels, int[] bucketOfValue) {
        this.labels = List.copyOf(labels);
        this.bucketOfValue = bucketOfValue;
    }

    /** The range labels, lowest first. */
    List<String> labels() {
        return labels;
    }

    /** The range index of value id {@code value}, or -1 for a value that is not a number or has no users. */
    int bucketOf(int value) {
        return bucketOfValue[value];
    }

    /**
     * Ranges for the values {@code numbers} (by value id, NaN for none) held by {@code users} users each; only
     * values with users count.
     */
    static NumericBuckets of(double[] numbers, long[] users) {
        int[] ids = IntStream.range(0, numbers.length).filter(v -> users[v] > 0 && !Double.isNaN(numbers[v]))
                .boxed().sorted(Comparator.comparingDouble(v -> numbers[v])).mapToInt(Integer::intValue).toArray();
        double[] distinct = Arrays.stream(ids).mapToDouble(v -> numbers[v]).distinct().toArray();
        Edges edges = distinct.length <= MAX_SINGLE_VALUES ? Edges.single(distinct)
                : Edges.rounded(numbers[ids[0]], quantiles(ids, numbers, users));
        long[] usersPerRange = new long[edges.ranges()];
        int[] rangeOfValue = new int[numbers.length];
        Arrays.fill(rangeOfValue, -1);
        for (int v : ids) {
            rangeOfValue[v] = edges.rangeOf(numbers[v]);
            usersPerRange[rangeOfValue[v]] += users[v];
        }
        Ranges ranges = Ranges.of(edges, usersPerRange);
        int[] bucketOfValue = Arrays.stream(rangeOfValue).map(r -> r < 0 ? -1 : ranges.bucketOfRange()[r])
                .toArray();
        return new NumericBuckets(ranges.labels(), bucketOfValue);
    }

    /**
     * Where the ranges are cut: the distinct numbers themselves when there are at most 6 ({@code single}), else
     * the rounded quantile edges strictly above the {@code lowest} number. Range r holds the numbers with r edges
     * at or below them (range 0: below the first edge). A team back-end computes the quantiles where the numbers
     * are and decides the edges here.
     */
    public record Edges(double[] values, boolean single, double lowest) {
        /** The distinct numbers of the users (at most 6), each its own range. */
        public static Edges single(double[] distinct) {
            return new Edges(distinct.clone(), true, distinct.length == 0 ? 0 : distinct[0]);
        }

        /**
         * More than 6 distinct numbers: {@code quantiles} are the numbers of the ceil(k * n / 6)-th of the n users
         * in number order, k = 1 to 5 ({@link #atQuantile}), {@code lowest} the lowest number.
         */
        public static Edges rounded(double lowest, double[] quantiles) {
            return new Edges(edges(quantiles, lowest), false, lowest);
        }

        /** How many ranges the edges make (some may have no users). */
        public int ranges() {
            return values.length + 1;
        }

        /** The range of {@code number}: how many edges are at or below it. */
        public int rangeOf(double number) {
            return upperBound(values, number);
        }
    }

    /** The labels of the ranges with users, and each range's index among them (-1 for a range without users). */
    public record Ranges(List<String> labels, int[] bucketOfRange) {
        /** The ranges {@code edges} make, {@code usersPerRange} users in each. */
        public static Ranges of(Edges edges, long[] usersPerRange) {
            int[] kept = new int[usersPerRange.length];
            List<String> labels = new ArrayList<>();
            for (int range = 0; range < usersPerRange.length; range++) {
                kept[range] = usersPerRange[range] > 0 ? labels.size() : -1;
                if (usersPerRange[range] > 0) {
                    labels.add(edges.single() ? plain(edges.values()[range - 1])
                            : label(edges.values(), range, edges.lowest()));
                }
            }
            return new Ranges(List.copyOf(labels), kept);
        }
    }

    /**
     * Whether the users' numbers {@code before} (exclusive) to {@code through} (inclusive) in number order, of
     * {@code total}, hold the k-th quantile (the ceil(k * total / 6)-th user), k = 1 to 5: the rule of
     * {@link #quantiles}, for a team back-end that counts the users per number where they are.
     */
    public static boolean atQuantile(int k, long before, long through, long total) {
        return through * PARTS >= total * k && before * PARTS < total * k;
    }

    /** How many quantiles decide the edges (5: the sixths). */
    public static int quantileCount() {
        return PARTS - 1;
    }

    /** Above this many distinct numbers, the numbers are cut at rounded quantiles. */
    public static int maxSingleValues() {
        return MAX_SINGLE_VALUES;
    }

    /** The rounded quantile edges strictly above the lowest value, with the fewest digits that give enough. */
    private static double[] edges(double[] quantiles, double lowest) {
        double[] best = new double[0];
        for (int digits = 1; digits <= MAX_DIGITS && best.length < ENOUGH_EDGES; digits++) {
            TreeSet<Double> rounded = new TreeSet<>();
            for (double q : quantiles) {
                double edge = round(q, digits);
                if (edge > lowest) {
                    rounded.add(edge);
                }
            }
            if (rounded.size() > best.length) {
                best = rounded.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        return best;
    }

    /** The value of the ceil(k * n / 6)-th of the n users in value order, k = 1 to 5. */
    private static double[] quantiles(int[] ids, double[] numbers, long[] users) {
        long total = Arrays.stream(ids).mapToLong(v -> users[v]).sum();
        double[] quantiles = new double[PARTS - 1];
        long seen = 0;
        for (int v : ids) {
            long before = seen;
            seen += users[v];
            for (int k = 1; k < PARTS; k++) {
                if (atQuantile(k, before, seen, total)) {
                    quantiles[k - 1] = numbers[v];
                }
            }
        }
        return quantiles;
    }

    private static double round(double value, int digits) {
        return BigDecimal.valueOf(value).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }

    private static int upperBound(double[] edges, double value) {
        int count = 0;
        while (count < edges.length && edges[count] <= value) {
            count++;
        }
        return count;
    }

    private static String label(double[] edges, int range, double lowest) {
        if (edges.length == 0) {
            return "≥ " + plain(lowest);
        }
        if (range == 0) {
            return lowest >= 0 ? "0–" + plain(edges[0]) : "< " + plain(edges[0]);
        }
        return range == edges.length ? "≥ " + plain(edges[range - 1])
                : plain(edges[range - 1]) + "–" + plain(edges[range]);
    }

    /** A number as plain digits, without exponent or trailing zeros: 2500, 0.5, -3. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
