package io.funnelworkbench.chart;

import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The charts' palette and fonts; numbers are written by {@code text.Numbers}. Colours differ in lightness as well
 * as hue, so a chart printed in greyscale still separates bars, drop-off and highlight (which also carry hatching
 * and labels).
 */
final class ChartStyle {
    static final Color ACCENT = Color.web("#2f6fb3");
    static final Color ACCENT_DARK = Color.web("#1d4f86");
    static final Color HIGHLIGHT = Color.web("#e69f00");
    static final Color HIGHLIGHT_TEXT = Color.web("#8a5a00");
    static final Color HIGHLIGHT_FILL = Color.web("#fbe7bd");
    /** An optional step's bar: a light fill in a dashed accent outline (see {@link #optionalBar}). */
    static final Color OPTIONAL_FILL = Color.web("#dbe6f3");
    static final Color DROP_FILL = Color.web("#eceff3");
    static final Color DROP_HATCH = Color.web("#c3c9d1");
    /** The compared period's bars beside the funnel's own (accent): lighter, so greyscale tells them apart. */
    static final Color COMPARED = Color.web("#93a8bf");
    static final Color TEXT = Color.web("#1f2328");
    static final Color TEXT_MUTED = Color.web("#59636e");
    static final Color TEXT_FAINT = Color.web("#8c959f");
    static final Color GRID = Color.web("#e4e7eb");
    static final Color AXIS = Color.web("#b6bec7");
    static final Color BACKGROUND = Color.WHITE;
    static final String FAMILY = "System";
    static final double MIN_FONT = 9;

    /** Breakdown groups: Okabe-Ito hues ordered so neighbours alternate between dark and light. */
    static final List<Color> SERIES = List.of(Color.web("#2f6fb3"), Color.web("#e69f00"), Color.web("#009e73"),
            Color.web("#56b4e9"), Color.web("#d55e00"), Color.web("#6e7781"), Color.web("#cc79a7"),
            Color.web("#1f2328"));

    private ChartStyle() {
    }

    static Font regular(double size) {
        return Font.font(FAMILY, FontWeight.NORMAL, size);
    }

    static Font bold(double size) {
        return Font.font(FAMILY, FontWeight.BOLD, size);
    }

}
