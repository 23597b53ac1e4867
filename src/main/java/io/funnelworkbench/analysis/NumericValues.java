package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Whether a property holds numbers, decided on its dictionary: each distinct value is parsed once, never each row.
 * A number is plain decimal text ("12", "-3.5", "1e6"); Java's extras ("NaN", "12f", hex) are text here.
 */
final class NumericValues {
    static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /**
     * Per log (weakly: a replaced snapshot is let go) and property: every funnel with a breakdown asks, and a
     * price with a million distinct values takes a noticeable moment to parse.
     */
    private static final Map<EventLog, Map<Integer, Optional<double[]>>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private NumericValues() {
    }

    /**
     * The number of each value id of {@code property} (NaN for the missing value), or null when some non-empty
     * value is not a number or the property has no value at all. Shared: callers must not change it.
     */
    static double[] of(EventLog log, int property) {
        return CACHE.computeIfAbsent(log, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(property, p -> Optional.ofNullable(parse(log, p))).orElse(null);
    }

    private static double[] parse(EventLog log, int property) {
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
