package io.funnelworkbench.analysis;

import java.util.Arrays;

/**
 * Bipartite matching of funnel steps to distinct events, by augmenting paths. Groups of events at one instant
 * and any-order windows are small, and most events match a single step, so this is rarely more than a loop.
 */
final class Matching {
    private int[] stepOfEvent = new int[16];
    private boolean[] visited = new boolean[16];

    /**
     * The largest m such that steps k..k+m-1 (0-based) can each take a different event of {@code masks[from..to)}
     * (no further than {@code limit}); when {@code assigned} is given, it receives each step's event index.
     */
    int maxPrefix(long[] masks, int from, int to, int k, int limit, int[] assigned) {
        int size = to - from;
        if (size == 1) {
            if ((masks[from] & (1L << k)) == 0 || k >= limit) {
                return 0;
            }
            if (assigned != null) {
                assigned[0] = from;
            }
            return 1;
        }
        prepare(size);
        int m = 0;
        for (int step = k; step < limit; step++) {
            Arrays.fill(visited, 0, size, false);
            if (!augment(masks, from, size, step)) {
                break;
            }
            m++;
        }
        if (assigned != null) {
            for (int e = 0; e < size; e++) {
                if (stepOfEvent[e] >= 0) {
                    assigned[stepOfEvent[e] - k] = from + e;
                }
            }
        }
        return m;
    }

    /** The size of a maximum matching of steps 0..steps-1 to events of [from, to); matched events go to out. */
    int maxMatching(long[] masks, int from, int to, int steps, int[] out) {
        int size = to - from;
        prepare(size);
        int matched = 0;
        for (int step = 0; step < steps; step++) {
            Arrays.fill(visited, 0, size, false);
            if (augment(masks, from, size, step)) {
                matched++;
            }
        }
        int j = 0;
        for (int e = 0; e < size; e++) {
            if (stepOfEvent[e] >= 0) {
                out[j++] = from + e;
            }
        }
        return matched;
    }

    private void prepare(int size) {
        if (stepOfEvent.length < size) {
            stepOfEvent = new int[size * 2];
            visited = new boolean[size * 2];
        }
        Arrays.fill(stepOfEvent, 0, size, -1);
    }

    private boolean augment(long[] masks, int from, int size, int step) {
        for (int e = 0; e < size; e++) {
            if (!visited[e] && (masks[from + e] & (1L << step)) != 0) {
                visited[e] = true;
                if (stepOfEvent[e] < 0 || augment(masks, from, size, stepOfEvent[e])) {
                    stepOfEvent[e] = step;
                    return true;
                }
            }
        }
        return false;
    }
}
