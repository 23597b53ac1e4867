package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.Operator;
import java.util.Locale;
import java.util.stream.Collectors;

/** Goals and their numbers in words, as the goal lists and the editor show them. */
public final class GoalText {
    private GoalText() {
    }

    /** What completes a goal and what it is worth, e.g. {@code purchase · value from revenue}. */
    public static String rule(Goal goal) {
        StringBuilder text = new StringBuilder(match(goal));
        if (goal.value().fromProperty() != null) {
            text.append(" · value from ").append(goal.value().fromProperty());
        } else if (!goal.value().isNone()) {
            text.append(" · worth ").append(amount(goal.value().fixedAmount())).append(" each");
        }
        if (goal.counting() != Counting.USER) {
            text.append(" · ").append(counting(goal.counting()).toLowerCase(Locale.ROOT));
        }
        return text.toString();
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

    public static String counting(Counting counting) {
        return switch (counting) {
            case USER -> "Once per user";
            case SESSION -> "Once per session";
            case EVENT -> "Every event";
        };
    }

    /** The conversion rate with its counts, e.g. {@code 8.7% · 1,749 of 20,000}. */
    public static String conversion(GoalMetrics metrics) {
        return percent(metrics.conversionRate()) + " · " + count(metrics.converted()) + " of "
                + count(metrics.denominator()) + (metrics.counting() == Counting.SESSION ? " sessions" : "");
    }

    public static String percent(double rate) {
        double percent = rate * 100;
        // Small rates keep a second decimal so that 0.04% does not read as 0.0%.
        return String.format(Locale.ROOT, percent > 0 && percent < 1 ? "%.2f%%" : "%.1f%%", percent);
    }

    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** An amount without a currency: whole units from 1,000 up, cents below, no trailing zeros. */
    public static String amount(double amount) {
        if (Math.abs(amount) >= 1000 || amount == Math.rint(amount)) {
            return String.format(Locale.ROOT, "%,.0f", amount);
        }
        return String.format(Locale.ROOT, "%,.2f", amount);
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
