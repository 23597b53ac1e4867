package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelStep;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A funnel step: its number, name, whether it is a goal or an event, an "Optional" toggle and a remove button. The
 * toggle is disabled where the step must stay required; its tooltip (on a wrapper, since a disabled control shows
 * none) says why.
 */
final class StepCell extends ListCell<FunnelStep> {
    static final String OPTIONAL_HINT = "Optional: counts who did it on the way; nobody needs it to go on.";

    private final Label number = new Label();
    private final Label name = new Label();
    private final Label kind = new Label();
    private final ToggleButton optional = new ToggleButton("Optional");
    private final StackPane optionalArea = new StackPane(optional);
    private final Tooltip optionalTip = new Tooltip();
    private final Button remove = new Button(null, new FontIcon("fth-x"));
    private final IntFunction<String> optionalRefusal;
    private final HBox row;

    /**
     * {@code onToggleOptional} gets the step's index when the toggle is pressed; {@code optionalRefusal} says why the
     * step at an index cannot be optional, or null when it can.
     */
    StepCell(StepDragAndDrop dragAndDrop, IntConsumer onRemove, IntConsumer onToggleOptional,
             IntFunction<String> optionalRefusal) {
        this.optionalRefusal = optionalRefusal;
        number.getStyleClass().add("step-number");
        kind.getStyleClass().add("item-detail");
        optional.getStyleClass().addAll("small", "step-optional");
        optional.setFocusTraversable(false);
        optional.setMinWidth(Region.USE_PREF_SIZE);
        optional.setOnAction(e -> onToggleOptional.accept(getIndex()));
        optionalArea.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip.install(optionalArea, optionalTip);
        remove.getStyleClass().add("step-remove");
        remove.setTooltip(new Tooltip("Remove this step"));
        remove.setFocusTraversable(false);
        remove.setOnAction(e -> onRemove.accept(getIndex()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        row = new HBox(10, number, new VBox(1, name, kind), spacer, optionalArea, remove);
        row.setStyle("-fx-alignment: center-left;");
        // As wide as the list, never wider: a long name is shortened rather than the list scrolling sideways.
        setPrefWidth(0);
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
        kind.setText((step.kind() == FunnelStep.Kind.GOAL ? "goal" : "event") + (step.optional() ? " · optional" : ""));
        showOptional(step);
        setGraphic(row);
    }

    @Override
    public void updateIndex(int index) {
        super.updateIndex(index);
        number.setText(Integer.toString(index + 1));
        if (getItem() != null && !isEmpty()) {
            showOptional(getItem()); // the first and last steps change as steps are added, moved and removed
        }
    }

    /** The toggle's state; a required step that must stay so has it disabled, the reason in the tooltip. */
    private void showOptional(FunnelStep step) {
        String refusal = step.optional() || getIndex() < 0 ? null : optionalRefusal.apply(getIndex());
        optional.setSelected(step.optional());
        optional.setDisable(refusal != null);
        optionalTip.setText(refusal != null ? refusal : OPTIONAL_HINT);
    }
}
