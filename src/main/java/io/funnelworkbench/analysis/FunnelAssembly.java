package io.funnelworkbench.analysis;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The one home of how a funnel's aggregates become its result (FUNNEL-SEMANTICS.md, "Metrics per step",
 * "Breakdown", "Trend"): step results from users per step, time statistics, values and optional-step users; time
 * statistics from a count, an exact sum and a few order statistics; the breakdown groups from users per value; the
 * trend points from counts per day; the headline steps. The local calculator feeds it from its per-user arrays and
 * the Spark back-end from aggregates computed on the cluster, so both give the same result.
 */
public final class FunnelAssembly {
    /**
     * Histogram bin edges in seconds: 1 min, 5 min, 15 min, 1 h, 3 h, 12 h, 1 d, 3 d, 7 d, 30 d, 60 d, 90 d, 180 d,
     * 365 d. Bins starting at or past the window stay empty, and charts leave them out, so the bins follow the
     * window: a B2B funnel with a 500-day window is not lumped into one "30d+" bar.
     */
    static final double[] HISTOGRAM_EDGES = {0, 60, 300, 900, 3_600, 10_800, 43_200, 86_400, 259_200, 604_800,
        2_592_000, 5_184_000, 7_776_000, 15_552_000, 31_536_000};
    public static final int TOP_GROUPS = 25;
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final double MICROS_PER_SECOND = 1e6;

    private final FunnelSpec full;
    private final FunnelSpec required;
    private final LocalDate coveredFrom;
    private final LocalDate coveredTo;

