package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Per user, the counted attempt of a funnel: how far the user got and which event served each step. This is
 * what the aggregate numbers are made of, and what drill-down lists read.
 */
public final class FunnelOutcome {
    private final EventLog log;
    private final int steps;
    private final int[] furthest;
    private final boolean[] excluded;
    private final boolean[] stillInWindow;
    private final int[] stepRows;

    FunnelOutcome(EventLog log, int steps) {
        this.log = log;
        this.steps = steps;
        int users = log.userCount();
        furthest = new int[users];
        excluded = new boolean[users];
        stillInWindow = new boolean[users];
        stepRows = new int[users * steps];
        java.util.Arrays.fill(stepRows, -1);
    }

    public int stepCount() {
        return steps;
    }

    public int userCount() {
        return furthest.length;
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
        return step <= furthest[user] ? stepRows[user * steps + step - 1] : -1;
    }

    /** Epoch microseconds of the event used for {@code step}; only for steps the user reached. */
    public long stepTime(int user, int step) {
        int row = stepRow(user, step);
        if (row < 0) {
            throw new IllegalArgumentException("User " + user + " did not reach step " + step);
        }
        return log.time(row);
    }

    /** Ids of the users who reached {@code step}. */
    public List<String> usersReaching(int step) {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < furthest.length; u++) {
            if (furthest[u] >= step) {
                users.add(log.userId(u));
            }
        }
        return users;
    }

    /** Ids of the users whose furthest step is {@code step}: they dropped out before the next one. */
    public List<String> usersDroppedAt(int step) {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < furthest.length; u++) {
            if (furthest[u] == step) {
                users.add(log.userId(u));
            }
        }
        return users;
    }

    /** The row used for {@code step} (1-based) without checks; only for steps the user reached. */
    int rowOf(int user, int step) {
        return stepRows[user * steps + step - 1];
    }

    void record(int user, int reached, int[] rows, boolean wasExcluded, boolean open) {
        furthest[user] = reached;
        excluded[user] = wasExcluded;
        stillInWindow[user] = open;
        System.arraycopy(rows, 0, stepRows, user * steps, reached);
    }
}
