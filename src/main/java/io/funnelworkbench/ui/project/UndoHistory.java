package io.funnelworkbench.ui.project;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Undo and redo for goal and funnel edits: each edit knows how to take itself back and do itself again. */
public final class UndoHistory {
    private static final int LIMIT = 200;

    /** One user action; {@code undo} and {@code redo} run on the FX thread. */
    public record Edit(String label, Runnable undo, Runnable redo) {
    }

    private final Deque<Edit> done = new ArrayDeque<>();
    private final Deque<Edit> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("Redo");

    /** Records an edit that has just been done; it clears what could be redone. */
    public void record(Edit edit) {
        done.push(edit);
        if (done.size() > LIMIT) {
            done.removeLast();
        }
        undone.clear();
        update();
    }

    public void undo() {
        if (!done.isEmpty()) {
            Edit edit = done.pop();
            edit.undo().run();
            undone.push(edit);
            update();
        }
    }

    public void redo() {
        if (!undone.isEmpty()) {
            Edit edit = undone.pop();
            edit.redo().run();
            done.push(edit);
            update();
        }
    }

    public void clear() {
        done.clear();
        undone.clear();
        update();
    }

    private void update() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        undoLabel.set(done.isEmpty() ? "Undo" : "Undo " + done.peek().label());
        redoLabel.set(undone.isEmpty() ? "Redo" : "Redo " + undone.peek().label());
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }
}
