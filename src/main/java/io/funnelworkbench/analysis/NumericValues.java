package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import java.util.regex.Pattern;

/**
 * Whether a property holds numbers, decided on its dictionary: each distinct value is parsed once, never each row.
 * A number is plain decimal text ("12", "-3.5", "1e6"); Java's extras ("NaN", "12f", hex) are text here.
 */
final class NumericValues {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private NumericValues() {
    }

    /**
     * The number of each value id of {@code property} (NaN for the missing value), or null when some non-empty
     * value is not a number or the property has no value at all.
     */
    static double[] of(EventLog log, int property) {
        int size = log.propertyValueCount(property);
        double[] numbers = new double[size];
        boolean any = false;
        for (int v = 0; v < size; v++) {
            String text = v == EventLog.MISSING_VALUE ? null : log.propertyValue(property, v);
            if (text == null || text.isBlank()) {
                numbers[v] = Double.NaN;
                continue;
            }
            Double number = number(text);
            if (number == null) {
                return null;
            }
            numbers[v] = number;
            any = true;
        }
        return any ? numbers : null;
    }

    /** The finite number {@code text} spells, or null. */
    static Double number(String text) {
        String trimmed = text.strip();
        if (!DECIMAL.matcher(trimmed).matches()) {
            return null;
        }
        double value = Double.parseDouble(trimmed);
        return Double.isFinite(value) ? value : null;
    }
}
