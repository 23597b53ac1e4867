package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.EventCount;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One event name the goal editor offers, with its counts and whether the goal matches it. */
public final class EventChoice {
    private final EventCount count;
    private final BooleanProperty selected = new SimpleBooleanProperty(false);

    public EventChoice(EventCount count) {
        this.count = count;
    }

    public String name() {
        return count.name();
    }

    public EventCount count() {
        return count;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }
}
