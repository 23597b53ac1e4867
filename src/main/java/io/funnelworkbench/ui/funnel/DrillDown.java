package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The users behind one step: who reached it and who dropped out there (never reached the next step).
 * At the last step nobody drops; everyone who reached it completed the funnel.
 */
public record DrillDown(int step, String stepName, String nextStepName, List<String> reached,
                        List<String> dropped) {

    public static DrillDown of(FunnelOutcome outcome, List<String> stepNames, int step) {
        boolean last = step == stepNames.size();
        return new DrillDown(step, stepNames.get(step - 1), last ? null : stepNames.get(step),
                outcome.usersReaching(step), last ? List.of() : outcome.usersDroppedAt(step));
    }

    /** One row per user who reached the step, saying whether they went on, dropped, or completed. */
    public ResultTable table() {
        Set<String> droppedHere = new HashSet<>(dropped);
        List<List<?>> rows = new ArrayList<>(reached.size());
        for (String user : reached) {
            rows.add(List.of(user, step + ". " + stepName, outcome(droppedHere.contains(user))));
        }
        return new ResultTable(List.of("User", "Step", "Outcome"), rows);
    }

    private String outcome(boolean droppedHere) {
        if (nextStepName == null) {
            return "Completed the funnel";
        }
        return droppedHere ? "Dropped before " + nextStepName : "Went on to " + nextStepName;
    }
}
