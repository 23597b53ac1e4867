package io.funnelworkbench.model;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * A saved funnel: steps and the rules it is computed with. {@code countBy} names the property whose values
 * (accounts) are counted; null counts users.
 */
public record FunnelDefinition(String name, List<FunnelStep> steps, Duration window, OrderMode order,
                               List<Exclusion> exclusions, String breakdownProperty,
                               LocalDate entryFrom, LocalDate entryTo, String countBy) {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    public FunnelDefinition {
        steps = steps == null ? List.of() : List.copyOf(steps);
        window = window == null ? DEFAULT_WINDOW : window;
        order = order == null ? OrderMode.SEQUENTIAL : order;
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        countBy = countBy == null || countBy.isBlank() ? null : countBy;
    }

    /** A funnel that counts users. */
    public FunnelDefinition(String name, List<FunnelStep> steps, Duration window, OrderMode order,
                            List<Exclusion> exclusions, String breakdownProperty, LocalDate entryFrom,
                            LocalDate entryTo) {
        this(name, steps, window, order, exclusions, breakdownProperty, entryFrom, entryTo, null);
    }

    /** This funnel counting the values of {@code property} (null: users). */
    public FunnelDefinition withCountBy(String property) {
        return new FunnelDefinition(name, steps, window, order, exclusions, breakdownProperty, entryFrom, entryTo,
                property);
    }

    public static FunnelDefinition of(String name, List<FunnelStep> steps) {
        return new FunnelDefinition(name, steps, DEFAULT_WINDOW, OrderMode.SEQUENTIAL, List.of(), null, null, null);
    }

    /** Whether the goal named {@code goalName} is a step or an exclusion of this funnel. */
    public boolean usesGoal(String goalName) {
        FunnelStep goal = FunnelStep.goal(goalName);
        return steps.stream().anyMatch(goal::sameTarget) || exclusions.stream().anyMatch(e -> e.step().equals(goal));
    }

    /** This funnel with the goal {@code from} called {@code to} wherever it is a step or an exclusion. */
    public FunnelDefinition withGoalRenamed(String from, String to) {
        FunnelStep old = FunnelStep.goal(from);
        FunnelStep renamed = FunnelStep.goal(to);
        return new FunnelDefinition(name, steps.stream()
                .map(s -> s.sameTarget(old) ? renamed.withOptional(s.optional()) : s).toList(), window, order,
                exclusions.stream().map(e -> e.step().equals(old)
                        ? new Exclusion(renamed, e.fromStep(), e.toStep(), e.dropFromThatPoint()) : e).toList(),
                breakdownProperty, entryFrom, entryTo, countBy);
    }
}
