package io.funnelworkbench.analysis;

import java.util.Arrays;

/** Sorting of the long values the calculator collects (times to convert in microseconds). */
final class Sorting {
    private static final int RADIX_MIN_LENGTH = 1_024;
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private Sorting() {
    }

    /**
     * Sorts ascending, in place. Long arrays take an LSD radix sort on the offset from the minimum, with as many
     * 11-bit digits as the range needs (4 for a week in microseconds), which is several times faster than a
     * comparison sort on these lengths; short arrays and very wide ranges go to {@link Arrays#sort(long[])}.
     */
    static void sort(long[] values) {
        int n = values.length;
        if (n < RADIX_MIN_LENGTH) {
            Arrays.sort(values);
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        long range = max - min;
        if (range < 0) { // wider than a long: not a duration of this log
            Arrays.sort(values);
            return;
        }
        if (range == 0) {
            return;
        }
        int bits = 64 - Long.numberOfLeadingZeros(range);
        int passes = (bits + DIGIT_BITS - 1) / DIGIT_BITS;
        long[] source = values;
        long[] target = new long[n];
        int[] counts = new int[BUCKETS];
        for (int pass = 0; pass < passes; pass++) {
            int shift = pass * DIGIT_BITS;
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) ((source[i] - min) >>> shift) & (BUCKETS - 1)]++;
            }
            int offset = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int count = counts[b];
                counts[b] = offset;
                offset += count;
            }
            for (int i = 0; i < n; i++) {
                long value = source[i];
                target[counts[(int) ((value - min) >>> shift) & (BUCKETS - 1)]++] = value;
            }
            long[] swap = source;
            source = target;
            target = swap;
        }
        if (source != values) {
            System.arraycopy(source, 0, values, 0, n);
        }
    }
}
