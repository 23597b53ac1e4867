package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.StepText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

/**
 * Every breakdown group's numbers under the chart: users at each step, the conversion from the first step and
 * its 95% interval. Double-clicking a row lists the group's users at the last step.
 */
public final class BreakdownTable extends TableView<BreakdownGroup> {
    private BiConsumer<Integer, BreakdownGroup> onOpen = (step, group) -> { };
    private List<String> shownColumns = List.of();

    public BreakdownTable() {
        setId("breakdownTable");
        getStyleClass().add("breakdown-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No breakdown"));
        setRowFactory(table -> {
            TableRow<BreakdownGroup> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    onOpen.accept(row.getItem().steps().size(), row.getItem());
                }
            });
            return row;
        });
    }

    /** Called with the last step and the group when a row is double-clicked. */
    public void setOnOpen(BiConsumer<Integer, BreakdownGroup> handler) {
        onOpen = handler == null ? (step, group) -> { } : handler;
    }

    public void setResult(FunnelResult result) {
        if (result == null || result.breakdown() == null) {
            getItems().clear();
            return;
        }
        // The columns follow the steps and the property that names the group column.
        List<String> columnTitles = new ArrayList<>(List.of(String.valueOf(result.breakdownProperty())));
        result.steps().forEach(s -> columnTitles.add(StepText.label(s)));
        if (!columnTitles.equals(shownColumns)) {
            shownColumns = columnTitles;
            getColumns().setAll(columns(result));
        }
        getItems().setAll(result.breakdown());
    }

    private List<TableColumn<BreakdownGroup, String>> columns(FunnelResult result) {
        TableColumn<BreakdownGroup, String> group = column(result.breakdownProperty(), BreakdownGroup::label);
        group.setPrefWidth(120);
        group.setMinWidth(80);
        List<TableColumn<BreakdownGroup, String>> columns = new ArrayList<>(List.of(group));
        for (StepResult step : result.steps()) {
            int index = step.number() - 1;
            TableColumn<BreakdownGroup, String> column = column(StepText.label(step),
                    g -> cell(g.steps().get(index)));
            column.setCellFactory(c -> new TwoLineCell<>());
            column.getStyleClass().add("number");
            // Wide enough for the step's name: a narrow window scrolls the table rather than cut a header.
            double header = new Text(column.getText()).getLayoutBounds().getWidth() * 1.15 + 24;
            column.setMinWidth(Math.max(110, header));
            column.setPrefWidth(Math.max(index == 0 ? 110 : 150, header));
            columns.add(column);
        }
        return columns;
    }

    /** Users, then (after the first step) the conversion from the first step and its interval on a second line. */
    private static String cell(StepResult step) {
        if (step.number() == 1) {
            return Numbers.count(step.users());
        }
        return Numbers.count(step.users()) + " · " + Numbers.percent(step.conversionFromFirst()) + "\n"
                + Numbers.interval(step.conversionFromFirstInterval());
    }

    private static TableColumn<BreakdownGroup, String> column(String title, Function<BreakdownGroup, String> text) {
        TableColumn<BreakdownGroup, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(text.apply(c.getValue())));
        return column;
    }
}
