package io.funnelworkbench.text;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.Operator;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Goals and their numbers in words, the one description every screen and command uses: the goal lists, the
 * editor, the project overview and the CLI.
 */
public final class GoalText {
    private GoalText() {
    }

    /** What completes a goal and what it is worth, e.g. {@code purchase · value from revenue · every event}. */
    public static String rule(Goal goal) {
        String worth = worth(goal);
        return match(goal) + (worth.isEmpty() ? "" : " · " + worth) + countingSuffix(goal);
    }

    /** Which events complete a goal and, unless once per user, how often it counts: {@code purchase · every event}. */
    public static String matchAndCounting(Goal goal) {
        return match(goal) + countingSuffix(goal);
    }

    /** Where a goal's value comes from: "value from revenue", "worth 25 each", or empty when it has none. */
    public static String worth(Goal goal) {
        if (goal.value().fromProperty() != null) {
            return "value from " + goal.value().fromProperty();
        }
        return goal.value().isNone() ? "" : "worth " + Numbers.money(goal.value().fixedAmount()) + " each";
    }

    /** The goal list's short value column: "from revenue", "25 each", or empty when it has none. */
    public static String valueSource(Goal goal) {
        if (goal.value().fromProperty() != null) {
            return "from " + goal.value().fromProperty();
        }
        return goal.value().isNone() ? "" : Numbers.money(goal.value().fixedAmount()) + " each";
    }

    private static String countingSuffix(Goal goal) {
        return goal.counting() == Counting.USER ? "" : " · " + counting(goal.counting()).toLowerCase(Locale.ROOT);
    }

    /** Only which events complete a goal, e.g. {@code watch_demo_video where percent ≥ 50}. */
    public static String match(Goal goal) {
        String events = String.join(" or ", goal.rule().eventNames());
        if (goal.rule().conditions().isEmpty()) {
            return events;
        }
        return events + " where " + goal.rule().conditions().stream().map(GoalText::condition)
                .collect(Collectors.joining(" and "));
    }

    /** One condition: {@code plan = “pro” (any case)}, {@code percent ≥ 50}, {@code coupon is empty}. */
    public static String condition(Condition condition) {
        String text = condition.property() + " " + operator(condition.operator());
        if (!condition.operator().takesValue()) {
            return text;
        }
        text += condition.operator().numeric() ? " " + condition.value() : " “" + condition.value() + "”";
        return condition.ignoreCase() && !condition.operator().numeric() ? text + " (any case)" : text;
    }

    /** Operators as a marketer reads them. */
    public static String operator(Operator operator) {
        return switch (operator) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "≠";
            case CONTAINS -> "contains";
            case STARTS_WITH -> "starts with";
            case MATCHES -> "matches";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "≤";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> "≥";
            case EMPTY -> "is empty";
            case NOT_EMPTY -> "is not empty";
        };
    }

    /** Operators as the editor's drop-down offers them. */
    public static String operatorChoice(Operator operator) {
        return switch (operator) {
            case EQUALS -> "equals";
            case NOT_EQUALS -> "does not equal";
            case CONTAINS -> "contains";
            case STARTS_WITH -> "starts with";
            case MATCHES -> "matches pattern";
            case LESS -> "< less than";
            case LESS_OR_EQUAL -> "≤ at most";
            case GREATER -> "> more than";
            case GREATER_OR_EQUAL -> "≥ at least";
            case EMPTY -> "is empty";
            case NOT_EMPTY -> "is not empty";
        };
    }

    /** How often a goal counts, as a phrase that starts a sentence. */
    public static String counting(Counting counting) {
        return switch (counting) {
            case USER -> "Once per user";
            case SESSION -> "Once per session";
            case EVENT -> "Every event";
        };
    }

    /** The conversion rate with its counts, e.g. {@code 8.7% · 1,749 of 20,000}. */
    public static String conversion(GoalMetrics metrics) {
        return Numbers.percent(metrics.conversionRate()) + " · " + convertedOf(metrics);
    }

    /** Who converted out of whom: {@code 1,749 of 20,000}, or {@code … sessions} when counted per session. */
    public static String convertedOf(GoalMetrics metrics) {
        return Numbers.count(metrics.converted()) + " of " + Numbers.count(metrics.denominator())
                + (metrics.counting() == Counting.SESSION ? " sessions" : "");
    }

    /** How many times the goal was done when it counts more than once per user: "3,210 events", else empty. */
    public static String completions(GoalMetrics metrics) {
        return switch (metrics.counting()) {
            case USER -> "";
            case SESSION -> Numbers.count(metrics.completions()) + " sessions";
            case EVENT -> Numbers.count(metrics.completions()) + " events";
        };
    }

    /** How often an event occurs: "12,034 events · 3,210 users". */
    public static String eventCounts(long events, long users) {
        return Numbers.count(events) + " events · " + Numbers.count(users) + " users";
    }

    /** A goal name made from an event name: {@code add_to_cart} and {@code addToCart} become "Add to cart". */
    public static String nameFor(String eventName) {
        String words = eventName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip().toLowerCase(Locale.ROOT);
        if (words.isEmpty()) {
            return eventName;
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
