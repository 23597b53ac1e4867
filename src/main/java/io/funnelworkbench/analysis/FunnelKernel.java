package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The funnel of one user (or account): that user's events in, that user's counted attempt out
 * (FUNNEL-SEMANTICS.md). It reads nothing but its input, so the local engine runs it for every user of a snapshot
 * and a cluster back-end can run it on the users of a partition.
 *
 * <p>In: {@link UserEvents}, the user's events in time order (equal times in import order), each with the mask of
 * the rules it matches, in the bit order of {@link #rules}: the required steps, the exclusions, the optional steps.
 * Sequential and any order need only the events that match a rule; strict order needs every event, as any other
 * event breaks a chain ({@link #needsUnmatchedEvents}). Out: {@link UserOutcome}, the furthest step, the id and
 * time of each step's event, whether an exclusion hit, the optional steps done, the event that places the user in a
 * breakdown and, when the input carries them, that event's breakdown value and each step's goal value.
 *
 * <p>Events of a user are taken in groups of equal timestamps: inside a group, steps are matched to distinct
 * events in step order whatever the import order, so equal timestamps advance the funnel. A kernel reuses its
 * buffers between users: one per thread.
 */
public final class FunnelKernel {
    private static final long NONE = Long.MIN_VALUE;

    private final int steps;
    private final long window;
    private final OrderMode order;
    private final long entryFrom;
    private final long entryTo;
    private final FunnelSpec.ExclusionSpec[] exclusions;
    private final long stepBits;
    private final boolean lastStepAttribution;
    /** Whether the funnel has a breakdown, so that the event placing the user in it is wanted. */
    private final boolean breakdown;
    /**
     * Per optional step (in step order): the required step before it (1-based); its rule's bit follows the
     * exclusions'. Empty for a funnel without optional steps, which then does no extra work.
     */
    private final int[] optionalAfter;

    // The current user's events are [first, last) of these arrays (the input's); groupStart holds where each of its
    // groups of equal timestamps starts, and groupStart[groups] == last.
    private long[] masks;
    private long[] timeAt;
    private int[] groupStart = new int[64];
    private int first;
    private int last;
    private int groups;
    private final long[] current;
    private final long[] next;
    private final int[] rows;
    /** The counted attempt's event of each step, as an index into the input's arrays. */
    private final int[] bestAt;
    private final long[] bestTimes;
    private final Matching matching = new Matching();

    /** A kernel for {@code spec}, the funnel as asked (optional steps included). */
    public FunnelKernel(FunnelSpec spec) {
        FunnelSpec required = spec.requiredOnly();
        this.steps = required.steps().size();
        this.window = required.window().toNanos() / 1_000;
        this.order = required.order();
        this.entryFrom = entryFrom(required);
        this.entryTo = entryTo(required);
        this.exclusions = required.exclusions().toArray(FunnelSpec.ExclusionSpec[]::new);
        this.stepBits = steps == 64 ? -1L : (1L << steps) - 1;
        this.lastStepAttribution = required.attribution() == Attribution.LAST_STEP;
        this.breakdown = required.breakdownProperty() != null;
        this.optionalAfter = optionalAfter(spec);
        current = new long[steps + 1];
        next = new long[steps + 1];
        rows = new int[steps];
        bestAt = new int[steps];
        bestTimes = new long[steps];
    }

    /**
     * The rules whose bits the input's masks carry, bit 0 first: the required steps, the exclusions, then the
     * optional steps. With optional steps the attempt is chosen on the required steps alone; each optional step is
     * checked on the counted attempt.
     */
    public static List<MatchRule> rules(FunnelSpec spec) {
        List<MatchRule> rules = new ArrayList<>();
        FunnelSpec required = spec.requiredOnly();
        required.steps().forEach(step -> rules.add(step.rule()));
        required.exclusions().forEach(exclusion -> rules.add(exclusion.rule()));
        spec.steps().stream().filter(FunnelSpec.Step::optional).forEach(step -> rules.add(step.rule()));
        return rules;
    }

    /** Epoch microseconds of the start of the entry range (inclusive), or MIN_VALUE. */
    public static long entryFrom(FunnelSpec spec) {
        return spec.entryFrom() == null ? Long.MIN_VALUE
                : spec.entryFrom().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
    }

    /** Epoch microseconds of the end of the entry range (inclusive), or MAX_VALUE. */
    public static long entryTo(FunnelSpec spec) {
        return spec.entryTo() == null ? Long.MAX_VALUE
                : spec.entryTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000 - 1;
    }

    /** Per optional step of {@code spec}, in step order: the required step before it, 1-based among them. */
    static int[] optionalAfter(FunnelSpec spec) {
        List<Integer> after = new ArrayList<>();
        int required = 0;
        for (FunnelSpec.Step step : spec.steps()) {
            if (step.optional()) {
                after.add(required);
            } else {
                required++;
            }
        }
        return after.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether the input must hold the events that match no rule too (strict order: they break chains). */
    public boolean needsUnmatchedEvents() {
        return order == OrderMode.STRICT;
    }

    /** The required steps: the length of an attempt. */
    public int stepCount() {
        return steps;
    }

    /** An empty outcome of the right size for this kernel's funnel. */
    public UserOutcome newOutcome() {
        return new UserOutcome(steps, optionalAfter.length);
    }

    /**
     * Whether an attempt that reached {@code reached} of {@code steps} steps, its step-1 event at
     * {@code firstStepTime}, may still convert: it stopped short of the last step while its window reaches past
     * {@code dataEnd}, the latest timestamp of the whole data set (not of the user), which the caller passes in.
     */
    public static boolean stillInWindow(int reached, int steps, long firstStepTime, long window, long dataEnd) {
        return reached > 0 && reached < steps && firstStepTime + window > dataEnd;
    }

    /** {@link #stillInWindow(int, int, long, long, long)} for an outcome of this kernel. */
    public boolean stillInWindow(UserOutcome outcome, long dataEnd) {
        return stillInWindow(outcome.reached(), steps, outcome.reached() == 0 ? 0 : outcome.stepTime(1), window,
                dataEnd);
    }

    /** Runs the funnel on {@code events} and writes the user's counted attempt to {@code out}. */
    public void run(UserEvents events, UserOutcome out) {
        out.clear();
        int from = events.from();
        int to = events.to();
        masks = events.masks();
        timeAt = events.times();
        if (to <= from) {
            return;
        }
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
            bestTimes[i] = timeAt[bestAt[i]];
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
        out.record(counted, excluded);
        for (int k = 0; k < counted; k++) {
            out.setStep(k, events.id(bestAt[k]), bestTimes[k]);
        }
        for (int o = 0; o < optionalAfter.length; o++) {
            if (didOptional(o, counted, start)) {
                out.setOptional(o);
            }
        }
        if (counted > 0 && breakdown) {
            int placing = lastStepAttribution ? bestAt[counted - 1] : firstTouch(from, to);
            out.setAttribution(events.id(placing), events.groupValue(placing));
        }
        for (int k = 0; k < counted && events.hasStepValues(); k++) {
            out.setValue(k, events.stepValue(k, bestAt[k]));
        }
    }

    /**
     * The last time a path of the counted attempt may reach (see "Paths" in FUNNEL-SEMANTICS.md): after drop-off,
     * at most W after the step-1 event (inclusive); between a step and the next, strictly before the next step's
     * event ({@code nextStepTime}, unused after drop-off).
     */
    public static long pathUntil(boolean afterDropOff, long firstStepTime, long nextStepTime, long window) {
        if (afterDropOff) {
            return window > Long.MAX_VALUE - firstStepTime ? Long.MAX_VALUE : firstStepTime + window;
        }
        return nextStepTime - 1;
    }

    /**
     * The path after one step of a user's counted attempt, for Paths: the codes of the events strictly later than
     * the step's event at {@code stepPosition} and at most {@code until} ({@link #pathUntil}), consecutive repeats
     * of one code once, at most {@code path.length} of them, written to {@code path}; returns how many. Unlike the
     * funnel, a path reads every event of the user: {@code times} and {@code codes} (event names) are the user's
     * events up to {@code end}, all of them, in the order the kernel was given them.
     */
    public static int path(long[] times, int[] codes, int stepPosition, int end, long until, int[] path) {
        long from = times[stepPosition];
        int last = -1;
        int taken = 0;
        for (int i = stepPosition + 1; i < end && taken < path.length; i++) {
            long time = times[i];
            if (time > until) {
                break;
            }
            int code = codes[i];
            if (time > from && code != last) {
                path[taken++] = code;
                last = code;
            }
        }
        return taken;
    }

    /**
     * The first of the user's events [from, to) that matches step 1 (in any order, any step) at or after the start
     * of the entry range: the event whose properties place the user in a first-touch breakdown. The counted
     * attempt's first event is such an event, so there is one.
     */
    private int firstTouch(int from, int to) {
        long entryBits = order == OrderMode.ANY ? stepBits : 1L;
        for (int i = from; i < to; i++) {
            if ((masks[i] & entryBits) != 0 && timeAt[i] >= entryFrom) {
                return i;
            }
        }
        throw new IllegalStateException("No first touch before the counted attempt");
    }

    private boolean loadGroups(int from, int to) {
        if (groupStart.length < to + 1) {
            groupStart = new int[Math.max(to + 1, groupStart.length * 2)];
        }
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
     * Sequential order: the furthest step any attempt reaches; fills bestAt for the counted one. Works on the
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
     * {@link #sequential} does; its step events go to bestAt.
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
     * Whether the attempt starting in the group [startFrom, startEnd) reaches {@code target}, filling bestAt:
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
                    bestAt[k] = i;
                    k++;
                } else {
                    int advance = matching.maxPrefix(masks, i, end, k, target, rows);
                    for (int j = 0; j < advance; j++) {
                        bestAt[k + j] = rows[j];
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

    /** Strict order: the furthest step any attempt reaches; fills bestAt for the counted one. */
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

    /** The earliest strict attempt that reaches {@code target}; its step events go to bestAt. */
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
                    bestAt[k + j] = prefix[j];
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Any order: the most distinct steps matched to distinct events within W of the earliest of them; the
     * earliest such window counts. Fills bestAt with the matched events in time order.
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
                    bestAt[j] = matched[j];
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
            if (inside && (!isAttemptEvent(i, counted) || order != OrderMode.ANY && leavesFree(i, counted))) {
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

    private boolean isAttemptEvent(int i, int counted) {
        for (int k = 0; k < counted; k++) {
            if (bestAt[k] == i) {
                return true;
            }
        }
        return false;
    }

    private boolean hitByExclusion(FunnelSpec.ExclusionSpec exclusion, int index, int reached, long start) {
        if (reached < exclusion.fromStep()) {
            return false;
        }
        long after = bestTimes[exclusion.fromStep() - 1];
        long before = reached >= exclusion.toStep() ? bestTimes[exclusion.toStep() - 1] : NONE;
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
