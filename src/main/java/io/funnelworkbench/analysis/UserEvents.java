package io.funnelworkbench.analysis;

import java.util.function.IntToDoubleFunction;

/**
 * One user's events as {@link FunnelKernel} reads them: positions {@code [from, to)} of parallel arrays, in time
 * order (equal times in import order), each with its time (epoch microseconds), the mask of the kernel's rules it
 * matches ({@link FunnelKernel#rules}) and an id that the outcome reports (a row of the snapshot locally; on a
 * cluster, whatever finds the row again, such as its index in the partition's buffer). The arrays may hold other
 * users' events around the range: the local scan fills them a block of users at a time and hands each user its
 * slice, without copying. The kernel may change masks while it runs (any order tries matchings without some
 * events) and restores them before it returns.
 *
 * <p>The property values the funnel reads are looked up by event id, only for the events that need them: the
 * breakdown property's value (a dictionary code, -1 when missing) and each step's goal value. Both are optional.
 */
public final class UserEvents {
    private long[] masks;
    private long[] times;
    private int[] ids;
    private int from;
    private int to;
    private int[] groupValues;
    private IntToDoubleFunction[] stepValues;

    /** Plain arrays of one user's events, all of them: position i has id i unless {@code ids} says otherwise. */
    public static UserEvents of(long[] masks, long[] times, int[] ids) {
        if (masks.length != times.length || ids != null && ids.length != masks.length) {
            throw new IllegalArgumentException("The masks, times and ids of a user's events differ in length");
        }
        return new UserEvents().slice(masks, times, ids, 0, masks.length);
    }

    /** Points at positions {@code [from, to)} of the arrays; {@code ids} null means each position is its id. */
    public UserEvents slice(long[] masks, long[] times, int[] ids, int from, int to) {
        this.masks = masks;
        this.times = times;
        this.ids = ids;
        this.from = from;
        this.to = to;
        return this;
    }

    /** The breakdown property's value code of each event, by event id (-1 or any negative: missing). */
    public UserEvents withGroupValues(int[] valuesById) {
        this.groupValues = valuesById;
        return this;
    }

    /** Each required step's goal value at an event, by event id; null for no values. */
    public UserEvents withStepValues(IntToDoubleFunction[] valuesById) {
        this.stepValues = valuesById;
        return this;
    }

    long[] masks() {
        return masks;
    }

    long[] times() {
        return times;
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    int id(int position) {
        return ids == null ? position : ids[position];
    }

    int groupValue(int position) {
        return groupValues == null ? -1 : groupValues[id(position)];
    }

    boolean hasStepValues() {
        return stepValues != null;
    }

    /** Step {@code step}'s (0-based) value at the event at {@code position}. */
    double stepValue(int step, int position) {
        return stepValues[step] == null ? 0 : stepValues[step].applyAsDouble(id(position));
    }
}
