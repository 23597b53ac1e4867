package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import java.util.Arrays;

/**
 * Finds each user's counted attempt (FUNNEL-SEMANTICS.md). Events of a user are taken in groups of equal
 * timestamps: inside a group, steps are matched to distinct events in step order whatever the import order,
 * so equal timestamps advance the funnel. One scanner per thread; it reuses its buffers between users.
 *
 * <p>Users are taken in blocks of consecutive users (about {@link #BLOCK_ROWS} rows): the step masks of a whole
 * block are computed in one tight loop over its rows, then each user works on its slice of the block's buffers.
 */
final class FunnelScan {
    private static final long NONE = Long.MIN_VALUE;
    static final int BLOCK_ROWS = 4_096;

    private final EventLog log;
    private final StepMatcher matcher;
    private final int steps;
    private final long window;
    private final OrderMode order;
    private final long entryFrom;
    private final long entryTo;
    /** The latest time among the rows scanned so far. */
    private long latest = Long.MIN_VALUE;
    private final FunnelSpec.ExclusionSpec[] exclusions;
    private final long stepBits;

    /**
     * Whether rows that match no step or exclusion are left out of the buffers. They never affect sequential or
     * any order (groups without a step are skipped there); strict order needs them, as they break chains.
     */
    private final boolean compact;
    private final long[] timeColumn;

    // The block's rows in the buffers (all of them, or only those that match something): the mask, row and time
    // of each. The current user's rows are [first, last); groupStart holds where each of its groups of equal
    // timestamps starts (indices into the buffers), and groupStart[groups] == last.
    private long[] masks = new long[BLOCK_ROWS + 1];
    private int[] rowAt = new int[BLOCK_ROWS + 1];
    private long[] timeAt = new long[BLOCK_ROWS + 1];
    private int[] groupStart = new int[BLOCK_ROWS + 1];
    private int first;
    private int last;
    private int groups;
    private final long[] current;
    private final long[] next;
    private final int[] rows;
    private final int[] bestRows;
    private final long[] bestTimes;
    private final Matching matching = new Matching();
    /**
     * Per optional step (in step order): the required step before it (1-based); its rule's bit follows the
     * exclusions'. Empty for a funnel without optional steps, which then does no extra work.
     */
    private final int[] optionalAfter;

    FunnelScan(EventLog log, StepMatcher matcher, FunnelSpec spec, long entryFrom, long entryTo) {
        this(log, matcher, spec, entryFrom, entryTo, new int[0]);
    }

    /** {@code spec} holds the required steps alone; {@code optionalAfter} places the optional ones among them. */
    FunnelScan(EventLog log, StepMatcher matcher, FunnelSpec spec, long entryFrom, long entryTo,
               int[] optionalAfter) {
        this.log = log;
        this.matcher = matcher;
        this.steps = spec.steps().size();
        this.window = spec.window().toNanos() / 1_000;
        this.order = spec.order();
        this.entryFrom = entryFrom;
        this.entryTo = entryTo;
        this.compact = order != OrderMode.STRICT;
        this.timeColumn = log.timeColumn();
        this.exclusions = spec.exclusions().toArray(FunnelSpec.ExclusionSpec[]::new);
        this.stepBits = steps == 64 ? -1L : (1L << steps) - 1;
        this.optionalAfter = optionalAfter.clone();
        current = new long[steps + 1];
        next = new long[steps + 1];
        rows = new int[steps];
        bestRows = new int[steps];
        bestTimes = new long[steps];
    }

