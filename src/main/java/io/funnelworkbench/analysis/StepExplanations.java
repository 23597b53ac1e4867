package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Durations;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Why each user who reached a step went on, completed the funnel, or dropped out there, in words a marketer can
 * check against the raw events: the drill-down's "reason each was counted or not". The reasons describe the
 * counted attempt (the one the numbers use): its step-1 and step times, and the user's events for the next step.
 */
public final class StepExplanations {
    private static final double MICROS = 1_000_000.0;

    /** What happened to a user at the step. */
    public enum Outcome {
        WENT_ON("Went on"), DROPPED("Dropped"), COMPLETED("Completed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One user's outcome at the step and the reason for it. */
    public record Explanation(String user, Outcome outcome, String reason) {
    }

    private final EventLog log;
    /** The required steps' funnel, which the outcome's attempts are made of. */
    private final FunnelSpec spec;
    /** The funnel as asked, optional steps included: steps are numbered in it. */
    private final FunnelSpec full;
    private final FunnelOutcome outcome;

    /** {@code log} is the project's log; a funnel counted by account is explained per account. */
    public StepExplanations(EventLog log, FunnelSpec spec, FunnelOutcome outcome) {
        this.log = AccountLogs.forSpec(log, spec);
        this.full = spec;
        this.spec = spec.requiredOnly();
        this.outcome = outcome;
    }

    /**
     * Every user who reached {@code step} (1-based), in user order, with what happened next and why. With optional
     * steps, "next" is the next required step; an optional step lists the users whose counted attempt did it, with
     * what happened at the required step before it (FUNNEL-SEMANTICS.md, "Drill-down reasons").
     */
    public List<Explanation> explain(int step) {
        return explain(step, user -> true);
    }

    /** As {@link #explain(int)}, for the users {@code among} accepts (a breakdown group's, say). */
    public List<Explanation> explain(int fullStep, IntPredicate among) {
        int[] users = users(fullStep, among);
        int step = requiredAtOrBefore(fullStep);
        int steps = spec.steps().size();
        CompiledRule next = step < steps ? new CompiledRule(log, spec.steps().get(step).rule()) : null;
        List<Explanation> explanations = new ArrayList<>(users.length);
        for (int u : users) {
            int furthest = outcome.furthest(u);
            String user = log.userId(u);
            if (step == steps) {
                explanations.add(new Explanation(user, Outcome.COMPLETED, completed(u)));
            } else if (furthest > step) {
                explanations.add(new Explanation(user, Outcome.WENT_ON, wentOn(u, step)));
            } else {
                explanations.add(new Explanation(user, Outcome.DROPPED, dropped(u, step, next)));
            }
        }
        return explanations;
    }

    /**
     * The indexes (in the funnel's log: accounts when it counts by one) of the users {@link #explain(int,
     * IntPredicate)} lists, in the same order: those whose counted attempt reached step {@code fullStep}, or, for
     * an optional step, did it.
     */
    public int[] users(int fullStep, IntPredicate among) {
        if (fullStep < 1 || fullStep > full.steps().size()) {
            throw new IllegalArgumentException("The funnel has no step " + fullStep);
        }
        int step = requiredAtOrBefore(fullStep);
        int optional = full.requiredNumber(fullStep) == 0 ? optionalIndex(fullStep) : -1;
        int[] users = new int[outcome.userCount()];
        int count = 0;
        for (int u = 0; u < outcome.userCount(); u++) {
            if (outcome.furthest(u) >= step && outcome.furthest(u) > 0 && among.test(u)
                    && (optional < 0 || outcome.didOptional(u, optional))) {
                users[count++] = u;
            }
        }
        return Arrays.copyOf(users, count);
    }

    /** The required step (1-based among them) that is step {@code fullStep}, or the last one before it. */
    private int requiredAtOrBefore(int fullStep) {
        int number = 0;
        for (int i = 0; i < fullStep; i++) {
            number += full.steps().get(i).optional() ? 0 : 1;
        }
        return number;
    }

    /** Step {@code fullStep}, optional, among the optional steps (0-based). */
    private int optionalIndex(int fullStep) {
        int index = 0;
        for (int i = 0; i < fullStep - 1; i++) {
            index += full.steps().get(i).optional() ? 1 : 0;
        }
        return index;
    }

    private String completed(int user) {
        int steps = spec.steps().size();
        if (steps == 1) {
            return "Did " + spec.steps().get(0).name();
        }
        return "Completed in " + duration(outcome.stepTime(user, steps) - outcome.stepTime(user, 1));
    }

    private String wentOn(int user, int step) {
        String nextName = spec.steps().get(step).name();
        if (spec.order() == OrderMode.ANY) {
            return "Went on to a further step";
        }
        return nextName + " " + duration(outcome.stepTime(user, step + 1) - outcome.stepTime(user, step)) + " later";
    }

    /** The first reason that applies, from the funnel's own rules to what the user's events show. */
    private String dropped(int user, int step, CompiledRule next) {
        String nextName = spec.steps().get(step).name();
        if (outcome.excluded(user)) {
            return "Stopped by the exclusion " + exclusionsEndingAt(step);
        }
        if (spec.order() == OrderMode.ANY) {
            return outcome.stillInWindow(user) ? stillInWindow()
                    : "Did " + step + " of the " + spec.steps().size() + " steps within the " + window();
        }
        String evidence = evidence(user, step, next);
        if (!outcome.stillInWindow(user)) {
            return evidence;
        }
        // What the events show comes first: a deal won before its lead is news, an open window is not.
        return evidence.equals("Never did " + nextName) ? stillInWindow() : evidence + " (" + stillInWindow()
                .toLowerCase(Locale.ROOT) + ")";
    }

    private String stillInWindow() {
        return "Still within the " + window() + " when the data ends";
    }

    /** What the user's events show about the next step: too late, out of order, before, other values, or never. */
    private String evidence(int user, int step, CompiledRule next) {
        String stepName = spec.steps().get(step - 1).name();
        String nextName = spec.steps().get(step).name();
        long start = outcome.stepTime(user, 1);
        long at = outcome.stepTime(user, step);
        int usedRow = outcome.stepRow(user, step);
        long firstAfter = Long.MAX_VALUE;
        boolean before = false;
        boolean nameOnly = false;
        for (int row = log.firstRowOf(user); row < log.endRowOf(user); row++) {
            int event = log.event(row);
            if (!next.matchesEvent(event)) {
                continue;
            }
            if (!next.matches(row, event)) {
                nameOnly = true;
            } else if (log.time(row) >= at && row != usedRow) {
                firstAfter = Math.min(firstAfter, log.time(row));
            } else {
                before = true;
            }
        }
        if (firstAfter != Long.MAX_VALUE) {
            if (firstAfter - start > spec.window().toNanos() / 1_000) {
                return "Did " + nextName + " " + duration(firstAfter - start) + " after step 1, past the "
                        + window();
            }
            return spec.order() == OrderMode.STRICT
                    ? "Other events came between " + stepName + " and " + nextName + " (strict order)"
                    : "Did " + nextName + " within the window, but not after the events counted for earlier steps";
        }
        if (before) {
            return "Did " + nextName + " only before " + stepName;
        }
        if (nameOnly) {
            return "Did " + String.join(" or ", spec.steps().get(step).rule().eventNames()) + ", but not where "
                    + conditions(spec.steps().get(step).rule().conditions());
        }
        return "Never did " + nextName;
    }

    private String exclusionsEndingAt(int step) {
        List<String> names = spec.exclusions().stream()
                .filter(e -> e.dropFromThatPoint() && e.fromStep() == step)
                .map(FunnelSpec.ExclusionSpec::name).distinct().toList();
        return names.isEmpty() ? "between the steps" : String.join(" or ", names);
    }

    private static String conditions(List<Condition> conditions) {
        return conditions.stream().map(c -> c.property() + " " + c.operator().symbol()
                + (c.operator().takesValue() ? " " + c.value() : "")).collect(Collectors.joining(" and "));
    }

    /** "1-week window", "3-day window", "30-minute window". */
    private String window() {
        String exact = Durations.format(spec.window());
        String unit = switch (exact.charAt(exact.length() - 1)) {
            case 'w' -> "week";
            case 'd' -> "day";
            case 'h' -> "hour";
            case 'm' -> "minute";
            default -> "second";
        };
        return exact.substring(0, exact.length() - 1) + "-" + unit + " window";
    }

    private static String duration(long micros) {
        return Durations.describe(micros / MICROS);
    }
}
