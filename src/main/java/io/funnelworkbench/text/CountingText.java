package io.funnelworkbench.text;

import io.funnelworkbench.model.FunnelResult;

/**
 * What a funnel counts, in words: users, or accounts when it counts the values of a property (FUNNEL-SEMANTICS.md,
 * "Counting unit").
 */
public final class CountingText {
    private CountingText() {
    }

    /** "user", or "account" when {@code countedBy} names a property. */
    public static String noun(String countedBy) {
        return countedBy == null ? "user" : "account";
    }

    /** The step table's count column: "Users", or "Accounts" for a result counted by a property. */
    public static String countedHeader(FunnelResult result) {
        return result == null || result.countedBy() == null ? "Users" : "Accounts";
    }

    /** A line of the Count list: "Users" for "" (no property), else the property's name. */
    public static String countChoice(String property) {
        return property == null || property.isEmpty() ? "Users" : property;
    }

    /** The funnel chart's legend for its bars: "Users who reached the step", or accounts. */
    public static String reachedLegend(FunnelResult result) {
        return result.countedBy() == null ? "Users who reached the step" : "Accounts that reached the step";
    }
}
