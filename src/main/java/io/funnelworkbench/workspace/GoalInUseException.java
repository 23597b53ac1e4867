package io.funnelworkbench.workspace;

import java.util.List;

/** Deleting a goal was refused because saved funnels use it; {@link #funnels()} names them. */
public final class GoalInUseException extends EditRefusedException {
    private final String goal;
    private final List<String> funnels;

    GoalInUseException(String goal, List<String> funnels) {
        super(NameRules.goalInUse(goal, funnels));
        this.goal = goal;
        this.funnels = List.copyOf(funnels);
    }

    public String goal() {
        return goal;
    }

    /** The saved funnels with the goal as a step or an exclusion, which could not be computed without it. */
    public List<String> funnels() {
        return funnels;
    }
}
