package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPoint;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/** Turns per-user outcomes into the funnel's numbers (FUNNEL-SEMANTICS.md, "Metrics per step"). */
final class FunnelCalculator {
    /**
     * Histogram bin edges in seconds: 1 min, 5 min, 15 min, 1 h, 3 h, 12 h, 1 d, 3 d, 7 d, 30 d, 60 d, 90 d, 180 d,
     * 365 d. Bins starting at or past the window stay empty, and charts leave them out, so the bins follow the
     * window: a B2B funnel with a 500-day window is not lumped into one "30d+" bar.
     */
    static final double[] HISTOGRAM_EDGES = {0, 60, 300, 900, 3_600, 10_800, 43_200, 86_400, 259_200, 604_800,
        2_592_000, 5_184_000, 7_776_000, 15_552_000, 31_536_000};
    static final int TOP_GROUPS = 25;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int USERS_PER_CHUNK = 32_768;

    private final EventLog log;
    /** The required steps' funnel, which the outcome's attempts are made of. */
    private final FunnelSpec spec;
    /** The funnel as asked, optional steps included. */
    private final FunnelSpec full;
    private final int steps;
    private final List<CompiledRule> entryRules;

    FunnelCalculator(EventLog log, FunnelSpec spec) {
        this.log = log;
        this.full = spec;
        this.spec = spec.requiredOnly();
        this.steps = this.spec.steps().size();
        List<FunnelSpec.Step> required = this.spec.steps();
        this.entryRules = (this.spec.order() == OrderMode.ANY ? required : required.subList(0, 1)).stream()
                .map(step -> new CompiledRule(log, step.rule())).toList();
    }

    FunnelResult summarise(FunnelOutcome outcome) {
        List<StepResult> overall = stepResults(outcome, null, 1).get(0);
        long stillOpen = 0;
        long excluded = 0;
        for (int u = 0; u < outcome.userCount(); u++) {
            stillOpen += outcome.stillInWindow(u) ? 1 : 0;
            excluded += outcome.excluded(u) ? 1 : 0;
        }
        List<TrendPoint> trend = trend(outcome);
        return new FunnelResult(spec.order(), spec.window(), overall, breakdown(outcome, trend),
                spec.breakdownProperty(), spec.attribution(), largestDropOff(overall), slowest(overall), stillOpen,
                excluded, trend, spec.trendPeriod(), spec.countBy());
    }

