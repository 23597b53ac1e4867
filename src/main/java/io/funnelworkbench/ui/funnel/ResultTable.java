package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** The trend: one row per period, with whether its conversion is provisional and why. */
    public static ResultTable trend(FunnelResult result) {
        List<List<?>> rows = new ArrayList<>();
        for (TrendPoint point : result.trend()) {
            rows.add(List.of(point.periodStart().toString(), point.entered(), point.converted(),
                    percentCell(point.conversion()), point.stillInWindow(), point.partial()));
        }
        return new ResultTable(List.of("Period start (" + result.trendPeriod().name().toLowerCase(Locale.ROOT)
                + ")", "Entered", "Converted", "Conversion (%)", "Still in window", "Partial period"), rows);
    }

    /** The time-to-convert histogram of one step (from the previous step), with its summary figures. */
    public static ResultTable timeToConvert(FunnelResult result, int step) {
        StepResult target = result.steps().get(step - 1);
        TimeStats stats = target.timeFromPrevious();
        List<List<?>> rows = new ArrayList<>();
        for (TimeStats.HistogramBin bin : stats.histogram()) {
            rows.add(List.of(target.name(), Math.round(bin.fromSeconds()),
                    bin.toSeconds() == null ? "" : Math.round(bin.toSeconds()), bin.users()));
        }
        rows.add(List.of(target.name() + " median (s)", seconds(stats.medianSeconds()), "", stats.count()));
        rows.add(List.of(target.name() + " mean (s)", seconds(stats.meanSeconds()), "", stats.count()));
        rows.add(List.of(target.name() + " p90 (s)", seconds(stats.p90Seconds()), "", stats.count()));
        return new ResultTable(List.of("Step", "From (s)", "To (s)", "Users"), rows);
    }

    /** The micro-goal impact table as computed, rates in percent. */
    public static ResultTable impact(ImpactResult result) {
        List<List<?>> rows = new ArrayList<>();
        for (ImpactRow row : result.rows()) {
            rows.add(List.of(row.microGoal(), row.usersWith(), row.convertedWith(),
                    percentCell(row.rateWith()), row.usersWithout(), row.convertedWithout(),
                    percentCell(row.rateWithout()), row.lift() == null ? "" : row.lift(),
                    row.oddsRatio(), row.pValue()));
        }
        return new ResultTable(List.of("Micro goal", "Users with", "Converted with", "Rate with (%)", "Users without",
                "Converted without", "Rate without (%)", "Lift", "Odds ratio", "p-value (Fisher)"), rows);
    }

    private static List<?> row(String group, StepResult step) {
        List<Object> row = new ArrayList<>();
        row.add(group);
        row.add(step.number());
        row.add(step.name());
        row.add(step.users());
        row.add(percentCell(step.conversionFromPrevious()));
        row.add(percentCell(step.conversionFromPreviousInterval().low()));
        row.add(percentCell(step.conversionFromPreviousInterval().high()));
        row.add(percentCell(step.conversionFromFirst()));
        row.add(percentCell(step.conversionFromFirstInterval().low()));
        row.add(percentCell(step.conversionFromFirstInterval().high()));
        row.add(step.dropped());
        row.add(percentCell(step.dropOffRate()));
        row.add(seconds(step.timeFromPrevious().medianSeconds()));
        row.add(seconds(step.timeFromPrevious().meanSeconds()));
        row.add(seconds(step.timeFromPrevious().p90Seconds()));
        row.add(step.value());
        return row;
    }

    private static Object seconds(Double value) {
        return value == null ? "" : Math.round(value);
    }

    /** A rate as a percentage rounded for CSV cells, which spreadsheets read as numbers (not display text). */
    private static double percentCell(double fraction) {
        return Math.round(fraction * 10_000) / 100.0;
    }
}
