package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.ComparisonText;
import io.funnelworkbench.text.Numbers;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The step table's columns while comparing two periods: after Step, Users and From first, the compared period's
 * conversion from step 1 (over its users), the difference in percentage points (over its 95% interval) and the
 * p-value. The columns of one period only (from previous, dropped, median, value) step aside meanwhile, so that
 * at 1280 × 800 the comparison fits without scrolling sideways; the CSV export keeps them all.
 */
final class ComparisonColumns {
    private final TableView<StepResult> table;
    private final List<TableColumn<StepResult, String>> oneOnly;
    private final TableColumn<StepResult, String> compared = column("Compared", 96, this::comparedCell);
    private final TableColumn<StepResult, String> difference = column("Difference", 124, this::differenceCell);
    private final TableColumn<StepResult, String> pValue = column("p-value", 74, this::pValueCell);
    private Comparison comparison;

    /** {@code onePeriodOnly}: the table's columns to hide while comparing. */
    ComparisonColumns(TableView<StepResult> table, List<TableColumn<StepResult, String>> onePeriodOnly) {
        this.table = table;
        this.oneOnly = List.copyOf(onePeriodOnly);
        compared.setId("comparedColumn");
        difference.setId("differenceColumn");
        pValue.setId("pValueColumn");
        for (TableColumn<StepResult, String> column : List.of(compared, difference)) {
            column.setCellFactory(c -> new TwoLineCell<>());
        }
    }

    /** Shows the columns for {@code shown}, or takes them away when it is null. */
    void show(Comparison shown) {
        comparison = shown;
        List<TableColumn<StepResult, ?>> columns = List.of(compared, difference, pValue);
        oneOnly.forEach(column -> column.setVisible(shown == null));
        if (shown == null) {
            table.getColumns().removeAll(columns);
            return;
        }
        if (!table.getColumns().contains(compared)) {
            table.getColumns().addAll(columns);
        }
        table.refresh();
    }

    private String comparedCell(StepResult step) {
        StepResult before = comparison.result().steps().get(step.number() - 1);
        return Numbers.percent(before.conversionFromFirst()) + "\n" + Numbers.count(before.users());
    }

    private String differenceCell(StepResult step) {
        return ComparisonText.difference(comparison.differences().get(step.number() - 1));
    }

    private String pValueCell(StepResult step) {
        return ComparisonText.pValue(comparison.differences().get(step.number() - 1));
    }

    private TableColumn<StepResult, String> column(String title, double width, Function<StepResult, String> text) {
        TableColumn<StepResult, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(width - 2);
        column.getStyleClass().add("number");
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(comparison == null
                || cell.getValue().number() > comparison.differences().size() ? "" : text.apply(cell.getValue())));
        return column;
    }
}
