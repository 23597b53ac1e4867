package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.ui.Labels;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Asks which event or goal must not happen between which two steps. */
final class ExclusionDialog {
    private ExclusionDialog() {
    }

    static Optional<Exclusion> ask(Window owner, List<FunnelStep> candidates, List<FunnelStep> steps) {
        Dialog<Exclusion> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add exclusion");
        dialog.setHeaderText("Leave out users who do this between two steps");
        ComboBox<FunnelStep> what = new ComboBox<>();
        what.getItems().setAll(candidates);
        what.setConverter(stepNames());
        what.getSelectionModel().selectFirst();
        ComboBox<Integer> from = stepChoice(steps, 0);
        ComboBox<Integer> to = stepChoice(steps, 1);
        CheckBox dropFromThere = new CheckBox("Drop from that point (count the user up to the first step)");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Event or goal"), what);
        grid.addRow(1, new Label("After step"), from);
        grid.addRow(2, new Label("Before step"), to);
        grid.add(dropFromThere, 0, 3, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                what.valueProperty().isNull().or(Bindings.createBooleanBinding(
                        () -> from.getValue() == null || to.getValue() == null || from.getValue() >= to.getValue(),
                        from.valueProperty(), to.valueProperty())));
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new Exclusion(what.getValue(), from.getValue(), to.getValue(), dropFromThere.isSelected()) : null);
        return dialog.showAndWait();
    }

    private static ComboBox<Integer> stepChoice(List<FunnelStep> steps, int selected) {
        ComboBox<Integer> choice = new ComboBox<>();
        choice.getItems().setAll(IntStream.rangeClosed(1, steps.size()).boxed().toList());
        choice.setConverter(Labels.of(number -> number + ". " + steps.get(number - 1).name()));
        choice.getSelectionModel().select(Math.min(selected, steps.size() - 1));
        return choice;
    }

    static StringConverter<FunnelStep> stepNames() {
        return Labels.of(step -> step.name() + (step.kind() == FunnelStep.Kind.GOAL ? "  (goal)" : ""));
    }
}
