package io.funnelworkbench.chart;

import io.funnelworkbench.model.Durations;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The charts' palette, fonts and number formats. Colours differ in lightness as well as hue, so a chart
 * printed in greyscale still separates bars, drop-off and highlight (which also carry hatching and labels).
 */
final class ChartStyle {
    static final Color ACCENT = Color.web("#2f6fb3");
    static final Color ACCENT_DARK = Color.web("#1d4f86");
    static final Color HIGHLIGHT = Color.web("#e69f00");
    static final Color HIGHLIGHT_TEXT = Color.web("#8a5a00");
    static final Color HIGHLIGHT_FILL = Color.web("#fbe7bd");
    static final Color DROP_FILL = Color.web("#eceff3");
    static final Color DROP_HATCH = Color.web("#c3c9d1");
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

    /** Whole numbers with thousands separators (1,234,567), the same on every machine. */
    static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    /** Short counts for narrow labels: 12.3k, 4.5M. */
    static String compactCount(long value) {
        if (Math.abs(value) < 10_000) {
            return count(value);
        }
        if (Math.abs(value) < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1_000.0).replace(".0k", "k");
        }
        return String.format(Locale.ROOT, "%.1fM", value / 1_000_000.0).replace(".0M", "M");
    }

    /** A rate as a percentage with one decimal; only an exact 100% reads "100%" (99.97% stays "99.9%"). */
    static String percent(double rate) {
        double value = rate * 100;
        if (value == 100) {
            return "100%";
        }
        if (value > 99.95 && value < 100) {
            return "99.9%";
        }
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A duration in seconds the way people say it: 45 s, 12 min, 3.5 h, 2.1 days. */
    static String duration(double seconds) {
        return Durations.describe(seconds);
    }

    /** A bin edge in the shortest unit that is whole: 0, 1m, 15m, 3h, 1d, 30d. */
    static String edge(double seconds) {
        long s = Math.round(seconds);
        if (s == 0) {
            return "0";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
