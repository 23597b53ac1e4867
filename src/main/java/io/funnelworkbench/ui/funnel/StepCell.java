package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelStep;
import java.util.function.IntConsumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** A funnel step: its number, name, whether it is a goal or an event, and a remove button. */
final class StepCell extends ListCell<FunnelStep> {
    private final Label number = new Label();
    private final Label name = new Label();
    private final Label kind = new Label();
    private final Button remove = new Button(null, new FontIcon("fth-x"));
    private final HBox row;

    StepCell(StepDragAndDrop dragAndDrop, IntConsumer onRemove) {
        number.getStyleClass().add("step-number");
        kind.getStyleClass().add("item-detail");
        remove.getStyleClass().add("step-remove");
        remove.setTooltip(new Tooltip("Remove this step"));
        remove.setFocusTraversable(false);
        remove.setOnAction(e -> onRemove.accept(getIndex()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        row = new HBox(10, number, new VBox(1, name, kind), spacer, remove);
        row.setStyle("-fx-alignment: center-left;");
        dragAndDrop.attachToCell(this);
    }

    @Override
    protected void updateItem(FunnelStep step, boolean empty) {
        super.updateItem(step, empty);
        if (empty || step == null) {
            setGraphic(null);
            return;
        }
        number.setText(Integer.toString(getIndex() + 1));
        name.setText(step.name());
        kind.setText(step.kind() == FunnelStep.Kind.GOAL ? "goal" : "event");
        setGraphic(row);
    }

    @Override
    public void updateIndex(int index) {
        super.updateIndex(index);
        number.setText(Integer.toString(index + 1));
    }
}