    /**
     * For {@code full}, the funnel as asked (optional steps included), over data whose first and last events are
     * at {@code dataFirstTime} and {@code dataLastTime} (epoch microseconds): the trend's partial periods.
     */
    public FunnelAssembly(FunnelSpec full, long dataFirstTime, long dataLastTime) {
        this.full = full;
        this.required = full.requiredOnly();
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(dataFirstTime, MICROS_PER_DAY));
        LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(dataLastTime, MICROS_PER_DAY));
        // The trend can hold entries from the data's first day (or the entry range's, if later) to its last.
        this.coveredFrom = full.entryFrom() != null && full.entryFrom().isAfter(first) ? full.entryFrom() : first;
        this.coveredTo = full.entryTo() != null && full.entryTo().isBefore(last) ? full.entryTo() : last;
    }

    /** The required steps: the length of an attempt. */
    public int requiredSteps() {
        return required.steps().size();
    }

    /**
     * Whether required step {@code step}'s (1-based) value is a sum over its users' events (a value read from a
     * property); otherwise it is the fixed amount times the users ({@link #stepValue}) and needs no per-user work.
     */
    public boolean valueFromProperty(int step) {
        return required.steps().get(step - 1).value().fromProperty() != null;
    }

    /** Required step {@code step}'s value: its fixed amount × its users, or {@code propertySum} for a property. */
    public double stepValue(int step, long users, double propertySum) {
        GoalValue value = required.steps().get(step - 1).value();
        return value.fromProperty() != null ? propertySum : value.fixedAmount() * users;
    }

    /**
     * One group's steps, optional ones in place: {@code reached[j]} the users whose furthest required step is at
     * least j (1 to the required steps); {@code times[j][0]} and {@code [1]} the times from the previous and from
     * the first step to required step j; {@code values[j]} its value; {@code optionalUsers[o]} the users who did
     * optional step o (in step order).
     */
    public List<StepResult> steps(long[] reached, TimeStats[][] times, double[] values, long[] optionalUsers) {
        int steps = requiredSteps();
        List<StepResult> group = new ArrayList<>();
        for (int j = 1; j <= steps; j++) {
            long stepUsers = reached[j];
            long previous = j == 1 ? stepUsers : reached[j - 1];
            long dropped = j < steps ? stepUsers - reached[j + 1] : 0;
            group.add(new StepResult(j, required.steps().get(j - 1).name(), stepUsers,
                    Statistics.rate(stepUsers, previous), Statistics.wilson(stepUsers, previous),
                    Statistics.rate(stepUsers, reached[1]), Statistics.wilson(stepUsers, reached[1]), dropped,
                    Statistics.rate(dropped, stepUsers), times[j][0], times[j][1], values[j], false));
        }
        return full.hasOptionalSteps() ? withOptional(group, optionalUsers) : group;
    }

    /**
     * The results of the funnel as asked from those of its required steps: required steps renumbered in place,
     * each optional step counted from {@code optionalUsers} (in step order), its conversion from the required step
     * before it.
     */
    private List<StepResult> withOptional(List<StepResult> requiredSteps, long[] optionalUsers) {
        List<StepResult> all = new ArrayList<>();
        TimeStats none = noTimes();
        int r = 0;
        int o = 0;
        long firstUsers = requiredSteps.get(0).users();
        for (int i = 1; i <= full.steps().size(); i++) {
            FunnelSpec.Step step = full.steps().get(i - 1);
            if (step.optional()) {
                long done = optionalUsers[o++];
                long before = requiredSteps.get(r - 1).users();
                all.add(new StepResult(i, step.name(), done, Statistics.rate(done, before),
                        Statistics.wilson(done, before), Statistics.rate(done, firstUsers),
                        Statistics.wilson(done, firstUsers), 0, 0, none, none, 0, true));
            } else {
                StepResult s = requiredSteps.get(r++);
                all.add(new StepResult(i, s.name(), s.users(), s.conversionFromPrevious(),
                        s.conversionFromPreviousInterval(), s.conversionFromFirst(), s.conversionFromFirstInterval(),
                        s.dropped(), s.dropOffRate(), s.timeFromPrevious(), s.timeFromFirst(), s.value(), false));
            }
        }
        return all;
    }

    /** The funnel's result from its overall steps, breakdown groups, flags counted over all users and trend. */
    public FunnelResult result(List<StepResult> overall, List<BreakdownGroup> breakdown, long stillOpen,
                               long excluded, List<TrendPoint> trend) {
        return new FunnelResult(required.order(), required.window(), overall, breakdown,
                required.breakdownProperty(), required.attribution(), largestDropOff(overall), slowest(overall),
                stillOpen, excluded, trend, required.trendPeriod(), required.countBy());
    }

    // ---- Time to convert ----

    /** The histogram's edges in microseconds: a time in µs is below an edge exactly when its seconds are. */
    public static long[] histogramEdgesMicros() {
        return Arrays.stream(HISTOGRAM_EDGES).mapToLong(edge -> (long) edge * 1_000_000L).toArray();
    }

    /**
     * The 1-based ranks (in ascending order) of the durations the statistics read among {@code count} of them: the
     * two middle ones for the median (the same one twice when the count is odd) and the p90's.
     */
    public static long[] statisticRanks(long count) {
        long[] median = Statistics.medianRanks(count);
        return new long[] {median[0], median[1], Statistics.percentileRank(count, 0.9)};
    }

    /** The statistics of no durations: step 1's, an optional step's, or a step nobody reached. */
    public static TimeStats noTimes() {
        return timeStats(0, BigInteger.ZERO, null, new long[HISTOGRAM_EDGES.length]);
    }

    /**
     * Time statistics from aggregates of durations in microseconds: how many, their exact sum, the durations at
     * {@link #statisticRanks} (null when there are none) and how many fall in each histogram bin (each to the bin
     * of the largest edge at or below it, those below 0 to the first). The mean is the exact sum divided once, so
     * it does not depend on the order the durations were added in.
     */
    public static TimeStats timeStats(long count, BigInteger sumMicros, long[] atRanks, long[] binCounts) {
        List<TimeStats.HistogramBin> bins = new ArrayList<>();
        for (int b = 0; b < HISTOGRAM_EDGES.length; b++) {
            Double upper = b + 1 < HISTOGRAM_EDGES.length ? HISTOGRAM_EDGES[b + 1] : null;
            bins.add(new TimeStats.HistogramBin(HISTOGRAM_EDGES[b], upper, binCounts[b]));
        }
        if (count == 0) {
            return new TimeStats(0, null, null, null, bins);
        }
        double median = Statistics.median(new double[] {atRanks[0] / MICROS_PER_SECOND,
            atRanks[1] / MICROS_PER_SECOND});
        BigDecimal countMicros = BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(1_000_000));
        double mean = new BigDecimal(sumMicros).divide(countMicros, MathContext.DECIMAL128).doubleValue();
        return new TimeStats(count, median, mean, atRanks[2] / MICROS_PER_SECOND, bins);
    }

    /** Time statistics of durations in microseconds, sorted ascending. */
    public static TimeStats timeStats(long[] sortedMicros) {
        int n = sortedMicros.length;
        long[] binCounts = new long[HISTOGRAM_EDGES.length];
        long[] edges = histogramEdgesMicros();
        int below = 0;
        for (int b = 1; b <= edges.length; b++) {
            int end = b < edges.length ? lowerBound(sortedMicros, edges[b]) : n;
            binCounts[b - 1] = end - below;
            below = end;
        }
        if (n == 0) {
            return timeStats(0, BigInteger.ZERO, null, binCounts);
        }
        long[] ranks = statisticRanks(n);
        long[] atRanks = new long[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            atRanks[i] = sortedMicros[(int) ranks[i] - 1];
        }
        return timeStats(n, exactSum(sortedMicros), atRanks, binCounts);
    }

    /** The exact sum of {@code values}: in a long while it fits (always, short of centuries of durations). */
    private static BigInteger exactSum(long[] values) {
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            long next = sum + values[i];
            if (((sum ^ next) & (values[i] ^ next)) < 0) {
                BigInteger big = BigInteger.valueOf(sum);
                for (int k = i; k < values.length; k++) {
                    big = big.add(BigInteger.valueOf(values[k]));
                }
                return big;
            }
            sum = next;
        }
        return BigInteger.valueOf(sum);
    }

    /** The first index whose value is at least {@code key} ({@code sorted.length} if none). */
    private static int lowerBound(long[] sorted, long key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < key) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    // ---- Headline ----

    private static Integer largestDropOff(List<StepResult> steps) {
        Integer largest = null;
        long most = 0;
        for (StepResult step : steps) {
            if (step.dropped() > most) {
                most = step.dropped();
                largest = step.number();
            }
        }
        return largest;
    }

    private static Integer slowest(List<StepResult> steps) {
        Integer slowest = null;
        double longest = -1;
        for (StepResult step : steps) {
            Double median = step.timeFromPrevious().medianSeconds();
            if (step.number() > 1 && median != null && median > longest) {
                longest = median;
                slowest = step.number();
            }
        }
        return slowest;
    }

    // ---- Breakdown groups ----

    /**
     * A group per value, the top 25 by users entering, then Other: {@code labels} and {@code entered} by value id,
     * ids in tie order (the order the values first appeared, the missing value first; only the top 25's labels are
     * read). Fills each value id's group index in {@code groupOfValue} (-1 for values without users); the groups
     * have no steps yet.
     */
    public static List<BreakdownGroup> rankedGroups(IntFunction<String> labels, long[] entered, int[] groupOfValue) {
        Integer[] ranked = new Integer[entered.length];
        for (int v = 0; v < ranked.length; v++) {
            ranked[v] = v;
        }
        Arrays.sort(ranked, Comparator.<Integer>comparingLong(v -> -entered[v]).thenComparing(v -> v));
        Arrays.fill(groupOfValue, -1);
        List<BreakdownGroup> groups = new ArrayList<>();
        for (int i = 0; i < ranked.length && i < TOP_GROUPS && entered[ranked[i]] > 0; i++) {
            int value = ranked[i];
            groupOfValue[value] = groups.size();
            groups.add(new BreakdownGroup(labels.apply(value), false, List.of()));
        }
        int top = groups.size();
        for (int v = 0; v < entered.length; v++) {
            if (groupOfValue[v] < 0 && entered[v] > 0) {
                groupOfValue[v] = top;
            }
        }
        if (Arrays.stream(groupOfValue).anyMatch(g -> g == top)) {
            groups.add(new BreakdownGroup(null, true, List.of()));
        }
        return groups;
    }

    /**
     * For a numeric property: a group per range of values, lowest first, then "(none)" for users without a
     * number; {@code numbers} (NaN for none) and {@code entered} by value id. Fills each value id's group.
     */
    public static List<BreakdownGroup> rangeGroups(double[] numbers, long[] entered, int[] groupOfValue) {
        NumericBuckets buckets = NumericBuckets.of(numbers, entered);
        int none = buckets.labels().size();
        boolean anyNone = false;
        for (int v = 0; v < entered.length; v++) {
            groupOfValue[v] = buckets.bucketOf(v) >= 0 ? buckets.bucketOf(v) : none;
            anyNone |= buckets.bucketOf(v) < 0 && entered[v] > 0;
        }
        return rangeGroups(buckets.labels(), anyNone);
    }

    /**
     * The groups of a numeric breakdown from its ranges (for a back-end that counts the users per range where the
     * numbers are): one per range with users, in range order, then "(none)" when {@code anyNone} (users without a
     * number entered).
     */
    public static List<BreakdownGroup> rangeGroups(List<String> labels, boolean anyNone) {
        List<BreakdownGroup> groups = new ArrayList<>();
        labels.forEach(label -> groups.add(new BreakdownGroup(label, false, List.of())));
        if (anyNone) {
            groups.add(new BreakdownGroup(null, false, List.of()));
        }
        return groups;
    }

    /** The number a property value spells for a numeric breakdown (plain decimal text), or null. */
    public static Double number(String text) {
        return text == null || text.isBlank() ? null : NumericValues.number(text);
    }

    /**
     * The regular expression (java.util.regex) a non-blank value matches, surrounding whitespace included, when
     * {@link #number} may read it: a property whose every non-blank value matches (and is finite) is numeric.
     */
    public static String numberPattern() {
        return "^\\p{javaWhitespace}*" + NumericValues.DECIMAL.pattern() + "\\p{javaWhitespace}*$";
    }

    /** A group with its steps and trend. */
    public static BreakdownGroup filled(BreakdownGroup group, List<StepResult> steps, List<TrendPoint> trend) {
        return new BreakdownGroup(group.value(), group.other(), steps, trend);
    }

    // ---- Trend ----

    /**
     * The trend from entered, completed and still-open counts per UTC day (epoch day to the three counts), with
     * every period between the first and the last, so that the time axis has no holes.
     */
    public List<TrendPoint> trend(Map<Long, long[]> days) {
        TreeMap<LocalDate, long[]> periods = periods(days);
        return periods.isEmpty() ? List.of() : points(periods, periods.firstKey(), periods.lastKey());
    }

    /** A group's trend over the same periods as the whole funnel's, so groups add up period by period. */
    public List<TrendPoint> groupTrend(Map<Long, long[]> days, List<TrendPoint> overall) {
        return overall.isEmpty() ? List.of() : points(periods(days), overall.get(0).periodStart(),
                overall.get(overall.size() - 1).periodStart());
    }

    private TreeMap<LocalDate, long[]> periods(Map<Long, long[]> days) {
        TreeMap<LocalDate, long[]> periods = new TreeMap<>();
        days.forEach((day, counts) -> {
            long[] sums = periods.computeIfAbsent(periodOf(LocalDate.ofEpochDay(day)), p -> new long[3]);
            for (int i = 0; i < 3; i++) {
                sums[i] += counts[i];
            }
        });
        return periods;
    }

    private List<TrendPoint> points(TreeMap<LocalDate, long[]> periods, LocalDate first, LocalDate last) {
        List<TrendPoint> points = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(last); start = nextPeriod(start)) {
            long[] counts = periods.getOrDefault(start, new long[3]);
            boolean partial = start.isBefore(coveredFrom) || nextPeriod(start).minusDays(1).isAfter(coveredTo);
            points.add(new TrendPoint(start, counts[0], counts[1], Statistics.rate(counts[1], counts[0]), counts[2],
                    partial));
        }
        return points;
    }

    private LocalDate nextPeriod(LocalDate start) {
        return switch (required.trendPeriod()) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    private LocalDate periodOf(LocalDate day) {
        return switch (required.trendPeriod()) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }
}
