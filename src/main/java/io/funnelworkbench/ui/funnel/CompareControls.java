package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.ui.Labels;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;

/** Binds the Rules grid's "Compare to" row to the {@link ComparisonViewModel}: the list, and the range's days. */
final class CompareControls {
    private CompareControls() {
    }

    /** The two date pickers (in {@code dates}) show only for a chosen range. */
    static void bind(ComparisonViewModel model, ComboBox<CompareChoice.Kind> choice, Node dates, DatePicker from,
                     DatePicker to) {
        choice.getItems().setAll(CompareChoice.Kind.values());
        choice.setConverter(Labels.of(CompareChoice.Kind::label));
        choice.valueProperty().bindBidirectional(model.kindProperty());
        from.valueProperty().bindBidirectional(model.fromProperty());
        to.valueProperty().bindBidirectional(model.toProperty());
        dates.visibleProperty().bind(model.kindProperty().isEqualTo(CompareChoice.Kind.RANGE));
        dates.managedProperty().bind(dates.visibleProperty());
    }
}
