package io.funnelworkbench.ui.goals;

import javafx.scene.input.DataFormat;

/** What the Goals screen drags: an event name from the events list, or a goal's name from a goal list. */
final class DragFormats {
    static final DataFormat EVENT = format("application/x-funnel-workbench-event");
    static final DataFormat GOAL = format("application/x-funnel-workbench-goal");

    private DragFormats() {
    }

    /** A data format may only be created once per JVM; another screen may have made it first. */
    private static DataFormat format(String mime) {
        DataFormat existing = DataFormat.lookupMimeType(mime);
        return existing != null ? existing : new DataFormat(mime);
    }
}
