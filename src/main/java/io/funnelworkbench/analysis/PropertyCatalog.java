package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What each property of a log holds, for choosing a breakdown: its kind, how many distinct values it has, and
 * which events carry it. One pass over each property column (properties in parallel); each distinct value is
 * parsed once, through the dictionary.
 */
public record PropertyCatalog(List<Entry> entries) {
    /** Text with more distinct values than this, and than half the rows carrying it, is an id, not a category. */
    static final int ID_MIN_DISTINCT = 50;

    public PropertyCatalog {
        entries = List.copyOf(entries);
    }

    /** What a property holds: numbers (broken down in ranges), ids (a group per user or so), or other text. */
    public enum Kind { TEXT, NUMBER, ID_LIKE }

    /**
     * One property: {@code events} are the names of the events that carry a non-empty value, most rows first
     * (ties by name); {@code onEveryEvent} when every row of the log carries one.
     */
    public record Entry(String name, Kind kind, int distinctValues, long rows, List<String> events,
                        boolean onEveryEvent) {
        public Entry {
            events = List.copyOf(events);
        }
    }

    public static PropertyCatalog of(EventLog log) {
        return of(log, Cancellation.NEVER);
    }

    /** The catalog, properties in name order; stops soon after {@code cancellation} is requested. */
    public static PropertyCatalog of(EventLog log, Cancellation cancellation) {
        String[] names = log.propertyNames();
        List<Entry> entries = IntStream.range(0, names.length).parallel()
                .mapToObj(p -> entry(log, p, cancellation)).sorted(Comparator.comparing(Entry::name)).toList();
        cancellation.check();
        return new PropertyCatalog(entries);
    }

    /** Text with {@code distinct} values over {@code rows} rows is an id, not a category: a group per user or so. */
    public static boolean isIdLike(int distinct, long rows) {
        return distinct > ID_MIN_DISTINCT && distinct * 2L > rows;
    }

    /** The entry of the property named {@code name}, or null. */
    public Entry entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private static Entry entry(EventLog log, int property, Cancellation cancellation) {
        int[] column = log.propertyColumn(property);
        int[] eventColumn = log.eventColumn();
        long[] rowsByEvent = new long[log.eventNames().length];
        BitSet present = new BitSet(log.propertyValueCount(property));
        long rows = 0;
        for (int r = 0; r < column.length; r++) {
            int value = column[r];
            if (value != EventLog.MISSING_VALUE) {
                present.set(value);
                rowsByEvent[eventColumn[r]]++;
                rows++;
            }
            if ((r & 0xFFFFF) == 0) {
                cancellation.check();
            }
        }
        int distinct = present.cardinality();
        Kind kind = NumericValues.of(log, property) != null ? Kind.NUMBER
                : isIdLike(distinct, rows) ? Kind.ID_LIKE : Kind.TEXT;
        List<String> events = IntStream.range(0, rowsByEvent.length).filter(e -> rowsByEvent[e] > 0).boxed()
                .sorted(Comparator.<Integer>comparingLong(e -> -rowsByEvent[e]).thenComparing(log::eventName))
                .map(log::eventName).toList();
        return new Entry(log.propertyNames()[property], kind, distinct, rows, events,
                rows > 0 && rows == log.size());
    }
}
