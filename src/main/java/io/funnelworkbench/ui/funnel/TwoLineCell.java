package io.funnelworkbench.ui.funnel;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.VBox;

/**
 * A number over a muted second line (its interval or rate), right-aligned, so columns stay narrow. The text is
 * the two lines joined by a newline; without one, the second line takes no room.
 */
final class TwoLineCell<S> extends TableCell<S, String> {
    private final Label main = new Label();
    private final Label detail = new Label();
    private final VBox lines = new VBox(0, main, detail);

    TwoLineCell() {
        this(Pos.CENTER_RIGHT);
    }

    /** Lines aligned as {@code alignment} says: a step's name and its "optional" mark sit on the left. */
    TwoLineCell(Pos alignment) {
        detail.getStyleClass().add("interval");
        lines.setAlignment(alignment);
    }

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        if (empty || text == null) {
            setGraphic(null);
            return;
        }
        String[] parts = text.split("\n", 2);
        main.setText(parts[0]);
        detail.setText(parts.length > 1 ? parts[1] : "");
        detail.setVisible(parts.length > 1);
        detail.setManaged(parts.length > 1);
        setGraphic(lines);
    }
}
