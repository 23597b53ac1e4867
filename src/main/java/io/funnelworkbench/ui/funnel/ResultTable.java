package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.util.ArrayList;
import java.util.List;

/** A table ready for CSV: a header and rows of plain values. */
public record ResultTable(List<String> header, List<List<?>> rows) {
    private static final List<String> STEP_HEADER = List.of("Group", "Step", "Name", "Users",
            "Conversion from previous (%)", "From previous low (%)", "From previous high (%)",
            "Conversion from first (%)", "From first low (%)", "From first high (%)", "Dropped", "Drop-off (%)",
            "Median time from previous (s)", "Mean time from previous (s)", "P90 time from previous (s)", "Value");

    /** The step table for all users, followed by one block per breakdown group. */
    public static ResultTable of(FunnelResult result) {
        List<List<?>> rows = new ArrayList<>();
        result.steps().forEach(step -> rows.add(row("All users", step)));
        if (result.breakdown() != null) {
            for (BreakdownGroup group : result.breakdown()) {
                group.steps().forEach(step -> rows.add(row(group.label(), step)));
            }
        }
        return new ResultTable(STEP_HEADER, rows);
    }

    private static List<?> row(String group, StepResult step) {
        List<Object> row = new ArrayList<>();
        row.add(group);
        row.add(step.number());
        row.add(step.name());
        row.add(step.users());
        row.add(FunnelFormats.percentCell(step.conversionFromPrevious()));
        row.add(FunnelFormats.percentCell(step.conversionFromPreviousInterval().low()));
        row.add(FunnelFormats.percentCell(step.conversionFromPreviousInterval().high()));
        row.add(FunnelFormats.percentCell(step.conversionFromFirst()));
        row.add(FunnelFormats.percentCell(step.conversionFromFirstInterval().low()));
        row.add(FunnelFormats.percentCell(step.conversionFromFirstInterval().high()));
        row.add(step.dropped());
        row.add(FunnelFormats.percentCell(step.dropOffRate()));
        row.add(seconds(step.timeFromPrevious().medianSeconds()));
        row.add(seconds(step.timeFromPrevious().meanSeconds()));
        row.add(seconds(step.timeFromPrevious().p90Seconds()));
        row.add(step.value());
        return row;
    }

    private static Object seconds(Double value) {
        return value == null ? "" : Math.round(value);
    }
}
