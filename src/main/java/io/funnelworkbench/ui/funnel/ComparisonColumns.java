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
 * The step table's columns while comparing two periods, after its own: the compared period's conversion from
 * step 1 (over its users), the difference in percentage points (over its 95% interval) and the p-value. Shown
 * only while a comparison is, so the plain table keeps its width.
 */
final class ComparisonColumns {
    private final TableView<StepResult> table;
    private final TableColumn<StepResult, String> compared = column("Compared", 96, this::comparedCell);
    private final TableColumn<StepResult, String> difference = column("Difference", 124, this::differenceCell);
    private final TableColumn<StepResult, String> pValue = column("p-value", 64, this::pValueCell);
    private Comparison comparison;

    ComparisonColumns(TableView<StepResult> table) {
        this.table = table;
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
