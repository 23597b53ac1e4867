package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;

import io.funnelworkbench.analysis.EventValues;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The one home of the rules as Spark columns over an {@link EventTable}: whether an event matches a rule, and
 * the value an event carries for a goal, each exactly as the local engine judges them (CompiledRule, ValueReader).
 *
 * <p>A missing value is the empty text, as locally. Spark's own expressions are used where they agree with Java's
 * to the character when case counts: equality, contains and starts-with (UTF-8 byte matching of whole characters),
 * regular expressions ({@code rlike} is Java's {@code Pattern.find}) and blankness (Java's own whitespace class).
 * Conditions that ignore case, numbers and amounts are judged by the local engine's code itself, in a UDF
 * ({@link ConditionUdf}, {@link AmountUdf}) from the uploaded kernel jar: Spark's {@code lower}, casts and double
 * comparisons differ from Java's {@code equalsIgnoreCase}, {@code Double.parseDouble} and {@code Double.compare}
 * at the edges ("İ", "12d", "NaN", -0).
 */
final class SparkRules {
    /** Java's {@code String.isBlank}: only whitespace as {@code Character.isWhitespace} sees it, or nothing. */
    private static final String BLANK = "\\A\\p{javaWhitespace}*\\z";

    private final Set<String> properties;

    SparkRules(EventTable table) {
        this.properties = new HashSet<>(table.properties());
    }

    /** True for the events {@code rule} matches. */
    Column matches(MatchRule rule) {
        Column match = col(EventTable.EVENT).isin(rule.eventNames().toArray());
        for (Condition condition : rule.conditions()) {
            match = match.and(holds(condition));
        }
        return match;
    }

    /** The value an event carries for {@code value} (0 when none), as a double column. */
    Column value(GoalValue value) {
        if (value.fromProperty() == null) {
            return lit(value.fixedAmount());
        }
        if (!properties.contains(value.fromProperty())) {
            return lit(0.0);
        }
        return udf(new AmountUdf(), DataTypes.DoubleType).apply(property(value.fromProperty()));
    }

    /** A property's column by name, whatever characters the name holds. */
    static Column property(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    private Column holds(Condition condition) {
        // Judging the missing value first also rejects an invalid regular expression with the local message.
        boolean whenMissing = EventValues.holds(condition, null);
        if (!properties.contains(condition.property())) {
            // A property the table does not have is missing on every event, as for a project that never saw it.
            return lit(whenMissing);
        }
        Column text = coalesce(property(condition.property()), lit(""));
        String wanted = condition.value();
        if (condition.ignoreCase() || condition.operator().numeric()) {
            return udf(new ConditionUdf(condition), DataTypes.BooleanType).apply(text);
        }
        return switch (condition.operator()) {
            case EQUALS -> text.equalTo(lit(wanted));
            case NOT_EQUALS -> text.notEqual(lit(wanted));
            case CONTAINS -> text.contains(lit(wanted));
            case STARTS_WITH -> text.startsWith(lit(wanted));
            case MATCHES -> text.rlike(wanted);
            case EMPTY -> text.rlike(BLANK);
            case NOT_EMPTY -> not(text.rlike(BLANK));
            default -> throw new IllegalStateException("Judged by ConditionUdf: " + condition.operator());
        };
    }
}
