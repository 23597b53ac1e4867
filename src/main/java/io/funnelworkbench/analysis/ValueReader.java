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
            Double parsed = CompiledRule.number(log.propertyValue(property, v));
            numbers[v] = parsed == null ? 0 : parsed;
        }
    }

    double valueAt(int row) {
        return column == null ? fixed : numbers[column[row]];
    }
}
