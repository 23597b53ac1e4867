package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.GoalValue;

/**
 * A goal's value at one event: its fixed amount, or the number in a property of the event (0 when the
 * value is missing or not a number). Property values are parsed once per distinct value.
 */
final class ValueReader {
    private final double fixed;
    private final int[] column;
    private final double[] numbers;

    ValueReader(EventLog log, GoalValue value) {
        int property = value.fromProperty() == null ? -1 : log.propertyIndex(value.fromProperty());
        fixed = value.fromProperty() == null ? value.fixedAmount() : 0;
        column = property < 0 ? null : log.propertyColumn(property);
        numbers = property < 0 ? null : new double[log.propertyValueCount(property)];
        for (int v = 0; numbers != null && v < numbers.length; v++) {
            numbers[v] = amount(log.propertyValue(property, v));
        }
    }

    /** The amount a property value spells: its number, 0 when it is missing or not a number. */
    static double amount(String value) {
        Double parsed = CompiledRule.number(value);
        return parsed == null ? 0 : parsed;
    }

    double valueAt(int row) {
        return column == null ? fixed : numbers[column[row]];
    }

    /** A count per property value for {@link #tally}: empty when the value is fixed or the property unknown. */
    long[] newTally() {
        return new long[numbers == null ? 0 : numbers.length];
    }

    /** Counts {@code row}'s property value, so that {@link #total} sums exactly, in no particular order. */
    void tally(int row, long[] tally) {
        if (column != null) {
            tally[column[row]]++;
        }
    }

    /** The exact sum of the property amounts of the tallied rows, rounded once ({@link EventValues#total}). */
    double total(long[] tally) {
        return numbers == null ? 0 : EventValues.total(numbers, tally);
    }
}
