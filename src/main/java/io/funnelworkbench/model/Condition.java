package io.funnelworkbench.model;

import java.util.Objects;

/** One property condition of a match rule, e.g. {@code category = laptops}. */
public record Condition(String property, Operator operator, String value, boolean ignoreCase) {
    public Condition {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(operator, "operator");
        value = value == null ? "" : value;
    }

    public static Condition of(String property, Operator operator, String value) {
        return new Condition(property, operator, value, false);
    }
}
