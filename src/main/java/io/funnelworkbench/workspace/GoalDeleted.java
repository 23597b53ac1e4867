package io.funnelworkbench.workspace;

import io.funnelworkbench.model.Goal;
import java.util.List;

/**
 * A goal deleted from its {@code position} in the goal list; {@code brokenFunnels} names the saved funnels that
 * used it and cannot be computed until it is back (or they are edited).
 */
public record GoalDeleted(Goal goal, int position, List<String> brokenFunnels) {
    public GoalDeleted {
        brokenFunnels = List.copyOf(brokenFunnels);
    }
}
