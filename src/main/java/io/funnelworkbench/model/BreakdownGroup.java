package io.funnelworkbench.model;

import java.util.List;

/**
 * One breakdown group, a complete funnel of its own. {@code value} is null for users without a value
 * ("(none)"); {@code other} marks the group of all values beyond the top 25.
 */
public record BreakdownGroup(String value, boolean other, List<StepResult> steps) {
    public String label() {
        return other ? "Other" : value == null ? "(none)" : value;
    }
}
