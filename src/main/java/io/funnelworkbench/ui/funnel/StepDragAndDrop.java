package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelStep;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Drag and drop of funnel steps: palette items are copied into the steps at the insertion line, steps are
 * moved within the list, and a step dropped anywhere else on the screen is removed.
 */
final class StepDragAndDrop {
    /** A palette item: "GOAL:name" or "EVENT:name". */
    static final DataFormat NEW_STEP = new DataFormat("application/x-funnelworkbench-new-step");
    /** A step of the list, by index. */
    static final DataFormat MOVED_STEP = new DataFormat("application/x-funnelworkbench-moved-step");

    private final FunnelBuilderViewModel model;
    private final ListView<FunnelStep> stepsList;
    private ListCell<FunnelStep> indicated;

    StepDragAndDrop(FunnelBuilderViewModel model, ListView<FunnelStep> stepsList) {
        this.model = model;
        this.stepsList = stepsList;
    }

    static void startPaletteDrag(ListCell<PaletteItem> cell) {
        PaletteItem item = cell.getItem();
        if (item == null || item.isHeader()) {
            return;
        }
        Dragboard board = cell.startDragAndDrop(TransferMode.COPY);
        ClipboardContent content = new ClipboardContent();
        content.put(NEW_STEP, item.step().kind() + ":" + item.step().name());
        content.putString(item.step().name());
        board.setDragView(cell.snapshot(null, null));
        board.setContent(content);
    }

    void startStepDrag(ListCell<FunnelStep> cell) {
        if (cell.isEmpty()) {
            return;
        }
        Dragboard board = cell.startDragAndDrop(TransferMode.MOVE);
        ClipboardContent content = new ClipboardContent();
        content.put(MOVED_STEP, Integer.toString(cell.getIndex()));
        content.putString(cell.getItem().name());
        board.setDragView(cell.snapshot(null, null));
        board.setContent(content);
    }

    /** Step cells show a line where the dragged item would land and take the drop. */
    void attachToCell(ListCell<FunnelStep> cell) {
        cell.setOnDragDetected(e -> startStepDrag(cell));
        cell.setOnDragOver(e -> {
            if (accepts(e)) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                indicate(cell, insertionIndex(cell, e));
                e.consume();
            }
        });
        cell.setOnDragExited(e -> clearIndicator());
        cell.setOnDragDropped(e -> {
            e.setDropCompleted(drop(e.getDragboard(), insertionIndex(cell, e)));
            clearIndicator();
            e.consume();
        });
    }

    /** The list itself takes drops below the last step or on the empty placeholder. */
    void attachToList() {
        stepsList.setOnDragOver(e -> {
            if (accepts(e)) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                stepsList.getStyleClass().remove("drop-into");
                stepsList.getStyleClass().add("drop-into");
                e.consume();
            }
        });
        stepsList.setOnDragExited(e -> stepsList.getStyleClass().remove("drop-into"));
        stepsList.setOnDragDropped(e -> {
            e.setDropCompleted(drop(e.getDragboard(), model.steps().size()));
            stepsList.getStyleClass().remove("drop-into");
            e.consume();
        });
    }

    /** Anywhere outside the list, a dragged step is dropped out of the funnel. */
    void attachRemovalArea(Node area) {
        area.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasContent(MOVED_STEP)) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
        });
        area.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (e.getDragboard().hasContent(MOVED_STEP) && !e.isConsumed()) {
                model.removeStep(Integer.parseInt((String) e.getDragboard().getContent(MOVED_STEP)));
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    private static boolean accepts(DragEvent e) {
        return e.getDragboard().hasContent(NEW_STEP) || e.getDragboard().hasContent(MOVED_STEP);
    }

    /** Above the middle of a step inserts before it, below inserts after; empty rows append. */
    private int insertionIndex(ListCell<FunnelStep> cell, DragEvent e) {
        if (cell.isEmpty()) {
            return model.steps().size();
        }
        return e.getY() < cell.getHeight() / 2 ? cell.getIndex() : cell.getIndex() + 1;
    }

    private boolean drop(Dragboard board, int index) {
        if (board.hasContent(NEW_STEP)) {
            String[] parts = ((String) board.getContent(NEW_STEP)).split(":", 2);
            FunnelStep step = new FunnelStep(FunnelStep.Kind.valueOf(parts[0]), parts[1]);
            model.insertStep(index, step);
            stepsList.getSelectionModel().clearAndSelect(Math.min(index, model.steps().size() - 1));
            return true;
        }
        if (board.hasContent(MOVED_STEP)) {
            model.moveStep(Integer.parseInt((String) board.getContent(MOVED_STEP)), index);
            return true;
        }
        return false;
    }

    private void indicate(ListCell<FunnelStep> cell, int index) {
        clearIndicator();
        if (cell.isEmpty()) {
            return;
        }
        indicated = cell;
        cell.getStyleClass().add(index == cell.getIndex() ? "drop-before" : "drop-after");
    }

    private void clearIndicator() {
        if (indicated != null) {
            indicated.getStyleClass().removeAll("drop-before", "drop-after");
            indicated = null;
        }
    }
}
