package io.funnelworkbench.ui.funnel;

import java.util.Locale;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;

/**
 * A line of the Breakdown drop-down: a group header (not selectable), "No breakdown", or a property name with the
 * events that carry it as a muted second line. Items are {@link BreakdownChoice#key()} strings.
 */
final class BreakdownChoiceCell extends ListCell<String> {
    static final String NO_BREAKDOWN = "No breakdown";

    private final Function<String, BreakdownChoice> choices;
    private final Label name = new Label();
    private final Label detail = new Label();
    private final VBox lines = new VBox(1, name, detail);

    BreakdownChoiceCell(Function<String, BreakdownChoice> choices) {
        this.choices = choices;
        detail.getStyleClass().add("item-detail");
    }

    @Override
    protected void updateItem(String key, boolean empty) {
        super.updateItem(key, empty);
        getStyleClass().remove("breakdown-header");
        setDisable(false);
        BreakdownChoice choice = empty || key == null ? null : choices.apply(key);
        if (empty || key == null) {
            setText(null);
            setGraphic(null);
        } else if (key.isEmpty() || choice == null) {
            setText(key.isEmpty() ? NO_BREAKDOWN : key);
            setGraphic(null);
        } else if (choice.header()) {
            getStyleClass().add("breakdown-header");
            // Disabled: a header is a caption, clicking it must not choose anything.
            setDisable(true);
            setText(choice.name().toUpperCase(Locale.ROOT));
            setGraphic(null);
        } else {
            setText(null);
            name.setText(choice.name());
            detail.setText(choice.detail());
            detail.setManaged(!choice.detail().isEmpty());
            detail.setVisible(!choice.detail().isEmpty());
            setGraphic(lines);
        }
    }
}
