package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import java.util.Arrays;

/**
 * Finds each user's counted attempt (FUNNEL-SEMANTICS.md). Events of a user are taken in groups of equal
 * timestamps: inside a group, steps are matched to distinct events in step order whatever the import order,
 * so equal timestamps advance the funnel. One scanner per thread; it reuses its buffers between users.
 */
final class FunnelScan {
    private static final long NONE = Long.MIN_VALUE;

    private final EventLog log;
    private final StepMatcher matcher;
    private final int steps;
    private final long window;
    private final OrderMode order;
    private final long entryFrom;
    private final long entryTo;
    private final long dataEnd;
    private final FunnelSpec.ExclusionSpec[] exclusions;
    private final long stepBits;

    private long[] masks = new long[64];
    private int[] groupStart = new int[64];
    private int groups;
    private int base;
    private final long[] current;
    private final long[] next;
    private final int[] rows;
    private final int[] bestRows;
    private final Matching matching = new Matching();

    FunnelScan(EventLog log, StepMatcher matcher, FunnelSpec spec, long entryFrom, long entryTo) {
        this.log = log;
        this.matcher = matcher;
        this.steps = spec.steps().size();
        this.window = spec.window().toNanos() / 1_000;
        this.order = spec.order();
        this.entryFrom = entryFrom;
        this.entryTo = entryTo;
        this.dataEnd = log.size() == 0 ? 0 : log.lastTime();
        this.exclusions = spec.exclusions().toArray(FunnelSpec.ExclusionSpec[]::new);
        this.stepBits = steps == 64 ? -1L : (1L << steps) - 1;
        current = new long[steps + 1];
        next = new long[steps + 1];
        rows = new int[steps];
        bestRows = new int[steps];
    }

    /** Scans one user and records the counted attempt in {@code outcome}. */
    void scan(int user, FunnelOutcome outcome) {
        int from = log.firstRowOf(user);
        int to = log.endRowOf(user);
        if (!loadGroups(from, to)) {
            return;
        }
        int reached = order == OrderMode.ANY ? anyOrder() : ordered();
        if (reached == 0) {
            return;
        }
        long start = log.time(bestRows[0]);
        for (int i = 1; i < reached; i++) {
            start = Math.min(start, log.time(bestRows[i]));
        }
        boolean excluded = false;
        int counted = reached;
        for (FunnelSpec.ExclusionSpec exclusion : order == OrderMode.ANY ? new FunnelSpec.ExclusionSpec[0] : exclusions) {
            if (hitByExclusion(exclusion, reached, start, from, to)) {
                excluded = true;
                counted = exclusion.dropFromThatPoint() ? Math.min(counted, exclusion.fromStep()) : 0;
            }
        }
        boolean open = counted < steps && start + window > dataEnd;
        outcome.record(user, counted, bestRows, excluded, counted > 0 && open);
    }

    /** Computes each row's step mask and splits the rows into groups of equal time; false if no row matches. */
    private boolean loadGroups(int from, int to) {
        int n = to - from;
        if (masks.length < n + 1) {
            masks = new long[Math.max(n + 1, masks.length * 2)];
        }
        if (groupStart.length < n + 1) {
            groupStart = new int[Math.max(n + 1, groupStart.length * 2)];
        }
        boolean any = false;
        groups = 0;
        long previousTime = NONE;
        for (int row = from; row < to; row++) {
            long mask = matcher.mask(row);
            masks[row - from] = mask;
            any |= (mask & stepBits) != 0;
            long time = log.time(row);
            if (time != previousTime) {
                groupStart[groups++] = row - from;
                previousTime = time;
            }
        }
        groupStart[groups] = n;
        this.base = from;
        return any;
    }

    private long groupTime(int g) {
        return log.time(base + groupStart[g]);
    }

