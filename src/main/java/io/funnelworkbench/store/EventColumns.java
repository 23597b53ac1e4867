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

    /** Makes room for at least {@code rows} rows, keeping those there. */
    void ensureCapacity(int rows) {
        if (rows > capacity()) {
            int grown = Math.max(rows, capacity() + capacity() / 2);
            users = Arrays.copyOf(users, grown);
            events = Arrays.copyOf(events, grown);
            times = Arrays.copyOf(times, grown);
            sessions = Arrays.copyOf(sessions, grown);
            for (int p = 0; p < properties.length; p++) {
                properties[p] = Arrays.copyOf(properties[p], grown);
            }
        }
    }

    /** Copies row {@code from} of {@code source} to the end of these rows. */
    void append(EventColumns source, int from) {
        ensureCapacity(size + 1);
        int row = size++;
        users[row] = source.users[from];
        events[row] = source.events[from];
        times[row] = source.times[from];
        sessions[row] = source.sessions[from];
        for (int p = 0; p < properties.length; p++) {
            properties[p][row] = p < source.properties.length ? source.properties[p][from] : 0;
        }
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
