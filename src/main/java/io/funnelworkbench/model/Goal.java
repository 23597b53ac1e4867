package io.funnelworkbench.model;

import java.util.Objects;

/** A macro or micro goal: which events complete it, what it is worth and how it is counted. */
public record Goal(String name, GoalKind kind, GoalCategory category, GoalType type, MatchRule rule,
                   GoalValue value, Counting counting) {
    public Goal {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A goal needs a name");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        category = category == null ? GoalCategory.defaultFor(kind) : category;
        if (category.kind() != kind) {
            throw new IllegalArgumentException(
                    "Category " + category.label() + " belongs to " + category.kind() + " goals, not " + kind);
        }
        value = value == null ? GoalValue.NONE : value;
        counting = counting == null ? Counting.USER : counting;
    }
}
