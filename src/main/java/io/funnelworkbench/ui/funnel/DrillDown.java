package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The users behind one step: everyone who reached it (in one breakdown group, when {@code group} is not null),
 * each with what happened next (went on, dropped out there, or completed the funnel at the last step) and why.
 * {@code group} reads like "device = mobile".
 */
public record DrillDown(int step, String stepName, String nextStepName, String group, List<Explanation> users) {

    public static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step) {
        return of(step, spec, null, new StepExplanations(log, spec, outcome).explain(step));
    }

    /** The users of one breakdown group at the step. */
    public static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step, BreakdownGroup group) {
        FunnelEngine engine = new FunnelEngine(log);
        IntPredicate members = engine.breakdownMembers(spec, outcome, group);
        String label = group.other() || engine.isRange(spec, group) ? spec.breakdownProperty() + " in " + group.label()
                : spec.breakdownProperty() + " = " + group.label();
        return of(step, spec, label, new StepExplanations(log, spec, outcome).explain(step, members));
    }

    private static DrillDown of(int step, FunnelSpec spec, String group, List<Explanation> users) {
        List<String> names = spec.steps().stream().map(FunnelSpec.Step::name).toList();
        boolean last = step == names.size();
        return new DrillDown(step, names.get(step - 1), last ? null : names.get(step), group, users);
    }

    public List<String> reached() {
        return users.stream().map(Explanation::user).toList();
    }

    public List<String> dropped() {
        return with(Outcome.DROPPED).stream().map(Explanation::user).toList();
    }

    /** The users with this outcome; null means all of them. */
    public List<Explanation> with(Outcome outcome) {
        return outcome == null ? users : users.stream().filter(u -> u.outcome() == outcome).toList();
    }

    /** The outcome of those who did not drop: completed at the last step, went on before it. */
    public Outcome continuing() {
        return nextStepName == null ? Outcome.COMPLETED : Outcome.WENT_ON;
    }

    /** One row per user who reached the step: the step, what happened next, and why. */
    public ResultTable table() {
        List<List<?>> rows = new ArrayList<>(users.size());
        for (Explanation user : users) {
            rows.add(group == null
                    ? List.of(user.user(), step + ". " + stepName, outcome(user.outcome()), user.reason())
                    : List.of(user.user(), group, step + ". " + stepName, outcome(user.outcome()), user.reason()));
        }
        return new ResultTable(group == null ? List.of("User", "Step", "Outcome", "Reason")
                : List.of("User", "Group", "Step", "Outcome", "Reason"), rows);
    }

    /** The outcome in a sentence that names the next step. */
    public String outcome(Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "Completed the funnel";
            case DROPPED -> "Dropped before " + nextStepName;
            case WENT_ON -> "Went on to " + nextStepName;
        };
    }
}
