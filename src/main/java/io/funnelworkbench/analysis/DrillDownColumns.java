package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The property columns of a drill-down's user list (see "User timeline" in FUNNEL-SEMANTICS.md): the breakdown
 * property first, each user's value being the group the breakdown counted them in, then the properties the
 * funnel's steps test or take their value from, each read on the event the user's counted attempt used for the
 * first step that names it ("size at Add to cart", "revenue at Purchase"; "" when the user did not get there or
 * the event has none), and the properties only exclusions test, read on the event of the step drilled into.
 */
public final class DrillDownColumns {
    /** Column names and, per listed user in order, one value per column. */
    public record Columns(List<String> names, List<List<String>> values) {
        public Columns {
            names = List.copyOf(names);
            values = List.copyOf(values);
        }
    }

    private DrillDownColumns() {
    }

    /** The columns for {@code users} (indexes as {@link StepExplanations#users} gives them) at {@code fullStep}. */
    public static Columns of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, UserTimeline timelines,
                             int fullStep, int[] users) {
        EventLog counted = AccountLogs.forSpec(log, spec);
        List<String> names = new ArrayList<>();
        FunnelCalculator.Grouping grouping = null;
        int breakdown = spec.breakdownProperty() == null ? -1 : counted.propertyIndex(spec.breakdownProperty());
        if (breakdown >= 0) {
            grouping = new FunnelCalculator(counted, spec).grouping(outcome);
            names.add(spec.breakdownProperty());
        }
        int countBy = spec.countBy() == null ? -1 : counted.propertyIndex(spec.countBy());
        List<String> read = UserTimeline.propertiesTheFunnelNames(log, spec).stream()
                .filter(p -> counted.propertyIndex(p) != breakdown && counted.propertyIndex(p) != countBy).toList();
        int[] stepOf = new int[read.size()];
        for (int i = 0; i < read.size(); i++) {
            stepOf[i] = firstStepNaming(counted, spec, read.get(i));
            int step = stepOf[i] == 0 ? fullStep : stepOf[i];
            names.add(read.get(i) + " at " + spec.steps().get(step - 1).name());
        }
        List<List<String>> values = new ArrayList<>(users.length);
        for (int user : users) {
            List<String> row = new ArrayList<>(names.size());
            if (grouping != null) {
                int group = grouping.groupOf(user);
                row.add(group < 0 ? "" : grouping.groups().get(group).label());
            }
            for (int i = 0; i < read.size(); i++) {
                int step = stepOf[i] == 0 ? fullStep : stepOf[i];
                row.add(timelines.value(read.get(i), timelines.stepRow(user, step)));
            }
            values.add(List.copyOf(row));
        }
        return new Columns(names, values);
    }

    /** The first step (1-based) whose conditions test {@code property} or whose value it is; 0 when none. */
    private static int firstStepNaming(EventLog log, FunnelSpec spec, String property) {
        int column = log.propertyIndex(property);
        for (int i = 0; i < spec.steps().size(); i++) {
            FunnelSpec.Step step = spec.steps().get(i);
            boolean tested = step.rule().conditions().stream().anyMatch(c -> log.propertyIndex(c.property()) == column);
            String valued = step.value().fromProperty();
            if (tested || valued != null && log.propertyIndex(valued) == column) {
                return i + 1;
            }
        }
        return 0;
    }
}
