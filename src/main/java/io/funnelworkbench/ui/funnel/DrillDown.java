package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.DrillDownColumns;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.analysis.UserTimeline;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.text.TimelineText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The users behind one step: everyone who reached it (in one breakdown group, when {@code group} is not null),
 * each with what happened next (went on, dropped out there, or completed the funnel at the last step) and why.
 * {@code group} reads like "device = mobile". {@code nextStepName} is the next required step (null at the last
 * step). {@code listed} holds the users' property columns and reads any listed user's timeline.
 */
public record DrillDown(int step, String stepName, String nextStepName, String group, List<Explanation> users,
                        Listed listed) {

    /**
     * What the list holds beside the reasons: per user (in the order of the list) the property values of
     * {@code columns} and the index in the funnel's log; {@code positions} finds a user's place by id.
     */
    public record Listed(DrillDownColumns.Columns columns, int[] indexes, Map<String, Integer> positions,
                         UserTimeline timelines) {
        static Listed of(List<Explanation> users, DrillDownColumns.Columns columns, int[] indexes,
                         UserTimeline timelines) {
            Map<String, Integer> positions = new HashMap<>(users.size() * 2);
            for (int i = 0; i < users.size(); i++) {
                positions.put(users.get(i).user(), i);
            }
            return new Listed(columns, indexes, positions, timelines);
        }
    }

    public static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step) {
        return of(log, spec, outcome, step, null, user -> true);
    }

    /** The users of one breakdown group at the step. */
    public static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step, BreakdownGroup group) {
        FunnelEngine engine = new FunnelEngine(log);
        IntPredicate members = engine.breakdownMembers(spec, outcome, group);
        String label = group.other() || engine.isRange(spec, group) ? spec.breakdownProperty() + " in " + group.label()
                : spec.breakdownProperty() + " = " + group.label();
        return of(log, spec, outcome, step, label, members);
    }

    private static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step, String group,
                                IntPredicate among) {
        StepExplanations explanations = new StepExplanations(log, spec, outcome);
        List<Explanation> users = explanations.explain(step, among);
        int[] indexes = explanations.users(step, among);
        UserTimeline timelines = new UserTimeline(log, spec, outcome);
        DrillDownColumns.Columns columns = DrillDownColumns.of(log, spec, outcome, timelines, step, indexes);
        List<FunnelSpec.Step> steps = spec.steps();
        String next = steps.subList(step, steps.size()).stream().filter(s -> !s.optional())
                .map(FunnelSpec.Step::name).findFirst().orElse(null);
        return new DrillDown(step, steps.get(step - 1).name(), next, group, users,
                Listed.of(users, columns, indexes, timelines));
    }

    /** The property columns of the list, after User, Outcome and Why. */
    public List<String> columnNames() {
        return listed.columns().names();
    }

    /** The property values of the listed user {@code user}, in the order of {@link #columnNames()}. */
    public List<String> valuesOf(Explanation user) {
        Integer at = listed.positions().get(user.user());
        return at == null ? List.of() : listed.columns().values().get(at);
    }

    /** The timeline of the listed user {@code user}; reads only that user's events. */
    public UserTimeline.Timeline timelineOf(Explanation user) {
        Integer at = listed.positions().get(user.user());
        if (at == null) {
            throw new IllegalArgumentException(user.user() + " is not listed at this step");
        }
        return listed.timelines().of(listed.indexes()[at]);
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

    /** One row per user who reached the step: the step, what happened next, why, and the property columns. */
    public ResultTable table() {
        List<List<?>> rows = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            Explanation user = users.get(i);
            List<Object> row = new ArrayList<>();
            row.add(user.user());
            if (group != null) {
                row.add(group);
            }
            row.addAll(List.of(step + ". " + stepName, outcome(user.outcome()), user.reason()));
            row.addAll(listed.columns().values().get(i));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(group == null ? List.of("User", "Step", "Outcome", "Reason")
                : List.of("User", "Group", "Step", "Outcome", "Reason"));
        header.addAll(columnNames());
        return new ResultTable(header, rows);
    }

    /** The timeline of one user as a table: time (UTC, ISO), event, step, place, then the properties. */
    public static ResultTable timelineTable(UserTimeline.Timeline timeline) {
        List<List<?>> rows = new ArrayList<>(timeline.entries().size());
        for (UserTimeline.Entry entry : timeline.entries()) {
            List<Object> row = new ArrayList<>();
            row.add(Instant.EPOCH.plus(entry.time(), ChronoUnit.MICROS).toString());
            row.add(entry.event());
            row.add(TimelineText.marks(entry.marks()));
            row.add(TimelineText.place(entry.place()));
            row.addAll(entry.values());
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Time (UTC)", "Event", "Step", "Where"));
        header.addAll(timeline.properties());
        return new ResultTable(header, rows);
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
