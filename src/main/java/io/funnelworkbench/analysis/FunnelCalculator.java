package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.model.TrendPoint;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/** Turns per-user outcomes into the funnel's numbers (FUNNEL-SEMANTICS.md, "Metrics per step"). */
final class FunnelCalculator {
    /** Histogram bin edges in seconds: 1 min, 5 min, 15 min, 1 h, 3 h, 12 h, 1 d, 3 d, 7 d, 30 d. */
    static final double[] HISTOGRAM_EDGES = {0, 60, 300, 900, 3_600, 10_800, 43_200, 86_400, 259_200, 604_800,
        2_592_000};
    static final int TOP_GROUPS = 25;

    private final EventLog log;
    private final FunnelSpec spec;
    private final int steps;
    private final List<CompiledRule> entryRules;

    FunnelCalculator(EventLog log, FunnelSpec spec) {
        this.log = log;
        this.spec = spec;
        this.steps = spec.steps().size();
        this.entryRules = (spec.order() == OrderMode.ANY ? spec.steps() : spec.steps().subList(0, 1)).stream()
                .map(step -> new CompiledRule(log, step.rule())).toList();
    }

    FunnelResult summarise(FunnelOutcome outcome) {
        List<StepResult> overall = stepResults(outcome, user -> true);
        long stillOpen = 0;
        long excluded = 0;
        for (int u = 0; u < outcome.userCount(); u++) {
            stillOpen += outcome.stillInWindow(u) ? 1 : 0;
            excluded += outcome.excluded(u) ? 1 : 0;
        }
        return new FunnelResult(spec.order(), spec.window(), overall, breakdown(outcome), spec.breakdownProperty(),
                spec.attribution(), largestDropOff(overall), slowest(overall), stillOpen, excluded,
                trend(outcome), spec.trendPeriod());
    }

    private List<StepResult> stepResults(FunnelOutcome outcome, IntPredicate member) {
        long[] reached = new long[steps + 1];
        List<List<Double>> fromPrevious = new ArrayList<>();
        List<List<Double>> fromFirst = new ArrayList<>();
        double[] values = new double[steps + 1];
        for (int j = 0; j <= steps; j++) {
            fromPrevious.add(new ArrayList<>());
            fromFirst.add(new ArrayList<>());
        }
        ValueReader[] valueReaders = spec.steps().stream().map(s -> new ValueReader(log, s.value()))
                .toArray(ValueReader[]::new);
        for (int u = 0; u < outcome.userCount(); u++) {
            int furthest = outcome.furthest(u);
            if (furthest == 0 || !member.test(u)) {
                continue;
            }
            long first = outcome.stepTime(u, 1);
            for (int j = 1; j <= furthest; j++) {
                reached[j]++;
                values[j] += valueReaders[j - 1].valueAt(outcome.stepRow(u, j));
                if (j > 1) {
                    long time = outcome.stepTime(u, j);
                    fromPrevious.get(j).add((time - outcome.stepTime(u, j - 1)) / 1e6);
                    fromFirst.get(j).add((time - first) / 1e6);
                }
            }
        }
        List<StepResult> results = new ArrayList<>();
        for (int j = 1; j <= steps; j++) {
            long users = reached[j];
            long previous = j == 1 ? users : reached[j - 1];
            long dropped = j < steps ? users - reached[j + 1] : 0;
            results.add(new StepResult(j, spec.steps().get(j - 1).name(), users, Statistics.rate(users, previous),
                    Statistics.wilson(users, previous), Statistics.rate(users, reached[1]),
                    Statistics.wilson(users, reached[1]), dropped, Statistics.rate(dropped, users),
                    timeStats(fromPrevious.get(j)), timeStats(fromFirst.get(j)), values[j]));
        }
        return results;
    }

    static TimeStats timeStats(List<Double> seconds) {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<TimeStats.HistogramBin> bins = new ArrayList<>();
        long[] counts = new long[HISTOGRAM_EDGES.length];
        for (double value : sorted) {
            int bin = Arrays.binarySearch(HISTOGRAM_EDGES, value);
            bin = bin >= 0 ? bin : -bin - 2;
            counts[Math.max(0, bin)]++;
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

    /** One funnel per value of the breakdown property: the top 25 by step-1 users, the rest as Other. */
    private List<BreakdownGroup> breakdown(FunnelOutcome outcome) {
        String property = spec.breakdownProperty();
        if (property == null) {
            return List.of();
        }
        int column = log.propertyIndex(property);
        int[] groupOf = new int[outcome.userCount()];
        long[] entered = new long[column < 0 ? 1 : log.propertyValueCount(column)];
        for (int u = 0; u < outcome.userCount(); u++) {
            if (outcome.furthest(u) == 0) {
                continue;
            }
            groupOf[u] = column < 0 ? 0 : log.property(column, attributionRow(outcome, u));
            entered[groupOf[u]]++;
        }
        Integer[] ranked = new Integer[entered.length];
        for (int v = 0; v < ranked.length; v++) {
            ranked[v] = v;
        }
        Arrays.sort(ranked, Comparator.<Integer>comparingLong(v -> -entered[v]).thenComparing(v -> v));
        List<BreakdownGroup> groups = new ArrayList<>();
        boolean[] top = new boolean[entered.length];
        for (int i = 0; i < ranked.length && i < TOP_GROUPS && entered[ranked[i]] > 0; i++) {
            int value = ranked[i];
            top[value] = true;
            String label = column < 0 ? null : log.propertyValue(column, value);
            groups.add(new BreakdownGroup(label, false, stepResults(outcome, u -> groupOf[u] == value)));
        }
        boolean anyOther = false;
        for (int v = 0; v < entered.length; v++) {
            anyOther |= !top[v] && entered[v] > 0;
        }
        if (anyOther) {
            groups.add(new BreakdownGroup(null, true, stepResults(outcome, u -> !top[groupOf[u]])));
        }
        return groups;
    }

    /** The row whose property value places the user: first touch, or the last step reached. */
    private int attributionRow(FunnelOutcome outcome, int user) {
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

    private List<TrendPoint> trend(FunnelOutcome outcome) {
        Map<LocalDate, long[]> periods = new TreeMap<>();
        for (int u = 0; u < outcome.userCount(); u++) {
            int furthest = outcome.furthest(u);
            if (furthest == 0) {
                continue;
            }
            long[] counts = periods.computeIfAbsent(periodOf(outcome.stepTime(u, 1)), p -> new long[2]);
            counts[0]++;
            counts[1] += furthest == steps ? 1 : 0;
        }
        List<TrendPoint> points = new ArrayList<>();
        periods.forEach((start, counts) -> points.add(new TrendPoint(start, counts[0], counts[1],
                Statistics.rate(counts[1], counts[0]))));
        return points;
    }

    private LocalDate periodOf(long micros) {
        LocalDate day = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000)).atOffset(ZoneOffset.UTC).toLocalDate();
        return switch (spec.trendPeriod() == null ? TrendPeriod.WEEK : spec.trendPeriod()) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }
}
