package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One user's events around the counted attempt of a funnel, in time order, each with the properties that matter
 * to the funnel and the step it served (see "User timeline" in FUNNEL-SEMANTICS.md): up to {@link #EVENTS_BEFORE}
 * events before the attempt's first event, every event from it through the end of the window (at most
 * {@link #MAX_EVENTS_IN_WINDOW}, plus the marked ones past that), and up to {@link #EVENTS_AFTER} events after.
 * A user's events are one contiguous run of the log's rows, so a timeline reads only that run.
 */
public final class UserTimeline {
    public static final int EVENTS_BEFORE = 5;
    public static final int EVENTS_AFTER = 5;
    public static final int MAX_EVENTS_IN_WINDOW = 1_000;

    /** Where an event lies against the counted attempt. */
    public enum Place {
        BEFORE_ENTRY, IN_WINDOW, AFTER_WINDOW,
        /** The user has no counted attempt: the timeline is their first events. */
        NO_ATTEMPT
    }

    /** What a mark says an event was to the funnel. */
    public enum MarkKind {
        STEP, OPTIONAL_STEP, EXCLUSION
    }

    /**
     * A step the event served ({@code step} numbered in the funnel as asked, optional steps included), or an
     * exclusion it hit (step 0).
     */
    public record Mark(MarkKind kind, int step, String name) {
    }

    /** One event: {@code values} lines up with the timeline's properties ("" when the event has none). */
    public record Entry(long time, String event, Place place, List<Mark> marks, List<String> values) {
        public Entry {
            marks = List.copyOf(marks);
            values = List.copyOf(values);
        }

        public boolean marked() {
            return !marks.isEmpty();
        }
    }

    /** The timeline of one user: {@code leftOut} events of the window were left out past the cap. */
    public record Timeline(String user, List<String> properties, List<Entry> entries, int leftOut) {
        public Timeline {
            properties = List.copyOf(properties);
            entries = List.copyOf(entries);
        }
    }

    private final EventLog log;
    private final FunnelSpec full;
    private final FunnelSpec required;
    private final FunnelOutcome outcome;
    private final long window;
    private final int[] columns;
    private final List<String> properties;
    /** Per required step (0-based), its number in the funnel as asked. */
    private final int[] fullNumber;
    private final CompiledRule[] stepRules;
    private final CompiledRule[] optionalRules;
    private final int[] optionalNumber;
    private final int[] optionalAfter;
    private final CompiledRule[] exclusionRules;

    /** The timelines of {@code outcome}, {@code FunnelEngine.scan(spec)} on {@code log} (the project's log). */
    public UserTimeline(EventLog log, FunnelSpec spec, FunnelOutcome outcome) {
        this.log = AccountLogs.forSpec(log, spec);
        this.full = spec;
        this.required = spec.requiredOnly();
        if (outcome.stepCount() != required.steps().size() || outcome.userCount() != this.log.userCount()) {
            throw new IllegalArgumentException("The funnel's outcome does not belong to this funnel and log");
        }
        this.outcome = outcome;
        this.window = spec.window().toNanos() / 1_000;
        this.columns = columnsThatMatter(this.log, spec);
        this.properties = Arrays.stream(columns).mapToObj(c -> this.log.propertyNames()[c]).toList();
        this.stepRules = required.steps().stream().map(s -> new CompiledRule(this.log, s.rule()))
                .toArray(CompiledRule[]::new);
        this.exclusionRules = required.exclusions().stream().map(e -> new CompiledRule(this.log, e.rule()))
                .toArray(CompiledRule[]::new);
        this.optionalAfter = FunnelKernel.optionalAfter(spec);
        this.optionalRules = new CompiledRule[optionalAfter.length];
        this.optionalNumber = new int[optionalAfter.length];
        this.fullNumber = new int[required.steps().size()];
        for (int i = 0, o = 0, r = 0; i < spec.steps().size(); i++) {
            FunnelSpec.Step step = spec.steps().get(i);
            if (step.optional()) {
                optionalRules[o] = new CompiledRule(this.log, step.rule());
                optionalNumber[o++] = i + 1;
            } else {
                fullNumber[r++] = i + 1;
            }
        }
    }

    /**
     * The property columns that matter to {@code spec}, in this order: those its steps' and exclusions' conditions
     * test (in step order), the breakdown property, the properties steps take their value from, the counting
     * property, then every other property of the log in the log's order. Names the log lacks are skipped.
     */
    public static List<String> propertiesThatMatter(EventLog log, FunnelSpec spec) {
        EventLog counted = AccountLogs.forSpec(log, spec);
        return Arrays.stream(columnsThatMatter(counted, spec)).mapToObj(c -> counted.propertyNames()[c]).toList();
    }

    /** The properties of {@link #propertiesThatMatter} that the funnel names (tested, broken down by, valued). */
    public static List<String> propertiesTheFunnelNames(EventLog log, FunnelSpec spec) {
        EventLog counted = AccountLogs.forSpec(log, spec);
        return namedColumns(counted, spec).stream().map(c -> counted.propertyNames()[c]).toList();
    }

    private static int[] columnsThatMatter(EventLog log, FunnelSpec spec) {
        Set<Integer> ordered = namedColumns(log, spec);
        for (int c = 0; c < log.propertyNames().length; c++) {
            ordered.add(c);
        }
        return ordered.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Set<Integer> namedColumns(EventLog log, FunnelSpec spec) {
        List<String> names = new ArrayList<>();
        List<MatchRule> rules = new ArrayList<>();
        spec.steps().forEach(s -> rules.add(s.rule()));
        spec.exclusions().forEach(e -> rules.add(e.rule()));
        rules.forEach(rule -> rule.conditions().stream().map(Condition::property).forEach(names::add));
        names.add(spec.breakdownProperty());
        spec.steps().stream().map(s -> s.value().fromProperty()).forEach(names::add);
        names.add(spec.countBy());
        Set<Integer> ordered = new LinkedHashSet<>();
        for (String name : names) {
            int column = name == null ? -1 : log.propertyIndex(name);
            if (column >= 0) {
                ordered.add(column);
            }
        }
        return ordered;
    }

    /** The properties each entry's values line up with, in the order of {@link #propertiesThatMatter}. */
    public List<String> properties() {
        return properties;
    }

    /** The index of the user (the account, when the funnel counts by one) named {@code id}, or -1. */
    public int indexOf(String id) {
        for (int u = 0; u < log.userCount(); u++) {
            if (log.userId(u).equals(id)) {
                return u;
            }
        }
        return -1;
    }

    /** The timeline of user {@code user} (an index of the funnel's log, as the drill-down lists keep them). */
    public Timeline of(int user) {
        int first = log.firstRowOf(user);
        int end = log.endRowOf(user);
        int reached = outcome.furthest(user);
        if (reached == 0) {
            List<Entry> entries = new ArrayList<>();
            for (int row = first; row < Math.min(end, first + EVENTS_BEFORE + EVENTS_AFTER); row++) {
                entries.add(entry(row, Place.NO_ATTEMPT, List.of()));
            }
            return new Timeline(log.userId(user), properties, entries, 0);
        }
        List<List<Mark>> marks = marks(user, first, end);
        int[] attempt = attemptRows(user);
        long start = log.time(attempt[0]);
        long windowEnd = window > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + window;
        int windowFrom = attempt[0];
        while (windowFrom > first && log.time(windowFrom - 1) == start) {
            windowFrom--;
        }
        int windowTo = Math.max(attempt[attempt.length - 1] + 1, windowFrom);
        while (windowTo < end && log.time(windowTo) <= windowEnd) {
            windowTo++;
        }
        List<Entry> entries = new ArrayList<>();
        for (int row = Math.max(first, windowFrom - EVENTS_BEFORE); row < windowFrom; row++) {
            entries.add(entry(row, Place.BEFORE_ENTRY, marks.get(row - first)));
        }
        int leftOut = 0;
        for (int row = windowFrom; row < windowTo; row++) {
            List<Mark> rowMarks = marks.get(row - first);
            if (row - windowFrom < MAX_EVENTS_IN_WINDOW || !rowMarks.isEmpty()) {
                entries.add(entry(row, Place.IN_WINDOW, rowMarks));
            } else {
                leftOut++;
            }
        }
        for (int row = windowTo; row < Math.min(end, windowTo + EVENTS_AFTER); row++) {
            entries.add(entry(row, Place.AFTER_WINDOW, marks.get(row - first)));
        }
        return new Timeline(log.userId(user), properties, entries, leftOut);
    }

    private Entry entry(int row, Place place, List<Mark> marks) {
        List<String> values = new ArrayList<>(columns.length);
        for (int column : columns) {
            String value = log.propertyValue(column, log.property(column, row));
            values.add(value == null ? "" : value);
        }
        return new Entry(log.time(row), log.eventName(log.event(row)), place, marks, values);
    }

    /**
     * The row of the event the counted attempt used for step {@code fullStep} (numbered in the funnel as asked), or
     * -1 when it did not reach (or, optional, did not do) that step.
     */
    public int stepRow(int user, int fullStep) {
        int requiredStep = full.requiredNumber(fullStep);
        if (requiredStep == 0) {
            int o = Arrays.binarySearch(optionalNumber, fullStep);
            return optionalRow(user, o, log.firstRowOf(user), log.endRowOf(user));
        }
        int[] served = stepsServed(user);
        for (int k = 0; k < served.length; k++) {
            if (served[k] == requiredStep - 1) {
                return outcome.rowOf(user, k + 1);
            }
        }
        return -1;
    }

    /** The value of {@code property} on {@code row} of the funnel's log; "" when it has none or no such property. */
    public String value(String property, int row) {
        int column = log.propertyIndex(property);
        String value = column < 0 || row < 0 ? null : log.propertyValue(column, log.property(column, row));
        return value == null ? "" : value;
    }

    /** The counted attempt's rows, in row (time) order. */
    private int[] attemptRows(int user) {
        int[] rows = new int[outcome.furthest(user)];
        for (int k = 1; k <= rows.length; k++) {
            rows[k - 1] = outcome.rowOf(user, k);
        }
        Arrays.sort(rows);
        return rows;
    }

    /** Per row of the user, from {@code first}, the marks: the steps it served and the exclusions it hit. */
    private List<List<Mark>> marks(int user, int first, int end) {
        List<List<Mark>> marks = new ArrayList<>(end - first);
        for (int row = first; row < end; row++) {
            marks.add(new ArrayList<>(1));
        }
        int[] served = stepsServed(user);
        for (int k = 0; k < served.length; k++) {
            int row = outcome.rowOf(user, k + 1);
            int step = served[k];
            marks.get(row - first).add(new Mark(MarkKind.STEP, fullNumber[step], required.steps().get(step).name()));
        }
        for (int o = 0; o < optionalRules.length; o++) {
            int row = optionalRow(user, o, first, end);
            if (row >= 0) {
                marks.get(row - first).add(new Mark(MarkKind.OPTIONAL_STEP, optionalNumber[o],
                        full.steps().get(optionalNumber[o] - 1).name()));
            }
        }
        for (int e = 0; e < exclusionRules.length; e++) {
            markExclusion(user, e, first, end, marks);
        }
        return marks;
    }

    /**
     * Per event of the counted attempt (its k-th recorded row), the required step (0-based) it served. In ordered
     * modes the k-th row served step k. In any order the rows are in time order and the engine keeps no step per
     * row, so the steps are matched to them again: each row, in time order, to the lowest step it matches that
     * leaves the rows before it matched.
     */
    private int[] stepsServed(int user) {
        int reached = outcome.furthest(user);
        int[] served = new int[reached];
        if (required.order() != OrderMode.ANY) {
            Arrays.setAll(served, k -> k);
            return served;
        }
        int steps = stepRules.length;
        int[] rowOfStep = new int[steps];
        Arrays.fill(rowOfStep, -1);
        for (int k = 0; k < reached; k++) {
            augment(user, k, rowOfStep, new boolean[steps]);
        }
        for (int s = 0; s < steps; s++) {
            if (rowOfStep[s] >= 0) {
                served[rowOfStep[s]] = s;
            }
        }
        return served;
    }

    /** Kuhn's augmenting path: gives attempt row {@code k} a step, moving earlier rows to other steps if need be. */
    private boolean augment(int user, int k, int[] rowOfStep, boolean[] seen) {
        int row = outcome.rowOf(user, k + 1);
        for (int s = 0; s < stepRules.length; s++) {
            if (!seen[s] && stepRules[s].matches(row, log.event(row))) {
                seen[s] = true;
                if (rowOfStep[s] < 0 || augment(user, rowOfStep[s], rowOfStep, seen)) {
                    rowOfStep[s] = k;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The event that did optional step {@code o} for the counted attempt, or -1 (FUNNEL-SEMANTICS.md, "Optional
     * steps"): the first matching event at or after the attempt's step-a event and at or before its step-b event
     * (or within the window when it did not reach b), not one of the attempt's own events; when only such an own
     * event fits (several events at one instant could serve the steps), that event.
     */
    private int optionalRow(int user, int o, int first, int end) {
        if (!outcome.didOptional(user, o)) {
            return -1;
        }
        int a = optionalAfter[o];
        int[] attempt = attemptRows(user);
        long start = log.time(attempt[0]);
        // In any order "step a" is the attempt's a-th event in time; in ordered modes the two agree.
        long after = log.time(attempt[a - 1]);
        boolean reachedNext = attempt.length > a;
        long before = reachedNext ? log.time(attempt[a]) : start + window;
        int own = -1;
        for (int row = first; row < end; row++) {
            long time = log.time(row);
            if (time < after || time > before || !optionalRules[o].matches(row, log.event(row))) {
                continue;
            }
            if (Arrays.binarySearch(attempt, row) < 0) {
                return row;
            }
            own = own < 0 ? row : own;
        }
        return own;
    }

    /**
     * Marks the events of exclusion {@code e} inside its span of the counted attempt: after the attempt's event of
     * the step it starts at, and before its event of the step it ends at (within the window, when the attempt
     * stops short of that step, as it does when the exclusion cut it there).
     */
    private void markExclusion(int user, int e, int first, int end, List<List<Mark>> marks) {
        FunnelSpec.ExclusionSpec exclusion = required.exclusions().get(e);
        int reached = outcome.furthest(user);
        if (reached < exclusion.fromStep()) {
            return;
        }
        long start = log.time(attemptRows(user)[0]);
        long after = outcome.timeOf(user, exclusion.fromStep());
        boolean reachedEnd = reached >= exclusion.toStep();
        long before = reachedEnd ? outcome.timeOf(user, exclusion.toStep()) : 0;
        for (int row = first; row < end; row++) {
            long time = log.time(row);
            boolean inside = time > after && (reachedEnd ? time < before : time - start <= window);
            if (inside && exclusionRules[e].matches(row, log.event(row))) {
                marks.get(row - first).add(new Mark(MarkKind.EXCLUSION, 0, exclusion.name()));
            }
        }
    }
}
