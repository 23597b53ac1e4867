package io.funnelworkbench.store;

import java.util.Arrays;

/** A set of 64-bit hashes with open addressing; far smaller than a HashSet of boxed longs. */
final class LongHashSet {
    private static final long FREE = 0;

    private long[] table = new long[1024];
    private boolean hasZero;
    private int size;

    /** Adds {@code value}; returns false when it was already present. */
    boolean add(long value) {
        if (value == FREE) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        for (int slot = mix(value) & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == FREE) {
                table[slot] = value;
                size++;
                return true;
            }
            if (table[slot] == value) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long value : old) {
            if (value != FREE) {
                add(value);
            }
        }
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    long[] toArray() {
        long[] values = Arrays.stream(table).filter(v -> v != FREE).toArray();
        if (hasZero) {
            values = Arrays.copyOf(values, values.length + 1);
        }
        return values;
    }
}
