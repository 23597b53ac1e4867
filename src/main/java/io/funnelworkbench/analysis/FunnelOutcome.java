package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Per user, the counted attempt of a funnel: how far the user got and which event served each step. This is
 * what the aggregate numbers are made of, and what drill-down lists read.
 *
 * <p>The events and times of each step are kept in blocks of consecutive users, each array well under half a G1
 * region (256 KB at most), so that they are not humongous objects: at 10M events those would be 24 MB per funnel
 * outside the young generation, and each such allocation can start a GC cycle while the snapshot fills a good
 * part of the heap. The per-user figures read most (furthest step, flags) stay in flat arrays.
 */
public final class FunnelOutcome {
    /** The most users per block; fewer when there are many steps (see {@link #blockShift(int)}). */
    private static final int MAX_BLOCK_SHIFT = 13;
    private static final int BLOCK_ENTRIES = 32_768;

    private final EventLog log;
    private final int steps;
    private final int users;
    private final int shift;
    private final int mask;
    private final int[] furthest;
    private final boolean[] excluded;
    private final boolean[] stillInWindow;
    // Per block, user i's step s (0-based) at [i * steps + s]. Entries past a user's furthest step are never read
    // (stepRow answers -1 for them).
    private final int[][] stepRows;
    private final long[][] stepTimes;
    /** Per block, the row placing each user in the breakdown ({@link #attributionRow}) when asked for; else null. */
    private final int[][] attribution;
    /** Per optional step (in step order), per user: whether the counted attempt did it; empty without any. */
    private final boolean[][] optionalDone;

    FunnelOutcome(EventLog log, int steps) {
        this(log, steps, false);
    }

    FunnelOutcome(EventLog log, int steps, boolean withAttribution) {
        this(log, steps, withAttribution, 0);
    }

    /**
     * {@code steps} counts the required steps: the furthest step and the step rows are among them alone;
     * {@code optionalSteps} optional steps are recorded apart ({@link #didOptional}).
     */
    FunnelOutcome(EventLog log, int steps, boolean withAttribution, int optionalSteps) {
        this.log = log;
        this.steps = steps;
        this.users = log.userCount();
        this.shift = blockShift(steps);
        this.mask = (1 << shift) - 1;
        int blocks = (users + mask) >>> shift;
        furthest = new int[users];
        excluded = new boolean[users];
        stillInWindow = new boolean[users];
        stepRows = new int[blocks][];
        stepTimes = new long[blocks][];
        attribution = withAttribution ? new int[blocks][] : null;
        optionalDone = new boolean[optionalSteps][users];
        for (int b = 0; b < blocks; b++) {
            int size = Math.min(mask + 1, users - (b << shift));
            stepRows[b] = new int[size * steps];
            stepTimes[b] = new long[size * steps];
            if (withAttribution) {
                attribution[b] = new int[size];
            }
        }
    }

    /** log2 of the users per block: as many as keep a block's step times within 256 KB (8,192 for 4 steps). */
    static int blockShift(int steps) {
        int shift = MAX_BLOCK_SHIFT;
        while (shift > 0 && (1 << shift) * Math.max(1, steps) > BLOCK_ENTRIES) {
            shift--;
        }
        return shift;
    }

    /** The steps the attempts are made of: the required steps, when some are optional. */
    public int stepCount() {
        return steps;
    }

    /** How many optional steps were recorded apart. */
    public int optionalCount() {
        return optionalDone.length;
    }

    /**
     * Whether the user's counted attempt did optional step {@code optional} (0-based among the optional steps)
     * between the required steps around it (FUNNEL-SEMANTICS.md, "Optional steps").
     */
    public boolean didOptional(int user, int optional) {
        return optionalDone[optional][user];
    }

    public int userCount() {
        return users;
    }

    /** The furthest step (1-based) of the counted attempt; 0 when the user is not in the funnel. */
    public int furthest(int user) {
        return furthest[user];
    }

