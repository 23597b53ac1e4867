package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.text.GoalText;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** An event name with its counts, draggable onto a goal list. */
final class EventCell extends ListCell<EventCount> {
    private final Label name = new Label();
    private final Label counts = new Label();
    private final HBox box;

    EventCell() {
        name.getStyleClass().add("event-name");
        counts.getStyleClass().addAll("text-muted", "text-small");
        FontIcon grip = new FontIcon("fth-more-vertical");
        grip.getStyleClass().add("grip");
        VBox text = new VBox(1, name, counts);
        HBox.setHgrow(text, Priority.ALWAYS);
        box = new HBox(8, grip, text);
        box.setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("event-cell");
        setOnDragDetected(e -> {
            if (getItem() != null) {
                Dragboard board = startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.put(DragFormats.EVENT, getItem().name());
                content.putString(getItem().name());
                board.setContent(content);
                board.setDragView(snapshot(null, null));
                e.consume();
            }
        });
    }

    @Override
    protected void updateItem(EventCount event, boolean empty) {
        super.updateItem(event, empty);
        if (empty || event == null) {
            setGraphic(null);
            setTooltip(null);
            setCursor(Cursor.DEFAULT);
            return;
        }
        name.setText(event.name());
        counts.setText(GoalText.eventCounts(event.events(), event.users()));
        setTooltip(new Tooltip("Drag onto Macro or Micro goals to make “" + event.name() + "” a goal"));
        setCursor(Cursor.OPEN_HAND);
        setGraphic(box);
    }
}
