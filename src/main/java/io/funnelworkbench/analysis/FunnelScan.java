package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;

/**
 * Runs {@link FunnelKernel} for every user of a snapshot: it feeds the kernel each user's events straight from the
 * log's columns. One scanner per thread; it reuses its buffers between users.
 *
 * <p>Users are taken in blocks of consecutive users (about {@link #BLOCK_ROWS} rows): the rule masks of a whole
 * block are computed in one tight loop over its rows, then each user's slice of the block's buffers is the kernel's
 * input, with the rows as event ids.
 */
final class FunnelScan {
    static final int BLOCK_ROWS = 4_096;

    private final EventLog log;
    private final StepMatcher matcher;
    /** One kernel per funnel scanned together: the same rules, other entry ranges or views. */
    private final FunnelKernel[] kernels;
    private final UserEvents events = new UserEvents();
    private final UserOutcome[] attempts;
    /** The latest time among the rows scanned so far. */
    private long latest = Long.MIN_VALUE;

    /**
     * Whether rows that match no rule are left out of the buffers. They never affect sequential or any order
     * (groups without a step are skipped there); strict order needs them, as they break chains.
     */
    private final boolean compact;
    private final long[] timeColumn;

    // The block's rows in the buffers (all of them, or only those that match something): the mask, row and time
    // of each.
    private long[] masks = new long[BLOCK_ROWS + 1];
    private int[] rowAt = new int[BLOCK_ROWS + 1];
    private long[] timeAt = new long[BLOCK_ROWS + 1];

    /** {@code matcher} matches {@link FunnelKernel#rules} of the kernel's funnel, in that order. */
    FunnelScan(EventLog log, StepMatcher matcher, FunnelKernel kernel) {
        this(log, matcher, new FunnelKernel[] {kernel});
    }

    /**
     * Several funnels with the same {@link FunnelKernel#rules} in one pass (comparing two periods): each block is
     * loaded once and every kernel runs on each user's slice.
     */
    FunnelScan(EventLog log, StepMatcher matcher, FunnelKernel[] kernels) {
        this.log = log;
        this.matcher = matcher;
        this.kernels = kernels.clone();
        this.attempts = new UserOutcome[kernels.length];
        boolean needsUnmatched = false;
        for (int k = 0; k < kernels.length; k++) {
            attempts[k] = kernels[k].newOutcome();
            needsUnmatched |= kernels[k].needsUnmatchedEvents();
        }
        this.compact = !needsUnmatched;
        this.timeColumn = log.timeColumn();
    }

    /**
     * Scans users {@code [userFrom, userTo)} and records their counted attempts in {@code outcome}; asks
     * {@code cancellation} once per block, a few thousand rows, which costs nothing measurable.
     */
    void scan(int userFrom, int userTo, FunnelOutcome outcome, Cancellation cancellation) {
        scan(userFrom, userTo, new FunnelOutcome[] {outcome}, cancellation);
    }

    /** As {@link #scan(int, int, FunnelOutcome, Cancellation)}, with kernel k's attempts in {@code outcomes[k]}. */
    void scan(int userFrom, int userTo, FunnelOutcome[] outcomes, Cancellation cancellation) {
        int user = userFrom;
        while (user < userTo) {
            cancellation.check();
            int rowFrom = log.firstRowOf(user);
            int blockEnd = user + 1;
            while (blockEnd < userTo && log.endRowOf(blockEnd) - rowFrom <= BLOCK_ROWS) {
                blockEnd++;
            }
            int rowTo = log.endRowOf(blockEnd - 1);
            if (masks.length < rowTo - rowFrom + 1) {
                int capacity = Math.max(rowTo - rowFrom + 1, masks.length * 2);
                masks = new long[capacity];
                rowAt = new int[capacity];
                timeAt = new long[capacity];
            }
            int count = loadBlock(rowFrom, rowTo);
            int at = 0;
            for (int u = user; u < blockEnd; u++) {
                int end = log.endRowOf(u);
                int from = at;
                while (at < count && rowAt[at] < end) {
                    at++;
                }
                if (at > from) {
                    scanUser(u, from, at, outcomes);
                }
            }
            user = blockEnd;
        }
    }

    /**
     * Fills the buffers with rows {@code [from, to)}: all of them, or (when {@link #compact}) only those that match
     * a rule, in row order; returns how many. Also keeps {@link #latest} up to date.
     */
    private int loadBlock(int from, int to) {
        int[] eventIds = log.eventColumn();
        long[] times = timeColumn;
        long[] table = matcher.byEvent();
        long[] maskBuffer = masks;
        int[] rowBuffer = rowAt;
        long[] timeBuffer = timeAt;
        long max = latest;
        int count = 0;
        if (compact) {
            // Every row is written and only those with a mask are kept: no branch that the data decides. Times
            // are read for the kept rows only, and for each user's last row (the user's latest: rows are in time
            // order per user).
            for (int row = from; row < to; row++) {
                rowBuffer[count] = row;
                count += table[eventIds[row]] != 0 ? 1 : 0;
            }
            for (int i = 0; i < count; i++) {
                int row = rowBuffer[i];
                maskBuffer[i] = table[eventIds[row]];
                timeBuffer[i] = times[row];
            }
            for (int user = to > from ? log.user(from) : 0, lastUser = to > from ? log.user(to - 1) : -1;
                    user <= lastUser; user++) {
                int end = log.endRowOf(user);
                if (end > log.firstRowOf(user)) {
                    max = Math.max(max, times[end - 1]);
                }
            }
        } else {
            for (int row = from; row < to; row++) {
                long time = times[row];
                max = Math.max(max, time);
                maskBuffer[count] = table[eventIds[row]];
                rowBuffer[count] = row;
                timeBuffer[count] = time;
                count++;
            }
        }
        latest = max;
        if (matcher.conditional() == 0) {
            return count;
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            long mask = matcher.refine(rowBuffer[i], maskBuffer[i]);
            maskBuffer[kept] = mask;
            rowBuffer[kept] = rowBuffer[i];
            timeBuffer[kept] = timeBuffer[i];
            kept += mask != 0 || !compact ? 1 : 0;
        }
        return kept;
    }

    /** Scans one user, whose rows are [from, to) of the buffers, and records the counted attempt. */
    private void scanUser(int user, int from, int to, FunnelOutcome[] outcomes) {
        for (int k = 0; k < kernels.length; k++) {
            UserOutcome attempt = attempts[k];
            kernels[k].run(events.slice(masks, timeAt, rowAt, from, to), attempt);
            if (attempt.reached() > 0 || attempt.excluded()) {
                outcomes[k].record(user, attempt);
            }
        }
    }

    /** The latest timestamp among the rows scanned so far; MIN_VALUE if none. */
    long latest() {
        return latest;
    }
}
