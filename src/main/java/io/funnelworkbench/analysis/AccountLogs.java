package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.StringTable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counting by account: a log's events regrouped so that its "users" are the values of one property (an account,
 * company or team id). Every event with a non-empty value belongs to that account; events without one are left
 * out; an account's events are in time order, equal times in the log's row order (one user's events in import
 * order, different users' in the project's user order). The funnel engine then runs unchanged on the result.
 */
public final class AccountLogs {
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
        int[] next = Arrays.copyOf(start, valueCount);
        int[] rows = new int[start[valueCount]];
        int[] groups = new int[rows.length];
        for (int row = 0; row < values.length; row++) {
            int value = values[row];
            if (counted[value]) {
                groups[next[value]] = value;
                rows[next[value]++] = row;
            }
        }
        long[] times = log.timeColumn();
        int[] buffer = new int[0];
        int[] runs = new int[0];
        for (int v = 0; v < valueCount; v++) {
            int from = start[v];
            int to = start[v + 1];
            int runCount = 1;
            for (int i = from + 1; i < to; i++) {
                runCount += times[rows[i]] < times[rows[i - 1]] ? 1 : 0;
            }
            if (runCount > 1) {
                if (runs.length < runCount + 1) {
                    runs = new int[Math.max(runCount + 1, runs.length * 2)];
                }
                if (buffer.length < to - from) {
                    buffer = new int[Math.max(to - from, buffer.length * 2)];
                }
                sortByTime(rows, from, to, times, runs, buffer);
            }
        }
        return log.regrouped(StringTable.of(names), rows, groups);
    }

    /**
     * A natural merge sort of {@code rows[from, to)} by time: the rows arrive as ascending runs (each user's
     * events are in time order, row numbers ascend), and merging takes the earlier run's row on equal times, so
     * ties stay in row order.
     */
    private static void sortByTime(int[] rows, int from, int to, long[] times, int[] runs, int[] buffer) {
        int count = 0;
        runs[count++] = from;
        for (int i = from + 1; i < to; i++) {
            if (times[rows[i]] < times[rows[i - 1]]) {
                runs[count++] = i;
            }
        }
        runs[count] = to;
        while (count > 1) {
            int merged = 0;
            for (int r = 0; r < count; r += 2) {
                int lo = runs[r];
                if (r + 1 < count) {
                    merge(rows, lo, runs[r + 1], runs[r + 2], times, buffer);
                }
                runs[merged++] = lo;
            }
            runs[merged] = to;
            count = merged;
        }
    }

    private static void merge(int[] rows, int lo, int mid, int hi, long[] times, int[] buffer) {
        int leftSize = mid - lo;
        System.arraycopy(rows, lo, buffer, 0, leftSize);
        int left = 0;
        int right = mid;
        int out = lo;
        while (left < leftSize && right < hi) {
            rows[out++] = times[buffer[left]] <= times[rows[right]] ? buffer[left++] : rows[right++];
        }
        while (left < leftSize) {
            rows[out++] = buffer[left++];
        }
    }
}
