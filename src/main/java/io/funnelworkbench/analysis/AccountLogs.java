package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.StringTable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Counting by account: a log's events regrouped so that its "users" are the values of one property (an account,
 * company or team id). Every event with a non-empty value belongs to that account; events without one are left
 * out; an account's events are in time order, equal times in the log's row order (one user's events in import
 * order, different users' in the project's user order). The funnel engine then runs unchanged on the result.
 */
public final class AccountLogs {
    /** About this many rows of accounts are sorted per parallel task. */
    private static final int ROWS_PER_TASK = 1 << 18;
    /** Per log (weakly: a replaced snapshot is let go) and property name: regrouping is done once. */
    private static final Map<EventLog, Map<String, EventLog>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private AccountLogs() {
    }

    /** The log {@code spec} counts on: {@code log} itself when it counts users, else its accounts. */
    public static EventLog forSpec(EventLog log, FunnelSpec spec) {
        return spec.countBy() == null ? log : of(log, spec.countBy());
    }

    /**
     * {@code log} regrouped by the values of {@code property}; the same instance for the same log and property.
     * A property the log lacks is an error that names it.
     */
    public static EventLog of(EventLog log, String property) {
        int column = log.propertyIndex(property);
        if (column < 0) {
            throw new IllegalArgumentException("There is no property '" + property + "' to count by in this project.");
        }
        return CACHE.computeIfAbsent(log, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(log.propertyNames()[column], name -> regroup(log, column));
    }

    private static EventLog regroup(EventLog log, int column) {
        int[] values = log.propertyColumn(column);
        int valueCount = log.propertyValueCount(column);
        String[] names = new String[valueCount];
        boolean[] counted = new boolean[valueCount];
        for (int v = 0; v < valueCount; v++) {
            names[v] = v == EventLog.MISSING_VALUE ? null : log.propertyValue(column, v);
            counted[v] = names[v] != null && !names[v].isEmpty();
        }
        int[] start = new int[valueCount + 1];
        for (int value : values) {
            if (counted[value]) {
                start[value + 1]++;
            }
        }
        for (int v = 0; v < valueCount; v++) {
            start[v + 1] += start[v];
        }
        // A counting sort by account, which keeps row order within each; the times travel with the rows, so
        // that sorting reads them in sequence rather than all over the log.
        int[] next = Arrays.copyOf(start, valueCount);
        int[] rows = new int[start[valueCount]];
        int[] groups = new int[rows.length];
        long[] times = new long[rows.length];
        long[] logTimes = log.timeColumn();
        for (int row = 0; row < values.length; row++) {
            int value = values[row];
            if (counted[value]) {
                int at = next[value]++;
                groups[at] = value;
                rows[at] = row;
                times[at] = logTimes[row];
            }
        }
        int chunks = Math.max(1, Math.min(valueCount, rows.length / ROWS_PER_TASK + 1));
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            Sorter sorter = new Sorter(rows, times);
            for (int v = (int) ((long) valueCount * chunk / chunks); v < (long) valueCount * (chunk + 1) / chunks;
                 v++) {
                sorter.sort(start[v], start[v + 1]);
            }
        });
        return log.regrouped(StringTable.of(names), rows, groups, times);
    }

    /**
     * A natural merge sort of an account's rows by time: they arrive as ascending runs (each user's events are in
     * time order, row numbers ascend), and merging takes the earlier run's row on equal times, so ties stay in
     * row order. {@code times} holds each row's time at the row's position and is sorted along.
     */
    private static final class Sorter {
        private final int[] rows;
        private final long[] times;
        private int[] runs = new int[16];
        private int[] rowBuffer = new int[0];
        private long[] timeBuffer = new long[0];

        Sorter(int[] rows, long[] times) {
            this.rows = rows;
            this.times = times;
        }

        void sort(int from, int to) {
            int count = 0;
            for (int i = from + 1; i < to; i++) {
                count += times[i] < times[i - 1] ? 1 : 0;
            }
            if (count == 0) {
                return;
            }
            if (runs.length < count + 2) {
                runs = new int[Math.max(count + 2, runs.length * 2)];
            }
            if (rowBuffer.length < to - from) {
                rowBuffer = new int[Math.max(to - from, rowBuffer.length * 2)];
                timeBuffer = new long[rowBuffer.length];
            }
            count = 0;
            runs[count++] = from;
            for (int i = from + 1; i < to; i++) {
                if (times[i] < times[i - 1]) {
                    runs[count++] = i;
                }
            }
            runs[count] = to;
            while (count > 1) {
                int merged = 0;
                for (int r = 0; r < count; r += 2) {
                    int lo = runs[r];
                    if (r + 1 < count) {
                        merge(lo, runs[r + 1], runs[r + 2]);
                    }
                    runs[merged++] = lo;
                }
                runs[merged] = to;
                count = merged;
            }
        }

        private void merge(int lo, int mid, int hi) {
            int leftSize = mid - lo;
            System.arraycopy(rows, lo, rowBuffer, 0, leftSize);
            System.arraycopy(times, lo, timeBuffer, 0, leftSize);
            int left = 0;
            int right = mid;
            int out = lo;
            while (left < leftSize && right < hi) {
                if (timeBuffer[left] <= times[right]) {
                    rows[out] = rowBuffer[left];
                    times[out++] = timeBuffer[left++];
                } else {
                    rows[out] = rows[right];
                    times[out++] = times[right++];
                }
            }
            while (left < leftSize) {
                rows[out] = rowBuffer[left];
                times[out++] = timeBuffer[left++];
            }
        }
    }
}
