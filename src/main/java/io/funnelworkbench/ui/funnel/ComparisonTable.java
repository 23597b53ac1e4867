package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepDifference;
import io.funnelworkbench.model.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The step table as CSV while comparing two periods: {@link ResultTable#of}'s columns, then per step of all users
 * the compared period's users and conversion from step 1, the difference in percentage points with its 95%
 * interval, and the p-value. Breakdown groups are not compared, so their comparison cells stay empty.
 */
final class ComparisonTable {
    static final List<String> COMPARED_HEADER = List.of("Compared period", "Compared users",
            "Compared conversion from first (%)", "Difference from first (pp)", "Difference low (pp)",
            "Difference high (pp)", "p-value (Fisher)");

    private ComparisonTable() {
    }

    static ResultTable of(FunnelResult result, Comparison comparison) {
        ResultTable plain = ResultTable.of(result);
        List<String> header = new ArrayList<>(plain.header());
        header.addAll(COMPARED_HEADER);
        List<List<?>> rows = new ArrayList<>();
        int stepCount = result.steps().size();
        for (int i = 0; i < plain.rows().size(); i++) {
            List<Object> row = new ArrayList<>(plain.rows().get(i));
            row.addAll(i < stepCount ? comparedCells(comparison, i) : emptyCells());
            rows.add(row);
        }
        return new ResultTable(header, rows);
    }

    private static List<Object> comparedCells(Comparison comparison, int index) {
        StepResult before = comparison.result().steps().get(index);
        StepDifference difference = comparison.differences().get(index);
        List<Object> cells = new ArrayList<>();
        cells.add(comparison.from() + ".." + comparison.to());
        cells.add(before.users());
        cells.add(points(before.conversionFromFirst()));
        cells.add(difference.conversionFromFirstDiff() == null ? "" : points(difference.conversionFromFirstDiff()));
        cells.add(difference.interval() == null ? "" : points(difference.interval().low()));
        cells.add(difference.interval() == null ? "" : points(difference.interval().high()));
        cells.add(difference.pValue() == null ? "" : difference.pValue());
        return cells;
    }

    private static List<Object> emptyCells() {
        List<Object> cells = new ArrayList<>();
        COMPARED_HEADER.forEach(column -> cells.add(""));
        return cells;
    }

    /** A rate or a difference of rates in percent (points), rounded as the step table's CSV rounds rates. */
    private static double points(double fraction) {
        return Math.round(fraction * 10_000) / 100.0;
    }
}
