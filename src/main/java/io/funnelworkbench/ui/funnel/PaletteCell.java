package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelStep;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** A palette row: a group header, or a goal or event with its detail line; drag it or double-click it. */
final class PaletteCell extends ListCell<PaletteItem> {
    private final Label name = new Label();
    private final Label detail = new Label();
    private final FontIcon icon = new FontIcon();
    private final HBox row = new HBox(8, icon, new VBox(1, name, detail));

    PaletteCell(Consumer<FunnelStep> onDoubleClick) {
        detail.getStyleClass().add("item-detail");
        // Long details ("watch_demo_video (with conditions)") wrap rather than end in an ellipsis.
        name.setWrapText(true);
        detail.setWrapText(true);
        // Wrapping needs a width to wrap at: the cell's, less the icon and the padding.
        name.prefWidthProperty().bind(widthProperty().subtract(48));
        detail.prefWidthProperty().bind(widthProperty().subtract(48));
        name.setMinHeight(Region.USE_PREF_SIZE);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        // A zero preferred width keeps long names from giving the palette a horizontal scroll bar.
        setPrefWidth(0);
        row.setStyle("-fx-alignment: center-left;");
        setOnDragDetected(e -> StepDragAndDrop.startPaletteDrag(this));
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && getItem() != null && !getItem().isHeader()) {
                onDoubleClick.accept(getItem().step());
            }
        });
    }

    @Override
    protected void updateItem(PaletteItem item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().remove("palette-header");
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
        } else if (item.isHeader()) {
            getStyleClass().add("palette-header");
            setText(item.group().title().toUpperCase(Locale.ROOT));
            setGraphic(null);
        } else {
            setText(null);
            name.setText(item.name());
            detail.setText(item.detail());
            icon.setIconLiteral(iconFor(item.group()));
            setGraphic(row);
        }
    }

    static String iconFor(PaletteItem.Group group) {
        return switch (group) {
            case MACRO -> "fth-award";
            case MICRO -> "fth-flag";
            case EVENT -> "fth-activity";
        };
    }
}
