package io.funnelworkbench.model;

import java.util.List;

/**
 * One breakdown group, a complete funnel of its own, with its trend over the same periods as the whole funnel's
 * (so groups add up period by period). {@code value} is null for users without a value ("(none)"); {@code other}
 * marks the group of all values beyond the top 25.
 */
public record BreakdownGroup(String value, boolean other, List<StepResult> steps, List<TrendPoint> trend) {
    public BreakdownGroup {
        steps = List.copyOf(steps);
        trend = List.copyOf(trend);
    }

    /** A group named by its value, without results: how a drill-down asks for a group's users. */
    public BreakdownGroup(String value, boolean other, List<StepResult> steps) {
        this(value, other, steps, List.of());
    }

    public String label() {
        return other ? "Other" : value == null ? "(none)" : value;
    }
}
