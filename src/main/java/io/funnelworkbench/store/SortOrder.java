package io.funnelworkbench.store;

import java.util.Arrays;

/** The order that sorts event rows by user, then time, keeping input order among equal times. */
final class SortOrder {
    private SortOrder() {
    }

    /** A counting sort by user, then a stable sort by time within each user's rows. */
    static int[] byUserThenTime(EventColumns rows, int userCount) {
        int n = rows.size;
        int[] next = new int[userCount + 1];
        for (int i = 0; i < n; i++) {
            next[rows.users[i] + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            next[u + 1] += next[u];
        }
        int[] userStart = next.clone();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[rows.users[i]]++] = i;
        }
        for (int u = 0; u < userCount; u++) {
            sortRangeByTime(order, userStart[u], userStart[u + 1], rows.times);
        }
        return order;
    }

    private static void sortRangeByTime(int[] order, int from, int to, long[] times) {
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) {
            sorted = times[order[i - 1]] <= times[order[i]];
        }
        if (sorted) {
            return;
        }
        int length = to - from;
        if (length <= 32) {
            insertionSort(order, from, to, times);
            return;
        }
        // The position tie-break makes equal times keep their input order.
        Integer[] positions = new Integer[length];
        for (int i = 0; i < length; i++) {
            positions[i] = i;
        }
        int[] rowsInRange = Arrays.copyOfRange(order, from, to);
        Arrays.sort(positions, (a, b) -> {
            int byTime = Long.compare(times[rowsInRange[a]], times[rowsInRange[b]]);
            return byTime != 0 ? byTime : Integer.compare(a, b);
        });
        for (int i = 0; i < length; i++) {
            order[from + i] = rowsInRange[positions[i]];
        }
    }

    private static void insertionSort(int[] order, int from, int to, long[] times) {
        for (int i = from + 1; i < to; i++) {
            int row = order[i];
            long time = times[row];
            int j = i - 1;
            while (j >= from && times[order[j]] > time) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = row;
        }
    }
}
