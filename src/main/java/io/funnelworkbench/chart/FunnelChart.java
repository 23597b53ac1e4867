package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.layout.Region;

/**
 * The funnel chart: a column per step with its users and conversion from the first step, the users lost
 * since the previous step drawn as a hatched band and labelled (count, % and % continued), the largest
 * drop-off in amber, and a headline naming the largest drop-off and the slowest step; or the same numbers as a
 * classic narrowing funnel ({@link FunnelShape}). Clicking a step selects it.
 */
public final class FunnelChart extends SurfaceChart {
    private final IntegerProperty selectedStep = new SimpleIntegerProperty(this, "selectedStep", 0);
    private final BooleanProperty headlineVisible = new SimpleBooleanProperty(this, "headlineVisible", true);
    private final ObjectProperty<FunnelShape> funnelShape =
            new SimpleObjectProperty<>(this, "funnelShape", FunnelShape.COLUMNS);
    private FunnelResult result;
    private IntConsumer onStepClicked = step -> { };

    public FunnelChart() {
        super("funnel-chart", 720, 400);
        selectedStep.addListener((obs, old, now) -> redrawLater());
        headlineVisible.addListener((obs, old, now) -> redrawLater());
        funnelShape.addListener((obs, old, now) -> redrawLater());
    }

    /** Shows a result; null clears the chart to its "No steps yet" placeholder. */
    public void setResult(FunnelResult result) {
        this.result = result;
        redrawLater();
    }

    public FunnelResult getResult() {
        return result;
    }

    /** Called with the 1-based step number when a column is clicked. */
    public void setOnStepClicked(IntConsumer handler) {
        onStepClicked = handler == null ? step -> { } : handler;
    }

    /** The highlighted step, 0 for none. */
    public IntegerProperty selectedStepProperty() {
        return selectedStep;
    }

    /** Whether the "Largest drop-off … · Slowest step …" line is shown above the bars (default true). */
    public BooleanProperty headlineVisibleProperty() {
        return headlineVisible;
    }

    /** Columns over a percentage axis (the default) or the classic narrowing funnel. */
    public ObjectProperty<FunnelShape> funnelShapeProperty() {
        return funnelShape;
    }

    @Override
    public Region copyForExport() {
        FunnelChart copy = new FunnelChart();
        copy.headlineVisible.set(headlineVisible.get());
        copy.funnelShape.set(funnelShape.get());
        copy.setResult(result);
        return copy;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 120;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 120;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (result == null || result.steps().isEmpty()) {
            return List.of(ChartSurface.placeholder("No steps yet", width, height));
        }
        FunnelLayout drawing = funnelShape.get() == FunnelShape.FUNNEL
                ? new FunnelShapeDrawing(result, width, height, selectedStep.get(), headlineVisible.get())
                : new FunnelDrawing(result, width, height, selectedStep.get(), headlineVisible.get());
        drawing.draw();
        List<Node> nodes = new ArrayList<>(drawing.nodes());
        drawing.columns().forEach(column -> nodes.add(hitArea(column)));
        return nodes;
    }

    /** An invisible rectangle over a column that takes its clicks, so thin bars are easy to hit. */
    private Node hitArea(FunnelLayout.Column column) {
        Rectangle area = new Rectangle(column.x(), column.y(), column.width(), column.height());
        area.setFill(Color.TRANSPARENT);
        area.setCursor(Cursor.HAND);
        area.getProperties().put("step", column.step());
        area.setOnMouseClicked(event -> {
            selectedStep.set(column.step());
            onStepClicked.accept(column.step());
        });
        return area;
    }
}
