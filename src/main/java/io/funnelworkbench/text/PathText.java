package io.funnelworkbench.text;

import io.funnelworkbench.model.PathKind;
import java.util.List;

/** How a path of events is named in tables and charts ("search → view_item", "No further events"). */
public final class PathText {
    public static final String OTHER_PATHS = "Other paths";

    private PathText() {
    }

    /** The events joined by arrows; an empty path is "No further events" (after drop-off) or "Went on directly". */
    public static String label(List<String> events, PathKind kind) {
        if (events.isEmpty()) {
            return kind == PathKind.AFTER_DROP_OFF ? "No further events" : "Went on directly";
        }
        return String.join(" → ", events);
    }
}
