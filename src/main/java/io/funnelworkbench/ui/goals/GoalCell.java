package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.text.GoalText;
import io.funnelworkbench.text.Numbers;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A goal as a row: its name over what completes it, then users, conversion with its counts and a thin rate
 * bar, and value. Rows can be dragged onto another list.
 */
final class GoalCell extends ListCell<Goal> {
    static final double USERS_WIDTH = 96;
    static final double CONVERSION_WIDTH = 190;
    static final double VALUE_WIDTH = 120;
    /** Every row has this height, so that a list can be sized to its goals. */
    static final double HEIGHT = 50;

    private final Function<Goal, GoalMetrics> metrics;
    private final BooleanSupplier computable;
    private final Label name = new Label();
    private final Label rule = new Label();
    private final Label users = new Label();
    private final Label completions = new Label();
    private final Label rate = new Label();
    private final Label rateCounts = new Label();
    private final ProgressBar rateBar = new ProgressBar(0);
    private final Label value = new Label();
    private final Label valueSource = new Label();
    private final HBox row;

    /**
     * @param metrics    a goal's metrics, or null while they are computed
     * @param computable whether they can be (not on a cluster out of reach: the panel says so in a sentence)
     */
    GoalCell(Function<Goal, GoalMetrics> metrics, BooleanSupplier computable) {
        this.metrics = metrics;
        this.computable = computable;
        name.getStyleClass().add("goal-name");
        rule.getStyleClass().addAll("text-muted", "text-small", "goal-rule");
        users.getStyleClass().add("goal-number");
        rate.getStyleClass().add("goal-number");
        value.getStyleClass().add("goal-number");
        for (Label muted : new Label[] {completions, rateCounts, valueSource}) {
            muted.getStyleClass().addAll("text-muted", "text-small");
        }
        // An empty caption takes no room, so a lone number sits level with the goal's name and rule.
        for (Label caption : new Label[] {completions, valueSource}) {
            caption.managedProperty().bind(caption.textProperty().isNotEmpty());
            caption.visibleProperty().bind(caption.managedProperty());
        }
        rateBar.getStyleClass().add("rate-bar");
        rateBar.setMaxWidth(Double.MAX_VALUE);
        VBox text = new VBox(2, name, rule);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox rateLine = new HBox(6, rate, rateCounts);
        rateLine.setAlignment(Pos.BASELINE_RIGHT);
        row = new HBox(12, text, column(USERS_WIDTH, users, completions),
                column(CONVERSION_WIDTH, rateLine, rateBar), column(VALUE_WIDTH, value, valueSource));
        row.setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("goal-cell");
        setPrefHeight(HEIGHT);
        setOnDragDetected(e -> {
            if (getItem() != null) {
                Dragboard board = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.put(DragFormats.GOAL, getItem().name());
                board.setContent(content);
                board.setDragView(snapshot(null, null));
                e.consume();
            }
        });
    }

    private static VBox column(double width, Node top, Node bottom) {
        VBox column = new VBox(3, top, bottom);
        column.setAlignment(Pos.CENTER_RIGHT);
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
        return column;
    }

    @Override
    protected void updateItem(Goal goal, boolean empty) {
        super.updateItem(goal, empty);
        if (empty || goal == null) {
            setGraphic(null);
            return;
        }
        name.setText(goal.name());
        rule.setText(GoalText.matchAndCounting(goal));
        showMetrics(goal, metrics.apply(goal));
        setGraphic(row);
    }

    /** Shows the metrics now known for this row's goal, in place: no cell is rebuilt under the user's pointer. */
    void refreshMetrics() {
        Goal goal = getItem();
        if (!isEmpty() && goal != null) {
            showMetrics(goal, metrics.apply(goal));
        }
    }

    private void showMetrics(Goal goal, GoalMetrics m) {
        valueSource.setText(GoalText.valueSource(goal));
        if (m == null) {
            users.setText("");
            value.setText("");
            rate.setText(computable.getAsBoolean() ? "computing…" : "");
            completions.setText("");
            rateCounts.setText("");
            rateBar.setProgress(0);
            return;
        }
        users.setText(Numbers.count(m.users()));
        completions.setText(GoalText.completions(m));
        rate.setText(Numbers.percent(m.conversionRate()));
        rateCounts.setText(GoalText.convertedOf(m));
        rateBar.setProgress(m.conversionRate());
        value.setText(goal.value().isNone() ? Numbers.NONE : Numbers.money(m.value()));
        setAccessibleText(goal.name() + ", " + GoalText.conversion(m));
    }
}
