package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelStep;

/**
 * A row of the palette: a group header ({@code step} null) or a goal or event that can become a step, with a
 * muted detail line (what completes the goal, or how many users did the event).
 */
public record PaletteItem(Group group, FunnelStep step, String detail) {
    public enum Group {
        MACRO("Macro goals"), MICRO("Micro goals"), EVENT("Events");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public static PaletteItem header(Group group) {
        return new PaletteItem(group, null, "");
    }

    public boolean isHeader() {
        return step == null;
    }

    public String name() {
        return isHeader() ? group.title() : step.name();
    }
}
