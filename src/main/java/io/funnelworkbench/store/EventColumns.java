package io.funnelworkbench.store;

import java.util.Arrays;

/**
 * A growable block of events as parallel primitive columns; the unit that is compressed into one chunk.
 * Property columns are indexed by global property id; value id 0 means missing.
 */
final class EventColumns {
    int size;
    int[] users;
    int[] events;
    long[] times;
    int[] sessions;
    int[][] properties;

    EventColumns(int capacity, int propertyCount) {
        users = new int[capacity];
        events = new int[capacity];
        times = new long[capacity];
        sessions = new int[capacity];
        properties = new int[propertyCount][capacity];
    }

    int capacity() {
        return users.length;
    }

    /** Makes room for property ids up to {@code propertyCount - 1}. */
    void ensureProperties(int propertyCount) {
        if (propertyCount > properties.length) {
            int old = properties.length;
            properties = Arrays.copyOf(properties, propertyCount);
            for (int p = old; p < propertyCount; p++) {
                properties[p] = new int[capacity()];
            }
        }
    }

    void clear() {
        size = 0;
        for (int[] column : properties) {
            Arrays.fill(column, 0);
        }
    }
}
