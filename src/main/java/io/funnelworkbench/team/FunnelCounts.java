package io.funnelworkbench.team;

import java.util.List;

/**
 * What every back-end computes for a funnel: the users (or accounts) at each required step, step 1 first, and
 * how many stopped short of the last step while their window was still open at the end of the data.
 */
public record FunnelCounts(List<Long> usersPerStep, long stillInWindow) {
    public FunnelCounts {
        usersPerStep = List.copyOf(usersPerStep);
    }
}
