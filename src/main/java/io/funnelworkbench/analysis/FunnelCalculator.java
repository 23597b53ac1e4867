package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPoint;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns per-user outcomes into the funnel's numbers (FUNNEL-SEMANTICS.md, "Metrics per step"): it aggregates the
 * outcome's arrays per group and step, and {@link FunnelAssembly} (shared with the Spark back-end) turns the
 * aggregates into the result.
 */
final class FunnelCalculator {
    private static final long MICROS_PER_DAY = FunnelAssembly.MICROS_PER_DAY;
    private static final int USERS_PER_CHUNK = 32_768;

    private final EventLog log;
    /** The required steps' funnel, which the outcome's attempts are made of. */
    private final FunnelSpec spec;
    /** The funnel as asked, optional steps included. */
    private final FunnelSpec full;
    private final int steps;
    private final List<CompiledRule> entryRules;
    private final FunnelAssembly assembly;

    FunnelCalculator(EventLog log, FunnelSpec spec) {
        this.log = log;
        this.full = spec;
        this.assembly = new FunnelAssembly(spec, log.firstTime(), log.lastTime());
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
        return assembly.result(overall, breakdown(outcome, trend), stillOpen, excluded, trend);
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
        double[][] values = values(outcome, groupOf, groups, reached);
        TimeStats[][][] stats = new TimeStats[groups][steps + 1][2];
        List<Runnable> tasks = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            stats[g][1][0] = FunnelAssembly.noTimes();
            stats[g][1][1] = FunnelAssembly.noTimes();
            int group = g;
            if (steps >= 2) {
                tasks.add(() -> {
                    TimeStats second = timeStats(fromPrevious[group][2]);
                    stats[group][2][0] = second;
                    stats[group][2][1] = second;
                });
            }
            for (int j = 3; j <= steps; j++) {
                int step = j;
                tasks.add(() -> stats[group][step][0] = timeStats(fromPrevious[group][step]));
                tasks.add(() -> stats[group][step][1] = timeStats(fromFirst[group][step]));
            }
        }
        if (tasks.size() > 1) {
            tasks.parallelStream().forEach(Runnable::run);
        } else {
            tasks.forEach(Runnable::run);
        }
        long[][] optionalUsers = new long[groups][outcome.optionalCount()];
        if (full.hasOptionalSteps()) {
            for (int u = 0; u < users; u++) {
                int g = groupOf == null ? 0 : groupOf[u / USERS_PER_CHUNK][u % USERS_PER_CHUNK];
                for (int o = 0; g >= 0 && outcome.furthest(u) != 0 && o < outcome.optionalCount(); o++) {
                    optionalUsers[g][o] += outcome.didOptional(u, o) ? 1 : 0;
                }
            }
        }
        List<List<StepResult>> results = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            results.add(assembly.steps(reached[g], stats[g], values[g], optionalUsers[g]));
        }
        return results;
    }

    /**
     * Each group's value per step: a fixed amount times the step's users; a value read from a property summed over
     * the users' step events ({@link ExactSum}: the same in any order), the only case that reads each user.
     */
    private double[][] values(FunnelOutcome outcome, int[][] groupOf, int groups, long[][] reached) {
        ExactSum[][] sums = new ExactSum[groups][steps + 1];
        ValueReader[] fromProperty = new ValueReader[steps + 1];
        boolean any = false;
        for (int j = 1; j <= steps; j++) {
            if (assembly.valueFromProperty(j)) {
                fromProperty[j] = new ValueReader(log, spec.steps().get(j - 1).value());
                for (int g = 0; g < groups; g++) {
                    sums[g][j] = new ExactSum();
                }
                any = true;
            }
        }
        for (int u = 0; any && u < outcome.userCount(); u++) {
            int furthest = outcome.furthest(u);
            int g = groupOf == null ? 0 : groupOf[u / USERS_PER_CHUNK][u % USERS_PER_CHUNK];
            if (furthest == 0 || g < 0) {
                continue;
            }
            for (int j = 1; j <= furthest; j++) {
                if (fromProperty[j] != null) {
                    sums[g][j].add(fromProperty[j].valueAt(outcome.rowOf(u, j)));
                }
            }
        }
        double[][] values = new double[groups][steps + 1];
        for (int g = 0; g < groups; g++) {
            for (int j = 1; j <= steps; j++) {
                values[g][j] = assembly.stepValue(j, reached[g][j], sums[g][j] == null ? 0 : sums[g][j].value());
            }
        }
        return values;
    }

    /** The statistics of durations in microseconds (sorted here, in place). */
    private static TimeStats timeStats(long[] micros) {
        Sorting.sort(micros);
        return FunnelAssembly.timeStats(micros);
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
            groups.add(FunnelAssembly.filled(grouping.groups().get(g), results.get(g), trends.get(g)));
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
                : FunnelAssembly.rangeGroups(numbers, entered, groupOfValue);
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
        return FunnelAssembly.rankedGroups(v -> column < 0 ? null : log.propertyValue(column, v), entered,
                groupOfValue);
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
        return assembly.trend(days.byDay());
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
            trends.add(assembly.groupTrend(groupDays.byDay(), overall));
        }
        return trends;
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

        /** The days with entries (epoch day to entered, completed, still open), in day order. */
        Map<Long, long[]> byDay() {
            Map<Long, long[]> days = new LinkedHashMap<>();
            for (int at = 0; at < counts[0].length; at++) {
                if (counts[0][at] > 0) {
                    days.put(firstDay + at, new long[] {counts[0][at], counts[1][at], counts[2][at]});
                }
            }
            return days;
        }
    }
}