    /**
     * The step results of each group of users: group {@code groupOf[c][u - c * USERS_PER_CHUNK]} for user u in
     * chunk c (0 to groups - 1, or negative for none), or all users in group 0 when {@code groupOf} is null. Per
     * group and step: the users, the values (summed in user order) and the times to convert. Times are collected
     * as microseconds by chunks of users in parallel (each chunk counts its users first, so that it knows where its
     * times go; their order does not matter, as they are sorted), then sorted and turned into seconds, one list
     * per task.
     */
    private List<List<StepResult>> stepResults(FunnelOutcome outcome, int[][] groupOf, int groups) {
        int users = outcome.userCount();
        int width = steps + 2;
        int chunks = Math.max(1, (users + USERS_PER_CHUNK - 1) / USERS_PER_CHUNK);
        // Per chunk, then per group g and step j at [g * width + j]: users of the chunk that reached j.
        int[][] chunkReached = new int[chunks][groups * width];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int[] counts = chunkReached[c];
            int[] groupOfChunk = groupOf == null ? null : groupOf[c];
            int first = c * USERS_PER_CHUNK;
            int last = Math.min(users, first + USERS_PER_CHUNK);
            for (int u = first; u < last; u++) {
                int furthest = outcome.furthest(u);
                int g = groupOfChunk == null ? 0 : groupOfChunk[u - first];
                if (furthest != 0 && g >= 0) {
                    counts[g * width + furthest]++;
                }
            }
            for (int g = 0; g < groups; g++) {
                for (int j = steps - 1; j >= 1; j--) {
                    counts[g * width + j] += counts[g * width + j + 1];
                }
            }
        });
        long[][] reached = new long[groups][width];
        // Where each chunk's times start in each list: the users of the chunks before it.
        int[][] chunkStart = new int[chunks][groups * width];
        for (int c = 0; c < chunks; c++) {
            for (int g = 0; g < groups; g++) {
                for (int j = 1; j <= steps; j++) {
                    chunkStart[c][g * width + j] = (int) reached[g][j];
                    reached[g][j] += chunkReached[c][g * width + j];
                }
            }
        }
        // fromPrevious[g][j] and fromFirst[g][j]: microseconds, for steps j >= 2. For step 2 the previous step is
        // the first, so fromFirst[g][2] is not collected: it is fromPrevious[g][2].
        long[][][] fromPrevious = new long[groups][steps + 1][];
        long[][][] fromFirst = new long[groups][steps + 1][];
        for (int g = 0; g < groups; g++) {
            for (int j = 2; j <= steps; j++) {
                fromPrevious[g][j] = new long[(int) reached[g][j]];
                fromFirst[g][j] = j == 2 ? null : new long[(int) reached[g][j]];
            }
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int[] at = chunkStart[c];
            int[] groupOfChunk = groupOf == null ? null : groupOf[c];
            int first = c * USERS_PER_CHUNK;
            int last = Math.min(users, first + USERS_PER_CHUNK);
            int shift = outcome.blockShift();
            for (int from = first; from < last; ) {
                // One block of the outcome at a time, reading its step times directly.
                int block = from >>> shift;
                int base = block << shift;
                int to = Math.min(last, base + (1 << shift));
                long[] times = outcome.timeBlock(block);
                for (int u = from; u < to; u++) {
                    int furthest = outcome.furthest(u);
                    int g = groupOfChunk == null ? 0 : groupOfChunk[u - first];
                    if (furthest < 2 || g < 0) {
                        continue;
                    }
                    int offset = (u - base) * steps;
                    long firstTime = times[offset];
                    long previous = times[offset + 1];
                    long[][] previousLists = fromPrevious[g];
                    long[][] firstLists = fromFirst[g];
                    previousLists[2][at[g * width + 2]++] = previous - firstTime;
                    for (int j = 3; j <= furthest; j++) {
                        long time = times[offset + j - 1];
                        int i = at[g * width + j]++;
                        previousLists[j][i] = time - previous;
                        firstLists[j][i] = time - firstTime;
                        previous = time;
                    }
                }
                from = to;
            }
        });
        double[][] values = new double[groups][steps + 1];
        if (spec.steps().stream().anyMatch(s -> !s.value().isNone())) {
            ValueReader[] valueReaders = spec.steps().stream().map(s -> new ValueReader(log, s.value()))
                    .toArray(ValueReader[]::new);
            for (int u = 0; u < users; u++) {
                int furthest = outcome.furthest(u);
                int g = groupOf == null ? 0 : groupOf[u / USERS_PER_CHUNK][u % USERS_PER_CHUNK];
                if (furthest == 0 || g < 0) {
                    continue;
                }
                for (int j = 1; j <= furthest; j++) {
                    values[g][j] += valueReaders[j - 1].valueAt(outcome.rowOf(u, j));
                }
            }
        }
        TimeStats[][][] stats = new TimeStats[groups][steps + 1][2];
        List<Runnable> tasks = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            stats[g][1][0] = timeStats(new double[0]);
            stats[g][1][1] = timeStats(new double[0]);
            int group = g;
            if (steps >= 2) {
                tasks.add(() -> {
                    double[] sorted = sortedSeconds(fromPrevious[group][2]);
                    stats[group][2][0] = timeStats(sorted);
                    stats[group][2][1] = timeStats(sorted);
                });
            }
            for (int j = 3; j <= steps; j++) {
                int step = j;
                tasks.add(() -> stats[group][step][0] = timeStats(sortedSeconds(fromPrevious[group][step])));
                tasks.add(() -> stats[group][step][1] = timeStats(sortedSeconds(fromFirst[group][step])));
            }
        }
        if (tasks.size() > 1) {
            tasks.parallelStream().forEach(Runnable::run);
        } else {
            tasks.forEach(Runnable::run);
        }
        List<List<StepResult>> results = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            long[] counts = reached[g];
            List<StepResult> group = new ArrayList<>();
            for (int j = 1; j <= steps; j++) {
                long stepUsers = counts[j];
                long previous = j == 1 ? stepUsers : counts[j - 1];
                long dropped = j < steps ? stepUsers - counts[j + 1] : 0;
                group.add(new StepResult(j, spec.steps().get(j - 1).name(), stepUsers,
                        Statistics.rate(stepUsers, previous), Statistics.wilson(stepUsers, previous),
                        Statistics.rate(stepUsers, counts[1]), Statistics.wilson(stepUsers, counts[1]), dropped,
                        Statistics.rate(dropped, stepUsers), stats[g][j][0], stats[g][j][1], values[g][j], false));
            }
            results.add(group);
        }
        if (full.hasOptionalSteps()) {
            long[][] optionalUsers = new long[groups][outcome.optionalCount()];
            for (int u = 0; u < users; u++) {
                int g = groupOf == null ? 0 : groupOf[u / USERS_PER_CHUNK][u % USERS_PER_CHUNK];
                for (int o = 0; g >= 0 && outcome.furthest(u) != 0 && o < outcome.optionalCount(); o++) {
                    optionalUsers[g][o] += outcome.didOptional(u, o) ? 1 : 0;
                }
            }
            for (int g = 0; g < groups; g++) {
                results.set(g, withOptional(results.get(g), optionalUsers[g]));
            }
        }
        return results;
    }

    /**
     * The results of the funnel as asked from those of its required steps: required steps renumbered in place,
     * each optional step counted from {@code optionalUsers} (in step order), its conversion from the required step
     * before it.
     */
    private List<StepResult> withOptional(List<StepResult> required, long[] optionalUsers) {
        List<StepResult> all = new ArrayList<>();
        TimeStats none = timeStats(new double[0]);
        int r = 0;
        int o = 0;
        long firstUsers = required.get(0).users();
        for (int i = 1; i <= full.steps().size(); i++) {
            FunnelSpec.Step step = full.steps().get(i - 1);
            if (step.optional()) {
                long done = optionalUsers[o++];
                long before = required.get(r - 1).users();
                all.add(new StepResult(i, step.name(), done, Statistics.rate(done, before),
                        Statistics.wilson(done, before), Statistics.rate(done, firstUsers),
                        Statistics.wilson(done, firstUsers), 0, 0, none, none, 0, true));
            } else {
                StepResult s = required.get(r++);
                all.add(new StepResult(i, s.name(), s.users(), s.conversionFromPrevious(),
                        s.conversionFromPreviousInterval(), s.conversionFromFirst(), s.conversionFromFirstInterval(),
                        s.dropped(), s.dropOffRate(), s.timeFromPrevious(), s.timeFromFirst(), s.value(), false));
            }
        }
        return all;
    }

    /** Durations in microseconds (sorted here, in place) as seconds, ascending. */
    static double[] sortedSeconds(long[] micros) {
        Sorting.sort(micros);
        double[] sorted = new double[micros.length];
        for (int i = 0; i < micros.length; i++) {
            sorted[i] = micros[i] / 1e6;
        }
        return sorted;
    }

    /**
     * Time statistics of durations in seconds, sorted ascending. Each value goes to the bin of the largest edge
     * at or below it (values below 0 to the first bin); in a sorted list the bins are runs between lower bounds.
     */
    static TimeStats timeStats(double[] sorted) {
        List<TimeStats.HistogramBin> bins = new ArrayList<>();
        long[] counts = new long[HISTOGRAM_EDGES.length];
        int below = 0;
        for (int b = 1; b <= HISTOGRAM_EDGES.length; b++) {
            int end = b < HISTOGRAM_EDGES.length ? lowerBound(sorted, HISTOGRAM_EDGES[b]) : sorted.length;
            counts[b - 1] = end - below;
            below = end;
        }
        for (int b = 0; b < HISTOGRAM_EDGES.length; b++) {
            Double upper = b + 1 < HISTOGRAM_EDGES.length ? HISTOGRAM_EDGES[b + 1] : null;
            bins.add(new TimeStats.HistogramBin(HISTOGRAM_EDGES[b], upper, counts[b]));
        }
        if (sorted.length == 0) {
            return new TimeStats(0, null, null, null, bins);
        }
        return new TimeStats(sorted.length, Statistics.median(sorted), Statistics.mean(sorted),
                Statistics.percentile(sorted, 0.9), bins);
    }

    /** The first index whose value is at least {@code key} ({@code sorted.length} if none). */
    private static int lowerBound(double[] sorted, double key) {
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

    /**
     * One funnel per value of the breakdown property: the top 25 by step-1 users, the rest as Other; for a numeric
     * property, one per range of values.
     */
    private List<BreakdownGroup> breakdown(FunnelOutcome outcome, List<TrendPoint> trend) {
        if (spec.breakdownProperty() == null) {
            return List.of();
        }
        Grouping grouping = grouping(outcome);
        List<List<StepResult>> results = stepResults(outcome, grouping.groupOf(), grouping.groups().size());
        List<List<TrendPoint>> trends = groupTrends(outcome, grouping, trend);
        List<BreakdownGroup> groups = new ArrayList<>();
        for (int g = 0; g < grouping.groups().size(); g++) {
            BreakdownGroup group = grouping.groups().get(g);
            groups.add(new BreakdownGroup(group.value(), group.other(), results.get(g), trends.get(g)));
        }
        return groups;
    }

    /**
     * Which breakdown group each user falls in: the groups (values without step results yet), and per chunk of
     * users (as stepResults takes them) each user's group index, or -1 for users outside the funnel.
     */
    record Grouping(List<BreakdownGroup> groups, int[][] groupOf) {
        int groupOf(int user) {
            return groupOf[user / USERS_PER_CHUNK][user % USERS_PER_CHUNK];
        }
    }

    Grouping grouping(FunnelOutcome outcome) {
        int column = log.propertyIndex(spec.breakdownProperty());
        int users = outcome.userCount();
        int chunks = Math.max(1, (users + USERS_PER_CHUNK - 1) / USERS_PER_CHUNK);
        // By chunk of users: each user's value id, then group.
        int[][] valueOf = new int[chunks][];
        int[] values = column < 0 ? null : log.propertyColumn(column);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int first = c * USERS_PER_CHUNK;
            int[] chunk = new int[Math.min(USERS_PER_CHUNK, users - first)];
            for (int i = 0; values != null && i < chunk.length; i++) {
                if (outcome.furthest(first + i) != 0) {
                    chunk[i] = values[attributionRow(outcome, first + i)];
                }
            }
            valueOf[c] = chunk;
        });
        long[] entered = new long[column < 0 ? 1 : log.propertyValueCount(column)];
        for (int c = 0; c < chunks; c++) {
            int first = c * USERS_PER_CHUNK;
            int[] chunk = valueOf[c];
            for (int i = 0; i < chunk.length; i++) {
                if (outcome.furthest(first + i) != 0) {
                    entered[chunk[i]]++;
                }
            }
        }
        double[] numbers = column < 0 ? null : NumericValues.of(log, column);
        int[] groupOfValue = new int[entered.length];
        List<BreakdownGroup> groups = numbers == null ? rankedGroups(column, entered, groupOfValue)
                : rangeGroups(numbers, entered, groupOfValue);
        int[][] groupOf = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            int first = c * USERS_PER_CHUNK;
            groupOf[c] = new int[valueOf[c].length];
            for (int i = 0; i < groupOf[c].length; i++) {
                groupOf[c][i] = outcome.furthest(first + i) == 0 ? -1 : groupOfValue[valueOf[c][i]];
            }
        }
        return new Grouping(List.copyOf(groups), groupOf);
    }

    /** A group per value, the top 25 by users entering, then Other; fills each value id's group. */
    private List<BreakdownGroup> rankedGroups(int column, long[] entered, int[] groupOfValue) {
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
            groups.add(new BreakdownGroup(column < 0 ? null : log.propertyValue(column, value), false, List.of()));
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
     * number; fills each value id's group.
     */
    private static List<BreakdownGroup> rangeGroups(double[] numbers, long[] entered, int[] groupOfValue) {
        NumericBuckets buckets = NumericBuckets.of(numbers, entered);
        List<BreakdownGroup> groups = new ArrayList<>();
        buckets.labels().forEach(label -> groups.add(new BreakdownGroup(label, false, List.of())));
        int none = groups.size();
        boolean anyNone = false;
        for (int v = 0; v < entered.length; v++) {
            groupOfValue[v] = buckets.bucketOf(v) >= 0 ? buckets.bucketOf(v) : none;
            anyNone |= buckets.bucketOf(v) < 0 && entered[v] > 0;
        }
        if (anyNone) {
            groups.add(new BreakdownGroup(null, false, List.of()));
        }
        return groups;
    }

    /** The row whose property value places the user: first touch, or the last step reached. */
    private int attributionRow(FunnelOutcome outcome, int user) {
        if (outcome.recordsAttribution()) {
            return outcome.attributionRow(user); // found by the kernel, which had the user's events at hand
        }
        if (spec.attribution() == Attribution.LAST_STEP) {
            return outcome.stepRow(user, outcome.furthest(user));
        }
        return firstTouchRow(outcome, user);
    }

    /**
     * The user's earliest step-1 event (in any order, the earliest event matching any step) that could start
     * an attempt; the counted attempt's first event when the entry range rules earlier ones out.
     */
    private int firstTouchRow(FunnelOutcome outcome, int user) {
        int counted = outcome.stepRow(user, 1);
        long earliestAllowed = spec.entryFrom() == null ? Long.MIN_VALUE
                : spec.entryFrom().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
        for (int row = log.firstRowOf(user); row < counted; row++) {
            if (log.time(row) < earliestAllowed) {
                continue;
            }
            int event = log.event(row);
            for (CompiledRule rule : entryRules) {
                if (rule.matches(row, event)) {
                    return row;
                }
            }
        }
        return counted;
    }

    /**
     * Entries, completions and still-open attempts by period of the step-1 event: counted per UTC day, then per
     * period, with every period between the first and the last, so that the time axis has no holes.
     */
    private List<TrendPoint> trend(FunnelOutcome outcome) {
        DailyCounts days = new DailyCounts();
        for (int u = 0; u < outcome.userCount(); u++) {
            int furthest = outcome.furthest(u);
            if (furthest > 0) {
                days.add(Math.floorDiv(outcome.timeOf(u, 1), MICROS_PER_DAY), furthest == steps,
                        outcome.stillInWindow(u));
            }
        }
        TreeMap<LocalDate, long[]> periods = periods(days);
        return periods.isEmpty() ? List.of() : points(periods, periods.firstKey(), periods.lastKey());
    }

    /** Each group's trend over the same periods as the whole funnel's, so groups add up period by period. */
    private List<List<TrendPoint>> groupTrends(FunnelOutcome outcome, Grouping grouping, List<TrendPoint> overall) {
        DailyCounts[] days = new DailyCounts[grouping.groups().size()];
        Arrays.setAll(days, g -> new DailyCounts());
        for (int u = 0; u < outcome.userCount(); u++) {
            int furthest = outcome.furthest(u);
            int group = furthest > 0 ? grouping.groupOf(u) : -1;
            if (group >= 0) {
                days[group].add(Math.floorDiv(outcome.timeOf(u, 1), MICROS_PER_DAY), furthest == steps,
                        outcome.stillInWindow(u));
            }
        }
        List<List<TrendPoint>> trends = new ArrayList<>();
        for (DailyCounts groupDays : days) {
            trends.add(overall.isEmpty() ? List.of() : points(periods(groupDays), overall.get(0).periodStart(),
                    overall.get(overall.size() - 1).periodStart()));
        }
        return trends;
    }

    private TreeMap<LocalDate, long[]> periods(DailyCounts days) {
        TreeMap<LocalDate, long[]> periods = new TreeMap<>();
        days.forEach((day, counts) -> {
            long[] sums = periods.computeIfAbsent(periodOf(day), p -> new long[3]);
            for (int i = 0; i < 3; i++) {
                sums[i] += counts[i];
            }
        });
        return periods;
    }

    private List<TrendPoint> points(TreeMap<LocalDate, long[]> periods, LocalDate first, LocalDate last) {
        LocalDate coveredFrom = coverageStart();
        LocalDate coveredTo = coverageEnd();
        List<TrendPoint> points = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(last); start = nextPeriod(start)) {
            long[] counts = periods.getOrDefault(start, new long[3]);
            boolean partial = start.isBefore(coveredFrom) || nextPeriod(start).minusDays(1).isAfter(coveredTo);
            points.add(new TrendPoint(start, counts[0], counts[1], Statistics.rate(counts[1], counts[0]), counts[2],
                    partial));
        }
        return points;
    }

    /** The first day the trend can hold entries for: the data's first day, or the entry range's if later. */
    private LocalDate coverageStart() {
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(log.firstTime(), MICROS_PER_DAY));
        return spec.entryFrom() != null && spec.entryFrom().isAfter(first) ? spec.entryFrom() : first;
    }

    private LocalDate coverageEnd() {
        LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(log.lastTime(), MICROS_PER_DAY));
        return spec.entryTo() != null && spec.entryTo().isBefore(last) ? spec.entryTo() : last;
    }

    private LocalDate nextPeriod(LocalDate start) {
        return switch (spec.trendPeriod()) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** Entered, completed and still-open counts per UTC day, in an array that widens as days arrive. */
    private static final class DailyCounts {
        private long firstDay;
        private long[][] counts = new long[3][0];

        void add(long day, boolean completed, boolean stillOpen) {
            if (counts[0].length == 0) {
                firstDay = day - 64;
                counts = new long[3][128];
            }
            if (day < firstDay || day - firstDay >= counts[0].length) {
                long from = Math.min(firstDay, day - 64);
                long to = Math.max(firstDay + counts[0].length, day + 64);
                for (int i = 0; i < 3; i++) {
                    long[] wider = new long[Math.toIntExact(to - from)];
                    System.arraycopy(counts[i], 0, wider, (int) (firstDay - from), counts[i].length);
                    counts[i] = wider;
                }
                firstDay = from;
            }
            int at = (int) (day - firstDay);
            counts[0][at]++;
            counts[1][at] += completed ? 1 : 0;
            counts[2][at] += stillOpen ? 1 : 0;
        }

        void forEach(BiConsumer<LocalDate, long[]> action) {
            for (int at = 0; at < counts[0].length; at++) {
                if (counts[0][at] > 0) {
                    action.accept(LocalDate.ofEpochDay(firstDay + at),
                            new long[] {counts[0][at], counts[1][at], counts[2][at]});
                }
            }
        }
    }

    private LocalDate periodOf(LocalDate day) {
        return switch (spec.trendPeriod()) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }
}