    /**
     * Scans users {@code [userFrom, userTo)} and records their counted attempts in {@code outcome}; asks
     * {@code cancellation} once per block, a few thousand rows, which costs nothing measurable.
     */
    void scan(int userFrom, int userTo, FunnelOutcome outcome, Cancellation cancellation) {
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
                groupStart = new int[capacity];
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
                    scanUser(u, from, at, outcome);
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
    private void scanUser(int user, int from, int to, FunnelOutcome outcome) {
        int reached;
        if (order == OrderMode.SEQUENTIAL) {
            first = from;
            last = to;
            reached = sequential();
        } else {
            if (!loadGroups(from, to)) {
                return;
            }
            reached = order == OrderMode.ANY ? anyOrder() : strictOrder();
        }
        if (reached == 0) {
            return;
        }
        long start = Long.MAX_VALUE;
        for (int i = 0; i < reached; i++) {
            bestTimes[i] = timeColumn[bestRows[i]];
            start = Math.min(start, bestTimes[i]);
        }
        boolean excluded = false;
        int counted = reached;
        for (int e = 0; order != OrderMode.ANY && e < exclusions.length; e++) {
            FunnelSpec.ExclusionSpec exclusion = exclusions[e];
            if (hitByExclusion(exclusion, e, reached, start)) {
                excluded = true;
                counted = exclusion.dropFromThatPoint() ? Math.min(counted, exclusion.fromStep()) : 0;
            }
        }
        outcome.record(user, counted, bestRows, bestTimes, excluded);
        for (int o = 0; o < optionalAfter.length; o++) {
            if (didOptional(o, counted, start)) {
                outcome.recordOptional(user, o);
            }
        }
        if (counted > 0 && outcome.recordsFirstTouch()) {
            outcome.recordFirstTouch(user, firstTouch(from, to));
        }
    }

    /**
     * The first of the user's rows [from, to) that matches step 1 (in any order, any step) at or after the start of
     * the entry range: the row the breakdown's first touch reads (FunnelCalculator.firstTouchRow). The counted
     * attempt's first event is such a row, so there is one.
     */
    private int firstTouch(int from, int to) {
        long entryBits = order == OrderMode.ANY ? stepBits : 1L;
        for (int i = from; i < to; i++) {
            if ((masks[i] & entryBits) != 0 && timeAt[i] >= entryFrom) {
                return rowAt[i];
            }
        }
        throw new IllegalStateException("No first touch before the counted attempt");
    }

    /** The latest timestamp among the rows scanned so far; MIN_VALUE if none. */
    long latest() {
        return latest;
    }

    /** Splits the user's rows [from, to) into groups of equal time; false if no row matches a step. */
    private boolean loadGroups(int from, int to) {
        long[] maskBuffer = masks;
        long[] timeBuffer = timeAt;
        int[] starts = groupStart;
        long seen = 0;
        int groupCount = 0;
        long previousTime = NONE;
        for (int i = from; i < to; i++) {
            seen |= maskBuffer[i];
            long time = timeBuffer[i];
            if (time != previousTime) {
                starts[groupCount++] = i;
                previousTime = time;
            }
        }
        starts[groupCount] = to;
        first = from;
        last = to;
        groups = groupCount;
        return (seen & stepBits) != 0;
    }

    private long groupTime(int g) {
        return timeAt[groupStart[g]];
    }

    private long groupMask(int g) {
        int first = groupStart[g];
        int end = groupStart[g + 1];
        if (end - first == 1) {
            return masks[first] & stepBits;
        }
        long mask = 0;
        for (int i = first; i < end; i++) {
            mask |= masks[i];
        }
        return mask & stepBits;
    }

    private boolean inEntryRange(long time) {
        return time >= entryFrom && time <= entryTo;
    }

    /** The end of the group of equal time that starts at buffer index {@code i} (before {@link #last}). */
    private int groupEnd(int i) {
        long time = timeAt[i];
        int j = i + 1;
        while (j < last && timeAt[j] == time) {
            j++;
        }
        return j;
    }

    private long maskOf(int from, int to) {
        long mask = masks[from];
        for (int i = from + 1; i < to; i++) {
            mask |= masks[i];
        }
        return mask & stepBits;
    }

    /**
     * Sequential order: the furthest step any attempt reaches; fills bestRows for the counted one. Works on the
     * user's rows [first, last) without a table of groups: the groups of equal time are found on the way, and a
     * group of one event (the usual case) needs no matching. For each k, latestStart[k] is the latest start among
     * the attempts that reached k (a later start leaves more window).
     */
    private int sequential() {
        long[] latestStart = current;
        Arrays.fill(latestStart, NONE);
        int furthest = 0;
        int i = first;
        while (i < last) {
            long time = timeAt[i];
            int end = groupEnd(i);
            if (end - i == 1) {
                // One event: it advances each attempt by at most one step. Taking the steps from the last down
                // lets one array serve as both current and next: step k writes k + 1 only after k + 1 was read.
                long bits = masks[i] & stepBits;
                while (bits != 0) {
                    int k = 63 - Long.numberOfLeadingZeros(bits);
                    bits &= ~(1L << k);
                    long start = k == 0 ? (inEntryRange(time) ? time : NONE) : latestStart[k];
                    if (start == NONE || time - start > window) {
                        continue;
                    }
                    if (start > latestStart[k + 1]) {
                        latestStart[k + 1] = start;
                    }
                    furthest = Math.max(furthest, k + 1);
                }
            } else {
                long mask = maskOf(i, end);
                if (mask != 0) {
                    System.arraycopy(latestStart, 0, next, 0, latestStart.length);
                    for (int k = 0; k < steps; k++) {
                        if ((mask & (1L << k)) == 0) {
                            continue;
                        }
                        long start = k == 0 ? (inEntryRange(time) ? time : NONE) : latestStart[k];
                        if (start == NONE || time - start > window) {
                            continue;
                        }
                        int advance = matching.maxPrefix(masks, i, end, k, steps, null);
                        for (int j = 1; j <= advance; j++) {
                            next[k + j] = Math.max(next[k + j], start);
                        }
                    }
                    System.arraycopy(next, 0, latestStart, 0, latestStart.length);
                    for (int k = steps; k > furthest; k--) {
                        if (latestStart[k] != NONE) {
                            furthest = k;
                            break;
                        }
                    }
                }
            }
            i = end;
        }
        if (furthest > 0) {
            reconstructSequential(furthest);
        }
        return furthest;
    }

    /**
     * The earliest attempt that reaches {@code target} (sequential order), finding groups on the way as
     * {@link #sequential} does; its step rows go to bestRows.
     */
    private void reconstructSequential(int target) {
        int i = first;
        while (i < last) {
            long time = timeAt[i];
            int end = groupEnd(i);
            if ((maskOf(i, end) & 1L) != 0 && inEntryRange(time) && greedyPathFrom(i, end, time, target)) {
                return;
            }
            i = end;
        }
        throw new IllegalStateException("No attempt reaches step " + target + " on reconstruction");
    }

    /**
     * Whether the attempt starting in the group [startFrom, startEnd) reaches {@code target}, filling bestRows:
     * advancing as far as possible in each group is optimal for one attempt.
     */
    private boolean greedyPathFrom(int startFrom, int startEnd, long start, int target) {
        int k = 0;
        int i = startFrom;
        int end = startEnd;
        while (k < target) {
            long time = timeAt[i];
            if (time - start > window) {
                break;
            }
            boolean startGroup = i == startFrom;
            if ((maskOf(i, end) & (1L << k)) != 0 && startGroup == (k == 0)) {
                if (end - i == 1) {
                    bestRows[k] = rowAt[i];
                    k++;
                } else {
                    int advance = matching.maxPrefix(masks, i, end, k, target, rows);
                    for (int j = 0; j < advance; j++) {
                        bestRows[k + j] = rowAt[rows[j]];
                    }
                    k += advance;
                }
            }
            if (end >= last) {
                break;
            }
            i = end;
            end = groupEnd(i);
        }
        return k >= target;
    }

    /** Strict order: the furthest step any attempt reaches; fills bestRows for the counted one. */
    private int strictOrder() {
        Arrays.fill(current, NONE);
        int furthest = 0;
        for (int g = 0; g < groups; g++) {
            long mask = groupMask(g);
            long time = groupTime(g);
            if (mask == 0) {
                Arrays.fill(current, NONE); // any other event breaks a strict chain
                continue;
            }
            Arrays.fill(next, NONE);
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
            reconstructStrict(furthest);
        }
        return furthest;
    }

    /** The earliest strict attempt that reaches {@code target}; its step rows go to bestRows. */
    private void reconstructStrict(int target) {
        for (int g = 0; g < groups; g++) {
            long time = groupTime(g);
            if ((groupMask(g) & 1L) == 0 || !inEntryRange(time)) {
                continue;
            }
            if (strictPath(g, 0, time, target)) {
                return;
            }
        }
        throw new IllegalStateException("No attempt reaches step " + target + " on reconstruction");
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
                    bestRows[k + j] = rowAt[prefix[j]];
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
        int n = last;
        int end = first;
        for (int g = 0; g < groups && best < steps; g++) {
            long start = groupTime(g);
            if (groupMask(g) == 0 || !inEntryRange(start)) {
                continue;
            }
            while (end < n && timeAt[end] - start <= window) {
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
                    bestRows[j] = rowAt[matched[j]];
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

    /**
     * Whether the counted attempt, which reached {@code counted} required steps from {@code start}, did optional
     * step {@code o}: an event matching it, not one of the attempt's step events, at or after the attempt's event
     * of the required step a before it, and at or before its event of the required step after it (or, when the
     * attempt did not get there, within the window). Attempts that did not reach a did not do it. In ordered modes,
     * when the attempt's steps at one instant could take either of two events there, they leave the optional
     * step's event free.
     */
    private boolean didOptional(int o, int counted, long start) {
        int a = optionalAfter[o];
        if (counted < a) {
            return false;
        }
        long after = bestTimes[a - 1];
        boolean reachedNext = counted > a;
        long before = reachedNext ? bestTimes[a] : NONE;
        long bit = 1L << (steps + exclusions.length + o);
        for (int i = first; i < last; i++) {
            long time = timeAt[i];
            if ((masks[i] & bit) == 0 || time < after) {
                continue;
            }
            boolean inside = reachedNext ? time <= before : time - start <= window;
            if (inside && (!isAttemptRow(rowAt[i], counted) || order != OrderMode.ANY && leavesFree(i, counted))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the attempt's steps at the instant of buffer index {@code e}, one of its step events, could take
     * other events of that instant and leave {@code e} free: the same attempt (the same step times), another choice
     * among events at one instant. Ordered modes only; rare, so it allocates.
     */
    private boolean leavesFree(int e, int counted) {
        long time = timeAt[e];
        long instantSteps = 0;
        int need = 0;
        for (int k = 0; k < counted; k++) {
            if (bestTimes[k] == time) {
                instantSteps |= 1L << k;
                need++;
            }
        }
        int from = e;
        while (from > first && timeAt[from - 1] == time) {
            from--;
        }
        int to = e + 1;
        while (to < last && timeAt[to] == time) {
            to++;
        }
        long[] others = new long[to - from];
        for (int i = from; i < to; i++) {
            others[i - from] = i == e ? 0 : masks[i] & instantSteps;
        }
        return matching.maxMatching(others, 0, others.length, steps, new int[steps]) == need;
    }

    private boolean isAttemptRow(int row, int counted) {
        for (int k = 0; k < counted; k++) {
            if (bestRows[k] == row) {
                return true;
            }
        }
        return false;
    }

    private boolean hitByExclusion(FunnelSpec.ExclusionSpec exclusion, int index, int reached, long start) {
        if (reached < exclusion.fromStep()) {
            return false;
        }
        long after = log.time(bestRows[exclusion.fromStep() - 1]);
        long before = reached >= exclusion.toStep() ? log.time(bestRows[exclusion.toStep() - 1]) : NONE;
        long bit = 1L << (steps + index);
        for (int i = first; i < last; i++) {
            if ((masks[i] & bit) == 0) {
                continue;
            }
            long time = timeAt[i];
            boolean inside = time > after && (before == NONE ? time - start <= window : time < before);
            if (inside) {
                return true;
            }
        }
        return false;
    }
}