    /** True when an exclusion removed the user or cut their attempt short. */
    public boolean excluded(int user) {
        return excluded[user];
    }

    public boolean stillInWindow(int user) {
        return stillInWindow[user];
    }

    /** The row of the event used for {@code step} (1-based), or -1 when the user did not reach it. */
    public int stepRow(int user, int step) {
        return step <= furthest(user) ? rowOf(user, step) : -1;
    }

    /** Epoch microseconds of the event used for {@code step}; only for steps the user reached. */
    public long stepTime(int user, int step) {
        if (step < 1 || step > furthest(user)) {
            throw new IllegalArgumentException("User " + user + " did not reach step " + step);
        }
        return timeOf(user, step);
    }

    /** Ids of the users who reached {@code step}. */
    public List<String> usersReaching(int step) {
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            if (furthest(u) >= step) {
                ids.add(log.userId(u));
            }
        }
        return ids;
    }

    /** Ids of the users whose furthest step is {@code step}: they dropped out before the next one. */
    public List<String> usersDroppedAt(int step) {
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            if (furthest(u) == step) {
                ids.add(log.userId(u));
            }
        }
        return ids;
    }

    /** The row used for {@code step} (1-based) without checks; only for steps the user reached. */
    int rowOf(int user, int step) {
        return stepRows[user >>> shift][(user & mask) * steps + step - 1];
    }

    /** log2 of the users per block of {@link #timeBlock}. */
    int blockShift() {
        return shift;
    }

    /**
     * The step times of block {@code block} (users {@code block << blockShift()} on): user i of the block's step s
     * (0-based) is at {@code i * stepCount() + s}. For loops over many users; callers must not modify it.
     */
    long[] timeBlock(int block) {
        return stepTimes[block];
    }

    /** The time of the event used for {@code step} (1-based) without checks; only for steps the user reached. */
    long timeOf(int user, int step) {
        return stepTimes[user >>> shift][(user & mask) * steps + step - 1];
    }

    /**
     * Marks the users whose counted attempt stopped short of the last step while its window reaches past the end
     * of the data ({@code dataEnd}, the latest timestamp of the log): they may still convert. The attempt starts
     * at its step-1 event, the earliest of its events.
     */
    void markStillInWindow(long dataEnd, long window) {
        for (int b = 0; b < stepTimes.length; b++) {
            long[] times = stepTimes[b];
            int first = b << shift;
            int size = times.length / Math.max(1, steps);
            for (int i = 0; i < size; i++) {
                int reached = furthest[first + i];
                long start = reached > 0 ? times[i * steps] : 0;
                stillInWindow[first + i] = FunnelKernel.stillInWindow(reached, steps, start, window, dataEnd);
            }
        }
    }

    /**
     * The row whose property value places the user in the breakdown (first touch or the last step reached, as the
     * funnel's attribution says), as the kernel found it; -1 when the scan did not record it. Only for users in the
     * funnel.
     */
    int attributionRow(int user) {
        return attribution == null ? -1 : attribution[user >>> shift][user & mask];
    }

    boolean recordsAttribution() {
        return attribution != null;
    }

    /** Records {@code attempt}, the kernel's outcome for {@code user}, whose event ids are rows of the log. */
    void record(int user, UserOutcome attempt) {
        int block = user >>> shift;
        int i = user & mask;
        int reached = attempt.reached();
        furthest[user] = reached;
        excluded[user] = attempt.excluded();
        System.arraycopy(attempt.stepIds(), 0, stepRows[block], i * steps, reached);
        System.arraycopy(attempt.stepTimes(), 0, stepTimes[block], i * steps, reached);
        for (int o = 0; o < optionalDone.length; o++) {
            optionalDone[o][user] = attempt.didOptional(o);
        }
        if (attribution != null && attempt.reached() > 0) {
            attribution[user >>> shift][user & mask] = attempt.attributionId();
        }
    }
}
