package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.CountingText;
import io.funnelworkbench.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * What the two drawings of a funnel share: the result and size they draw, the selected step, the headline and
 * legend on top, and the nodes and click areas they produce.
 */
abstract class FunnelLayout {
    static final double PAD = 12;
    /** What the dashed bars mean; the step names say "(optional)" too. */
    static final String OPTIONAL_LEGEND = "Optional step: who did it on the way (not needed to go on)";

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

    /**
     * The index of the required step before the step at {@code index}: optional steps are skipped, since "previous"
     * means the previous required step (FUNNEL-SEMANTICS.md, "Optional steps"). The first step is always required.
     */
    final int previousRequired(int index) {
        int previous = Math.max(0, index - 1);
        while (previous > 0 && steps.get(previous).optional()) {
            previous--;
        }
        return previous;
    }

    /** The drop-offs the chart labels: after each required step but the last, which have one. */
    final List<StepResult> droppingSteps() {
        List<StepResult> dropping = new ArrayList<>();
        for (int i = 0; i + 1 < steps.size(); i++) {
            if (!steps.get(i).optional()) {
                dropping.add(steps.get(i));
            }
        }
        return dropping;
    }

    final boolean hasOptionalSteps() {
        return steps.stream().anyMatch(StepResult::optional);
    }

    /**
     * An optional step's bar: light, in a dashed outline, apart from the solid bars of the required steps (the
     * legend says what it means); the selected one has a darker, thicker outline.
     */
    static Rectangle optionalBar(double x, double y, double width, double height, boolean selected) {
        double inset = selected ? 1 : 0.75;
        Rectangle bar = new Rectangle(x + inset, y + inset, Math.max(0, width - 2 * inset),
                Math.max(0, height - 2 * inset));
        bar.setFill(ChartStyle.OPTIONAL_FILL);
        bar.setStroke(selected ? ChartStyle.ACCENT_DARK : ChartStyle.ACCENT);
        bar.setStrokeWidth(2 * inset);
        bar.getStrokeDashArray().setAll(5.0, 3.0);
        bar.setArcWidth(4);
        bar.setArcHeight(4);
        return bar;
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
        double x = legendItem(pad, y, size, font, CountingText.reachedLegend(result),
                FunnelDrawing.bar(pad, y, size, size, ChartStyle.ACCENT), right);
        x = legendItem(x, y, size, font, "Dropped since the previous step",
                Hatching.rectangle(x, y, size, size, ChartStyle.DROP_FILL, ChartStyle.DROP_HATCH, ChartStyle.AXIS),
                right);
        if (result.largestDropOffStep() != null && result.steps().size() > 1) {
            x = legendItem(x, y, size, font, "Largest drop-off", Hatching.rectangle(x, y, size, size,
                    ChartStyle.HIGHLIGHT_FILL, ChartStyle.HIGHLIGHT, ChartStyle.HIGHLIGHT), right);
        }
        if (hasOptionalSteps()) {
            // Never left out: the dashed bars need their meaning, on a row of their own when this one is full.
            double before = x;
            x = legendItem(x, y, size, font, OPTIONAL_LEGEND, optionalBar(x, y, size, size, false), right);
            if (x == before) {
                y += TextFit.lineHeight(font) + 4;
                top += TextFit.lineHeight(font) + 4;
                legendItem(pad, y, size, font, OPTIONAL_LEGEND, optionalBar(pad, y, size, size, false),
                        Double.MAX_VALUE);
            }
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
