package io.funnelworkbench.store;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Finds the rows of an import that repeat stored events. Events are merged sorted by user then time, so
 * identical events sit in the same run of equal (user, time); within a run each new row is matched to a
 * different identical stored event, so a multiset is compared: two identical events stored and three imported
 * leave one new.
 */
final class Overlaps {
    private Overlaps() {
    }

    /** Positions in {@code all} of new rows (those at {@code storedRows} and after) that repeat stored events. */
    static BitSet repeatedNewRows(EventColumns all, int[] order, int storedRows, int propertyCount) {
        BitSet repeated = new BitSet();
        int n = order.length;
        for (int start = 0; start < n; ) {
            int end = start + 1;
            int first = order[start];
            while (end < n && all.users[order[end]] == all.users[first] && all.times[order[end]] == all.times[first]) {
                end++;
            }
            if (end - start > 1) {
                matchRun(all, order, start, end, storedRows, propertyCount, repeated);
            }
            start = end;
        }
        return repeated;
    }

    private static void matchRun(EventColumns all, int[] order, int start, int end, int storedRows,
                                 int propertyCount, BitSet repeated) {
        boolean[] used = new boolean[end - start];
        for (int i = start; i < end; i++) {
            int row = order[i];
            if (row < storedRows) {
                continue;
            }
            for (int j = start; j < end; j++) {
                int stored = order[j];
                if (stored < storedRows && !used[j - start] && same(all, row, stored, propertyCount)) {
                    used[j - start] = true;
                    repeated.set(row);
                    break;
                }
            }
        }
    }

    private static boolean same(EventColumns all, int a, int b, int propertyCount) {
        if (all.events[a] != all.events[b] || all.sessions[a] != all.sessions[b]) {
            return false;
        }
        for (int p = 0; p < propertyCount; p++) {
            if (all.properties[p][a] != all.properties[p][b]) {
                return false;
            }
        }
        return true;
    }

    /** {@code order} without the rows in {@code dropped}. */
    static int[] without(int[] order, BitSet dropped) {
        return Arrays.stream(order).filter(row -> !dropped.get(row)).toArray();
    }
}
