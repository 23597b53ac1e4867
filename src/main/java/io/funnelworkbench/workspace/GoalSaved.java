package io.funnelworkbench.workspace;

import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import java.util.List;

/**
 * A goal created or edited. {@code replaced} is the goal it took the place of (null for a new goal); when that
 * had another name, {@code funnelsFollowing} are the saved funnels that now use the new name.
 */
public record GoalSaved(Goal goal, Goal replaced, List<FunnelChange> funnelsFollowing) {
    public GoalSaved {
        funnelsFollowing = List.copyOf(funnelsFollowing);
    }

    public boolean created() {
        return replaced == null;
    }

    public boolean renamed() {
        return replaced != null && !replaced.name().equals(goal.name());
    }

    /** The names of the saved funnels that followed the rename. */
    public List<String> followingFunnelNames() {
        return funnelsFollowing.stream().map(FunnelChange::after).map(FunnelDefinition::name).toList();
    }
}
