package io.funnelworkbench.analysis;

import java.util.Arrays;

/**
 * One user's counted attempt as {@link FunnelKernel} found it: a few numbers and arrays as long as the funnel, small
 * enough to ship from wherever the kernel ran. Reused between users by the caller ({@link FunnelKernel#run} clears
 * it first).
 */
public final class UserOutcome {
    private final int[] stepIds;
    private final long[] stepTimes;
    private final double[] stepValues;
    private final boolean[] optionalDone;
    private int reached;
    private boolean excluded;
    private int attributionId;
    private int groupValue;

    UserOutcome(int steps, int optionalSteps) {
        stepIds = new int[steps];
        stepTimes = new long[steps];
        stepValues = new double[steps];
        optionalDone = new boolean[optionalSteps];
        clear();
    }

    /** The furthest required step (1-based) of the counted attempt; 0 when the user is not in the funnel. */
    public int reached() {
        return reached;
    }

    /** True when an exclusion removed the user or cut the attempt short. */
    public boolean excluded() {
        return excluded;
    }

    /** The id of the event used for {@code step} (1-based), or -1 when the attempt did not reach it. */
    public int stepId(int step) {
        return step <= reached ? stepIds[step - 1] : -1;
    }

    /** Epoch microseconds of the event used for {@code step} (1-based); only for steps reached. */
    public long stepTime(int step) {
        if (step < 1 || step > reached) {
            throw new IllegalArgumentException("The attempt did not reach step " + step);
        }
        return stepTimes[step - 1];
    }

    /** The goal value of {@code step} (1-based) at its event; 0 when not reached or when no values were given. */
    public double stepValue(int step) {
        return step <= reached ? stepValues[step - 1] : 0;
    }

    /** Whether the attempt did optional step {@code optional} (0-based among the optional steps). */
    public boolean didOptional(int optional) {
        return optionalDone[optional];
    }

    /**
     * The id of the event whose properties place the user in the breakdown (first touch or last step reached, as
     * the funnel's attribution says); -1 without a breakdown or outside the funnel.
     */
    public int attributionId() {
        return attributionId;
    }

    /** The breakdown value code at the placing event; -1 when missing or not given. */
    public int groupValue() {
        return groupValue;
    }

    int[] stepIds() {
        return stepIds;
    }

    long[] stepTimes() {
        return stepTimes;
    }

    void clear() {
        reached = 0;
        excluded = false;
        attributionId = -1;
        groupValue = -1;
        Arrays.fill(optionalDone, false);
        Arrays.fill(stepValues, 0);
    }

    void record(int counted, boolean wasExcluded) {
        reached = counted;
        excluded = wasExcluded;
    }

    void setStep(int step, int id, long time) {
        stepIds[step] = id;
        stepTimes[step] = time;
    }

    void setOptional(int optional) {
        optionalDone[optional] = true;
    }

    void setAttribution(int id, int value) {
        attributionId = id;
        groupValue = value;
    }

    void setValue(int step, double value) {
        stepValues[step] = value;
    }
}
