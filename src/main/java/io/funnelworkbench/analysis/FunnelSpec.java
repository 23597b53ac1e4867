package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A funnel ready to compute: goals resolved into match rules. Entry dates are inclusive UTC days; null leaves
 * that end open. {@code countBy} names the property whose values are counted (accounts, see {@link AccountLogs});
 * null counts users.
 */
public record FunnelSpec(List<Step> steps, Duration window, OrderMode order, List<ExclusionSpec> exclusions,
                         String breakdownProperty, Attribution attribution, LocalDate entryFrom, LocalDate entryTo,
                         TrendPeriod trendPeriod, String countBy) {
    public static final int MAX_STEPS = 60;
    public static final String ANY_ORDER_EXCLUSIONS = "Exclusions need an ordered funnel: they sit between two steps,"
            + " and in any order steps have no between. Choose sequential or strict order, or remove the exclusions.";

    public FunnelSpec {
        steps = List.copyOf(steps);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        window = window == null ? FunnelDefinition.DEFAULT_WINDOW : window;
        order = order == null ? OrderMode.SEQUENTIAL : order;
        attribution = attribution == null ? Attribution.FIRST_TOUCH : attribution;
        trendPeriod = trendPeriod == null ? TrendPeriod.WEEK : trendPeriod;
        countBy = countBy == null || countBy.isBlank() ? null : countBy;
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A funnel needs at least one step");
        }
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("A funnel has at most " + MAX_STEPS + " steps");
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("The conversion window cannot be negative");
        }
        if (order == OrderMode.ANY && !exclusions.isEmpty()) {
            throw new IllegalArgumentException(ANY_ORDER_EXCLUSIONS);
        }
        for (ExclusionSpec e : exclusions) {
            if (e.fromStep() < 1 || e.toStep() > steps.size() || e.fromStep() >= e.toStep()) {
                throw new IllegalArgumentException("Exclusion " + e.name() + " must sit between two steps (1 to "
                        + steps.size() + "), not " + e.fromStep() + "-" + e.toStep());
            }
        }
        checkOptional(steps, exclusions);
    }

    /** A funnel that counts users. */
    public FunnelSpec(List<Step> steps, Duration window, OrderMode order, List<ExclusionSpec> exclusions,
                      String breakdownProperty, Attribution attribution, LocalDate entryFrom, LocalDate entryTo,
                      TrendPeriod trendPeriod) {
        this(steps, window, order, exclusions, breakdownProperty, attribution, entryFrom, entryTo, trendPeriod, null);
    }

    /** Optional steps sit between required ones: never the first or the last, and exclusions end on required ones. */
    private static void checkOptional(List<Step> steps, List<ExclusionSpec> exclusions) {
        if (steps.stream().allMatch(Step::optional)) {
            throw new IllegalArgumentException("Every step is optional: a funnel needs required steps, at least"
                    + " its first and its last.");
        }
        for (int i : new int[] {0, steps.size() - 1}) {
            if (steps.get(i).optional()) {
                throw new IllegalArgumentException("Step " + (i + 1) + " (" + steps.get(i).name() + ") cannot be"
                        + " optional: the first and the last step of a funnel are always required.");
            }
        }
        for (ExclusionSpec e : exclusions) {
            for (int step : new int[] {e.fromStep(), e.toStep()}) {
                if (steps.get(step - 1).optional()) {
                    throw new IllegalArgumentException("Exclusion " + e.name() + " must sit between required steps:"
                            + " step " + step + " (" + steps.get(step - 1).name() + ") is optional.");
                }
            }
        }
    }

    /** Whether some step is optional. */
    public boolean hasOptionalSteps() {
        return steps.stream().anyMatch(Step::optional);
    }

    /**
     * The required step that step {@code step} (1-based) is among the required steps alone (1-based), or 0 when
     * it is optional.
     */
    public int requiredNumber(int step) {
        if (steps.get(step - 1).optional()) {
            return 0;
        }
        int number = 0;
        for (int i = 0; i < step; i++) {
            number += steps.get(i).optional() ? 0 : 1;
        }
        return number;
    }

    /**
     * The funnel of the required steps alone, as if the optional ones were absent (exclusions renumbered): the
     * funnel the counted attempt is chosen on. This spec itself when no step is optional.
     */
    public FunnelSpec requiredOnly() {
        if (!hasOptionalSteps()) {
            return this;
        }
        List<ExclusionSpec> renumbered = exclusions.stream().map(e -> new ExclusionSpec(e.name(), e.rule(),
                requiredNumber(e.fromStep()), requiredNumber(e.toStep()), e.dropFromThatPoint())).toList();
        return new FunnelSpec(steps.stream().filter(s -> !s.optional()).toList(), window, order, renumbered,
                breakdownProperty, attribution, entryFrom, entryTo, trendPeriod, countBy);
    }

    /** This funnel with the steps numbered {@code numbers} (1-based) optional and the others required. */
    public FunnelSpec withOptional(Collection<Integer> numbers) {
        for (int number : numbers) {
            if (number < 1 || number > steps.size()) {
                throw new IllegalArgumentException("Step " + number + " cannot be optional: this funnel has steps 1"
                        + " to " + steps.size() + ".");
            }
        }
        List<Step> marked = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            marked.add(new Step(s.name(), s.rule(), s.value(), numbers.contains(i + 1)));
        }
        return new FunnelSpec(marked, window, order, exclusions, breakdownProperty, attribution, entryFrom, entryTo,
                trendPeriod, countBy);
    }

    /**
     * A step: its display name, the events that complete it, what a conversion is worth, and whether it is
     * optional (FUNNEL-SEMANTICS.md, "Optional steps").
     */
    public record Step(String name, MatchRule rule, GoalValue value, boolean optional) {
        /** A required step. */
        public Step(String name, MatchRule rule, GoalValue value) {
            this(name, rule, value, false);
        }

        public static Step event(String eventName) {
            return new Step(eventName, MatchRule.event(eventName), GoalValue.NONE);
        }

        /** This step, optional. */
        public Step asOptional() {
            return new Step(name, rule, value, true);
        }
    }

    /** Events that must not happen between steps {@code fromStep} and {@code toStep} (1-based). */
    public record ExclusionSpec(String name, MatchRule rule, int fromStep, int toStep, boolean dropFromThatPoint) {
    }

    public static FunnelSpec of(List<Step> steps, Duration window, OrderMode order) {
        return new FunnelSpec(steps, window, order, List.of(), null, null, null, null, null);
    }

    public FunnelSpec withBreakdown(String property, Attribution newAttribution) {
        return new FunnelSpec(steps, window, order, exclusions, property, newAttribution, entryFrom, entryTo,
                trendPeriod, countBy);
    }

    public FunnelSpec withExclusions(List<ExclusionSpec> newExclusions) {
        return new FunnelSpec(steps, window, order, newExclusions, breakdownProperty, attribution, entryFrom, entryTo,
                trendPeriod, countBy);
    }

    public FunnelSpec withEntryRange(LocalDate from, LocalDate to) {
        return new FunnelSpec(steps, window, order, exclusions, breakdownProperty, attribution, from, to,
                trendPeriod, countBy);
    }

    public FunnelSpec withWindow(Duration newWindow) {
        return new FunnelSpec(steps, newWindow, order, exclusions, breakdownProperty, attribution, entryFrom, entryTo,
                trendPeriod, countBy);
    }

    public FunnelSpec withTrendPeriod(TrendPeriod period) {
        return new FunnelSpec(steps, window, order, exclusions, breakdownProperty, attribution, entryFrom, entryTo,
                period, countBy);
    }

    /** This funnel counting the values of {@code property} (null: users). */
    public FunnelSpec withCountBy(String property) {
        return new FunnelSpec(steps, window, order, exclusions, breakdownProperty, attribution, entryFrom, entryTo,
                trendPeriod, property);
    }

    /** Resolves a saved funnel's steps against the project's goals; unknown goal names are an error. */
    public static FunnelSpec resolve(FunnelDefinition funnel, List<Goal> goals) {
        Map<String, Goal> byName = goals.stream().collect(Collectors.toMap(Goal::name, Function.identity()));
        List<Step> steps = funnel.steps().stream().map(s -> s.optional() ? step(s, byName).asOptional()
                : step(s, byName)).toList();
        List<ExclusionSpec> exclusions = funnel.exclusions().stream().map(e -> {
            Step step = step(e.step(), byName);
            return new ExclusionSpec(step.name(), step.rule(), e.fromStep(), e.toStep(), e.dropFromThatPoint());
        }).toList();
        return new FunnelSpec(steps, funnel.window(), funnel.order(), exclusions, funnel.breakdownProperty(), null,
                funnel.entryFrom(), funnel.entryTo(), null, funnel.countBy());
    }

    private static Step step(FunnelStep step, Map<String, Goal> goals) {
        if (step.kind() == FunnelStep.Kind.EVENT) {
            return Step.event(step.name());
        }
        Goal goal = goals.get(step.name());
        if (goal == null) {
            throw new IllegalArgumentException("There is no goal named '" + step.name() + "'");
        }
        return new Step(goal.name(), goal.rule(), goal.value());
    }
}
