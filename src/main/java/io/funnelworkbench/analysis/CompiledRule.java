package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A match rule prepared for one event log: conditions are evaluated once per distinct property value, so
 * matching a row is a few array lookups and never parses text.
 */
final class CompiledRule {
    private final boolean[] eventMatches;
    private final int[][] conditionColumns;
    private final boolean[][] conditionTables;
    private final int[] conditionProperties;
    private final boolean alwaysFalse;

    CompiledRule(EventLog log, MatchRule rule) {
        String[] names = log.eventNames();
        eventMatches = new boolean[names.length];
        for (int e = 0; e < names.length; e++) {
            eventMatches[e] = rule.eventNames().contains(names[e]);
        }
        List<Condition> conditions = rule.conditions();
        conditionColumns = new int[conditions.size()][];
        conditionTables = new boolean[conditions.size()][];
        conditionProperties = new int[conditions.size()];
        boolean impossible = false;
        for (int c = 0; c < conditions.size(); c++) {
            Condition condition = conditions.get(c);
            int property = log.propertyIndex(condition.property());
            conditionProperties[c] = property;
            if (property < 0) {
                // A property the project never saw is missing on every event.
                impossible |= !holds(condition, null);
                conditionColumns[c] = null;
                conditionTables[c] = new boolean[] {true};
                continue;
            }
            boolean[] table = new boolean[log.propertyValueCount(property)];
            for (int v = 0; v < table.length; v++) {
                table[v] = holds(condition, log.propertyValue(property, v));
            }
            conditionColumns[c] = log.propertyColumn(property);
            conditionTables[c] = table;
        }
        alwaysFalse = impossible;
    }

    boolean matchesEvent(int eventId) {
        return !alwaysFalse && eventMatches[eventId];
    }

    boolean hasConditions() {
        return conditionColumns.length > 0;
    }

    int conditionCount() {
        return conditionColumns.length;
    }

    /** The property index that condition {@code c} reads, or -1 when the project has no such property. */
    int conditionProperty(int c) {
        return conditionProperties[c];
    }

    /** Whether condition {@code c} holds, by property value id (for a known property). */
    boolean conditionHolds(int c, int valueId) {
        return conditionTables[c][valueId];
    }

    boolean matches(int row, int eventId) {
        if (alwaysFalse || !eventMatches[eventId]) {
            return false;
        }
        for (int c = 0; c < conditionColumns.length; c++) {
            int[] column = conditionColumns[c];
            if (column != null && !conditionTables[c][column[row]]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code condition} holds for a property value; null means the event has no value. */
    static boolean holds(Condition condition, String value) {
        String text = value == null ? "" : value;
        String wanted = condition.value();
        boolean ignoreCase = condition.ignoreCase();
        Operator op = condition.operator();
        return switch (op) {
            case EQUALS -> ignoreCase ? text.equalsIgnoreCase(wanted) : text.equals(wanted);
            case NOT_EQUALS -> !(ignoreCase ? text.equalsIgnoreCase(wanted) : text.equals(wanted));
            case CONTAINS -> ignoreCase ? lower(text).contains(lower(wanted)) : text.contains(wanted);
            case STARTS_WITH -> ignoreCase ? lower(text).startsWith(lower(wanted)) : text.startsWith(wanted);
            case MATCHES -> pattern(condition).matcher(text).find();
            case EMPTY -> text.isBlank();
            case NOT_EMPTY -> !text.isBlank();
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> compareNumbers(op, text, wanted);
        };
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static Pattern pattern(Condition condition) {
        try {
            return Pattern.compile(condition.value(), condition.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("The condition on " + condition.property() + " has an invalid"
                    + " regular expression: " + e.getDescription(), e);
        }
    }

    private static boolean compareNumbers(Operator op, String text, String wanted) {
        Double actual = number(text);
        Double limit = number(wanted);
        if (actual == null || limit == null) {
            return false;
        }
        int comparison = Double.compare(actual, limit);
        return switch (op) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    /** The number in {@code text}, or null; a missing value is not zero. */
    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
