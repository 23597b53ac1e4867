package io.funnelworkbench.chart;

import java.util.List;
import java.util.function.BiFunction;
import javafx.scene.Node;

/**
 * Redraws a chart's nodes only when its size or data changed, so a layout pass that changes nothing costs
 * nothing and rebuilding the children inside {@code layoutChildren} cannot loop.
 */
final class ChartSurface {
    private double drawnWidth = -1;
    private double drawnHeight = -1;
    private boolean stale = true;

    void invalidate() {
        stale = true;
    }

    /** The new children when a redraw is due, else null. */
    List<Node> redraw(double width, double height, BiFunction<Double, Double, List<Node>> draw) {
        if (!stale && width == drawnWidth && height == drawnHeight) {
            return null;
        }
        stale = false;
        drawnWidth = width;
        drawnHeight = height;
        return draw.apply(width, height);
    }

    static Node placeholder(String message, double width, double height) {
        var font = ChartStyle.regular(14);
        return TextFit.centered(message, font, ChartStyle.TEXT_FAINT, width / 2,
                height / 2 - TextFit.lineHeight(font) / 2);
    }
}
