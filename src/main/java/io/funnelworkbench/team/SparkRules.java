package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import org.apache.spark.sql.Column;

/**
 * The one home of the rules as Spark columns over an {@link EventTable}: whether an event matches a rule, and
 * the value an event carries for a goal, each exactly as the local engine judges them.
 */
final class SparkRules {
    private SparkRules() {
    }

    /** True for the events {@code rule} matches. */
    static Column matches(MatchRule rule) {
        if (!rule.conditions().isEmpty()) {
            throw new IllegalArgumentException("The Spark Connect back-end does not evaluate property conditions"
                    + " yet: " + rule);
        }
        return col(EventTable.EVENT).isin(rule.eventNames().toArray());
    }

    /** The value an event carries for {@code value} (0 when none), as a double column. */
    static Column value(GoalValue value) {
        if (value.fromProperty() == null) {
            return lit(value.fixedAmount());
        }
        throw new IllegalArgumentException("The Spark Connect back-end does not read values from properties yet: "
                + value.fromProperty());
    }
}
