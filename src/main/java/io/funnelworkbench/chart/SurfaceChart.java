package io.funnelworkbench.chart;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * What every chart shares: it draws its nodes for the size it is given, redraws only when the size or the
 * data change, and has a preferred size that exports and layouts start from.
 */
abstract class SurfaceChart extends Region implements ExportableChart {
    private final ChartSurface surface = new ChartSurface();
    private final double prefWidth;
    private final double prefHeight;

    SurfaceChart(String styleClass, double prefWidth, double prefHeight) {
        this.prefWidth = prefWidth;
        this.prefHeight = prefHeight;
        getStyleClass().add(styleClass);
    }

    /** The chart's nodes at this size. */
    abstract List<Node> draw(double width, double height);

    /** Call when what the chart shows has changed. */
    final void redrawLater() {
        surface.invalidate();
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        List<Node> drawn = surface.redraw(getWidth(), getHeight(), this::draw);
        if (drawn != null) {
            getChildren().setAll(drawn);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return prefWidth;
    }

    @Override
    protected double computePrefHeight(double width) {
        return prefHeight;
    }
}
