package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Font;

/**
 * What the two drawings of a funnel share: the result and size they draw, the selected step, the headline and
 * legend on top, and the nodes and click areas they produce.
 */
abstract class FunnelLayout {
    static final double PAD = 12;

    /** One clickable step: its number and the area it covers. */
    record Column(int step, double x, double y, double width, double height) {
    }

    final FunnelResult result;
    final List<StepResult> steps;
    final double width;
    final double height;
    final int selectedStep;
    final List<Node> nodes = new ArrayList<>();
    final List<Column> columns = new ArrayList<>();
    private final boolean headline;

    FunnelLayout(FunnelResult result, double width, double height, int selectedStep, boolean headline) {
        this.result = result;
        this.steps = result.steps();
        this.width = width;
        this.height = height;
        this.selectedStep = selectedStep;
        this.headline = headline;
    }

    /** Lays out the chart into {@link #nodes()} and {@link #columns()}. */
    abstract FunnelLayout draw();

    List<Node> nodes() {
        return nodes;
    }

    List<Column> columns() {
        return columns;
    }

    /** Draws the headline (when shown) and the legend; returns where the steps may start. */
    final double drawTop() {
        double top = PAD;
        if (headline) {
            top = HeadlineDrawing.draw(nodes, result, width, top, PAD);
        }
        return drawLegend(top);
    }

    /** The drop-off after {@code previous} in two lines: "−14,607 (89.3%)" and "10.7% continued". */
    static List<String> dropLines(StepResult previous, boolean compactCount) {
        String lost = "−" + (compactCount ? Numbers.compactCount(previous.dropped())
                : Numbers.count(previous.dropped()));
        return List.of(lost + " (" + Numbers.percent(previous.dropOffRate()) + ")",
                Numbers.percent(1 - previous.dropOffRate()) + " continued");
    }

    final boolean isLargestDropOff(StepResult previous) {
        Integer largest = result.largestDropOffStep();
        return largest != null && largest == previous.number();
    }

    /** The legend of both funnel shapes: reached, dropped, and (when there is one) the largest drop-off. */
    private double drawLegend(double top) {
        double pad = PAD;
        Font font = ChartStyle.regular(11);
        double size = 10;
        double y = top + 2;
        double right = width - pad;
        double x = legendItem(pad, y, size, font, "Users who reached the step",
                FunnelDrawing.bar(pad, y, size, size, ChartStyle.ACCENT), right);
        x = legendItem(x, y, size, font, "Dropped since the previous step",
                Hatching.rectangle(x, y, size, size, ChartStyle.DROP_FILL, ChartStyle.DROP_HATCH, ChartStyle.AXIS),
                right);
        if (result.largestDropOffStep() != null && result.steps().size() > 1) {
            legendItem(x, y, size, font, "Largest drop-off", Hatching.rectangle(x, y, size, size,
                    ChartStyle.HIGHLIGHT_FILL, ChartStyle.HIGHLIGHT, ChartStyle.HIGHLIGHT), right);
        }
        return top + TextFit.lineHeight(font) + 18;
    }

    /** Adds a swatch and its label if they fit on the row; returns where the next item starts. */
    private double legendItem(double x, double y, double size, Font font, String label,
                                     Node swatch, double right) {
        double labelWidth = TextFit.width(label, font);
        if (x + size + 6 + labelWidth > right) {
            return x;
        }
        nodes.add(swatch);
        nodes.add(TextFit.text(label, font, ChartStyle.TEXT_MUTED, x + size + 6, y - 2));
        return x + size + 6 + labelWidth + 18;
    }
}