    private long groupMask(int g) {
        long mask = 0;
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
            mask |= masks[i];
        }
        return mask & stepBits;
    }

    private boolean inEntryRange(long time) {
        return time >= entryFrom && time <= entryTo;
    }

    /** Sequential and strict order: the furthest step any attempt reaches; fills bestRows for the counted one. */
    private int ordered() {
        boolean strict = order == OrderMode.STRICT;
        Arrays.fill(current, NONE);
        int furthest = 0;
        for (int g = 0; g < groups; g++) {
            long mask = groupMask(g);
            long time = groupTime(g);
            if (mask == 0) {
                if (strict) {
                    Arrays.fill(current, NONE); // any other event breaks a strict chain
                }
                continue;
            }
            if (strict) {
                Arrays.fill(next, NONE);
            } else {
                System.arraycopy(current, 0, next, 0, current.length);
            }
            for (int k = 0; k < steps; k++) {
                if ((mask & (1L << k)) == 0) {
                    continue;
                }
                long start = k == 0 ? (inEntryRange(time) ? time : NONE) : current[k];
                if (start == NONE || time - start > window) {
                    continue;
                }
                int advance = matching.maxPrefix(masks, groupStart[g], groupStart[g + 1], k, steps, null);
                for (int j = 1; j <= advance; j++) {
                    next[k + j] = Math.max(next[k + j], start);
                }
            }
            System.arraycopy(next, 0, current, 0, current.length);
            for (int k = steps; k > furthest; k--) {
                if (current[k] != NONE) {
                    furthest = k;
                    break;
                }
            }
        }
        if (furthest > 0) {
            reconstructOrdered(furthest, strict);
        }
        return furthest;
    }

    /** The earliest attempt that reaches {@code target}; its step rows go to bestRows. */
    private void reconstructOrdered(int target, boolean strict) {
        for (int g = 0; g < groups; g++) {
            long time = groupTime(g);
            if ((groupMask(g) & 1L) == 0 || !inEntryRange(time)) {
                continue;
            }
            if (strict ? strictPath(g, 0, time, target) : greedyPath(g, time, target)) {
                return;
            }
        }
        throw new IllegalStateException("No attempt reaches step " + target + " on reconstruction");
    }

    /** Sequential: advancing as far as possible in each group is optimal for one attempt. */
    private boolean greedyPath(int startGroup, long start, int target) {
        int k = 0;
        for (int g = startGroup; g < groups && k < target; g++) {
            long time = groupTime(g);
            if (time - start > window) {
                break;
            }
            if ((groupMask(g) & (1L << k)) == 0 || (g == startGroup) != (k == 0)) {
                continue;
            }
            int advance = matching.maxPrefix(masks, groupStart[g], groupStart[g + 1], k, target, rows);
            for (int j = 0; j < advance; j++) {
                bestRows[k + j] = base + rows[j];
            }
            k += advance;
        }
        return k >= target;
    }

    /**
     * Strict: each group after the first must advance the attempt; a smaller advance now can go further later,
     * so every prefix is tried, largest first (which puts each step at its earliest event).
     */
    private boolean strictPath(int g, int k, long start, int target) {
        if (k >= target) {
            return true;
        }
        if (g >= groups || groupTime(g) - start > window || (groupMask(g) & (1L << k)) == 0) {
            return false;
        }
        int[] assigned = new int[target];
        int advance = matching.maxPrefix(masks, groupStart[g], groupStart[g + 1], k, target, assigned);
        for (int m = advance; m >= 1; m--) {
            int[] prefix = m == advance ? assigned : new int[target];
            if (m != advance) {
                matching.maxPrefix(masks, groupStart[g], groupStart[g + 1], k, k + m, prefix);
            }
            if (strictPath(g + 1, k + m, start, target)) {
                for (int j = 0; j < m; j++) {
                    bestRows[k + j] = base + prefix[j];
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Any order: the most distinct steps matched to distinct events within W of the earliest of them; the
     * earliest such window counts. Fills bestRows with the matched events in time order.
     */
    private int anyOrder() {
        int best = 0;
        int n = groupStart[groups];
        int end = 0;
        for (int g = 0; g < groups && best < steps; g++) {
            long start = groupTime(g);
            if (groupMask(g) == 0 || !inEntryRange(start)) {
                continue;
            }
            while (end < n && log.time(base + end) - start <= window) {
                end++;
            }
            int first = groupStart[g];
            int size = matching.maxMatching(masks, first, end, steps, rows);
            if (size > best && (usesStart(first, groupStart[g + 1], size)
                    || matchThroughStart(first, groupStart[g + 1], end, size))) {
                best = size;
                int[] matched = Arrays.copyOf(rows, size);
                Arrays.sort(matched);
                for (int j = 0; j < size; j++) {
                    bestRows[j] = base + matched[j];
                }
            }
        }
        return best;
    }

    private boolean usesStart(int groupFrom, int groupTo, int size) {
        for (int j = 0; j < size; j++) {
            if (rows[j] >= groupFrom && rows[j] < groupTo) {
                return true;
            }
        }
        return false;
    }

    /**
     * A window counts from its earliest matched event. When the matching found skips the start group, looks
     * for an equally large one through a start-group event; without one, a later window reports these steps.
     * On success rows holds the matching.
     */
    private boolean matchThroughStart(int groupFrom, int groupTo, int end, int size) {
        long[] saved = Arrays.copyOfRange(masks, groupFrom, end);
        try {
            for (int e = groupFrom; e < groupTo; e++) {
                long eventSteps = saved[e - groupFrom] & stepBits;
                while (eventSteps != 0) {
                    long step = Long.lowestOneBit(eventSteps);
                    eventSteps &= eventSteps - 1;
                    for (int i = groupFrom; i < end; i++) {
                        masks[i] = i == e ? 0 : saved[i - groupFrom] & ~step;
                    }
                    if (matching.maxMatching(masks, groupFrom, end, steps, rows) == size - 1) {
                        rows[size - 1] = e;
                        return true;
                    }
                }
            }
            return false;
        } finally {
            System.arraycopy(saved, 0, masks, groupFrom, saved.length);
        }
    }

    private boolean hitByExclusion(FunnelSpec.ExclusionSpec exclusion, int reached, long start, int from, int to) {
        if (reached < exclusion.fromStep()) {
            return false;
        }
        long after = log.time(bestRows[exclusion.fromStep() - 1]);
        long before = reached >= exclusion.toStep() ? log.time(bestRows[exclusion.toStep() - 1]) : NONE;
        long bit = 1L << (steps + indexOf(exclusion));
        for (int row = from; row < to; row++) {
            if ((masks[row - from] & bit) == 0) {
                continue;
            }
            long time = log.time(row);
            boolean inside = time > after && (before == NONE ? time - start <= window : time < before);
            if (inside) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(FunnelSpec.ExclusionSpec exclusion) {
        for (int i = 0; i < exclusions.length; i++) {
            if (exclusions[i] == exclusion) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown exclusion");
    }
}
