package io.funnelworkbench.model;

/** What a conversion is worth: nothing, a fixed amount, or a numeric property of the matching event. */
public record GoalValue(double fixedAmount, String fromProperty) {
    public static final GoalValue NONE = new GoalValue(0, null);

    public static GoalValue fixed(double amount) {
        return new GoalValue(amount, null);
    }

    public static GoalValue fromProperty(String property) {
        return new GoalValue(0, property);
    }

    public boolean isNone() {
        return fromProperty == null && fixedAmount == 0;
    }
}
