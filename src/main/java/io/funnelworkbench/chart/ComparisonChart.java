package io.funnelworkbench.chart;

import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepDifference;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.StepText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * A funnel over two periods side by side: per step a bar of the funnel's own period (accent) and one of the
 * compared period (lighter), each with its conversion from step 1 and its users above it, and above each pair
 * from step 2 on the difference in percentage points. A legend names both periods. Clicking a step selects it.
 */
public final class ComparisonChart extends SurfaceChart {
    private static final double PAD = FunnelLayout.PAD;
    private static final double GAP = 4;
    private static final double SWATCH = 10;
    /** Between the two bars of a step, so their labels never touch. */
    private static final double PAIR_GAP = 6;
    private static final Font LEGEND_FONT = ChartStyle.regular(11);
    private static final Font DIFFERENCE_FONT = ChartStyle.bold(11);

    private FunnelResult current;
    private Comparison comparison;
    private String currentLabel = "";
    private String comparedLabel = "";
    private IntConsumer onStepClicked = step -> { };

    public ComparisonChart() {
        super("comparison-chart", 720, 400);
    }

    /**
     * Shows {@code current} beside {@code comparison}'s funnel, the legend naming them {@code currentLabel} and
     * {@code comparedLabel}; a null result or comparison clears the chart.
     */
    public void setComparison(FunnelResult current, Comparison comparison, String currentLabel,
                              String comparedLabel) {
        this.current = current;
        this.comparison = comparison;
        this.currentLabel = currentLabel;
        this.comparedLabel = comparedLabel;
        redrawLater();
    }

    public FunnelResult getResult() {
        return current;
    }

    public Comparison getComparison() {
        return comparison;
    }

    /** Called with the 1-based step number when a pair of bars is clicked. */
    public void setOnStepClicked(IntConsumer handler) {
        onStepClicked = handler == null ? step -> { } : handler;
    }

    @Override
    public Region copyForExport() {
        ComparisonChart copy = new ComparisonChart();
        copy.setComparison(current, comparison, currentLabel, comparedLabel);
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
        if (current == null || comparison == null || current.steps().isEmpty()) {
            return List.of(ChartSurface.placeholder("No comparison yet", width, height));
        }
        return new Drawing(width, height).draw();
    }

    /** One layout of the chart at one size. */
    private final class Drawing {
        private final double width;
        private final double height;
        private final List<StepResult> steps = current.steps();
        private final List<StepResult> compared = comparison.result().steps();
        private final List<Node> nodes = new ArrayList<>();
        private double slot;
        private double barWidth;
        private Font rateFont;
        private Font usersFont;
        private boolean compact;

        Drawing(double width, double height) {
            this.width = width;
            this.height = height;
        }

        List<Node> draw() {
            double top = drawLegend(PAD);
            double left = PAD + PercentAxis.labelWidth();
            slot = (width - PAD - left) / steps.size();
            barWidth = Math.min(slot * 0.36, 110);
            chooseFonts();
            CategoryLabels names = CategoryLabels.fit(steps.stream().map(StepText::label).toList(), slot);
            double baseline = height - PAD - names.height() - 8;
            double headroom = labelHeight() + GAP + TextFit.lineHeight(DIFFERENCE_FONT) + GAP;
            double barSpace = Math.max(0, baseline - top - headroom);
            new PercentAxis(1, 0.25).draw(nodes, left, width - PAD, baseline, barSpace);
            for (int i = 0; i < steps.size(); i++) {
                drawStep(i, left + i * slot, baseline, barSpace, names);
            }
            return nodes;
        }

        /** Both periods' swatches and names, on one row when they fit, else on two; returns where bars may start. */
        private double drawLegend(double top) {
            double y = top + 2;
            double afterFirst = legendItem(PAD, y, ChartStyle.ACCENT, currentLabel);
            double secondWidth = SWATCH + 6 + TextFit.width(comparedLabel, LEGEND_FONT);
            boolean sameRow = afterFirst + secondWidth <= width - PAD;
            double rowHeight = TextFit.lineHeight(LEGEND_FONT) + 4;
            legendItem(sameRow ? afterFirst : PAD, sameRow ? y : y + rowHeight, ChartStyle.COMPARED, comparedLabel);
            return top + (sameRow ? 1 : 2) * rowHeight + 14;
        }

        private double legendItem(double x, double y, Color colour, String label) {
            nodes.add(FunnelDrawing.bar(x, y, SWATCH, SWATCH, colour));
            String shown = TextFit.ellipsize(label, LEGEND_FONT, Math.max(0, width - PAD - x - SWATCH - 6));
            nodes.add(TextFit.text(shown, LEGEND_FONT, ChartStyle.TEXT_MUTED, x + SWATCH + 6, y - 2));
            return x + SWATCH + 6 + TextFit.width(shown, LEGEND_FONT) + 18;
        }

        /** Rates as large as fit a bar's width; users compact when even the smallest font is too wide. */
        private void chooseFonts() {
            double room = barWidth;
            List<String> rates = new ArrayList<>();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                rates.add(Numbers.percent(steps.get(i).conversionFromFirst()));
                rates.add(Numbers.percent(compared.get(i).conversionFromFirst()));
                users.add(Numbers.count(steps.get(i).users()));
                users.add(Numbers.count(compared.get(i).users()));
            }
            rateFont = ChartStyle.bold(TextFit.fittingSize(rates, true, 14, room));
            double usersSize = Math.max(ChartStyle.MIN_FONT, Math.min(rateFont.getSize() - 2, 12));
            compact = TextFit.widest(users, ChartStyle.regular(usersSize)) > room;
            usersFont = ChartStyle.regular(usersSize);
        }

        private double labelHeight() {
            return TextFit.lineHeight(rateFont) + TextFit.lineHeight(usersFont);
        }

        private void drawStep(int index, double x, double baseline, double barSpace, CategoryLabels names) {
            double pairX = x + slot / 2 - barWidth - PAIR_GAP / 2;
            double ownTop = drawBar(steps.get(index), pairX, baseline, barSpace, ChartStyle.ACCENT, ChartStyle.TEXT);
            double comparedTop = drawBar(compared.get(index), pairX + barWidth + PAIR_GAP, baseline, barSpace,
                    ChartStyle.COMPARED, ChartStyle.TEXT_MUTED);
            StepDifference difference = comparison.differences().get(index);
            if (index > 0 && difference.conversionFromFirstDiff() != null) {
                double y = Math.min(ownTop, comparedTop) - GAP - TextFit.lineHeight(DIFFERENCE_FONT);
                nodes.add(TextFit.centered(Numbers.points(difference.conversionFromFirstDiff()), DIFFERENCE_FONT,
                        ChartStyle.TEXT, x + slot / 2, y));
            }
            names.draw(nodes, index, x + slot / 2, baseline + 8, ChartStyle.TEXT);
            nodes.add(hitArea(steps.get(index).number(), x, slot));
        }

        /** Draws one bar with its rate and users above it; returns the top of those labels. */
        private double drawBar(StepResult step, double x, double baseline, double barSpace, Color fill,
                               Color rateColour) {
            double barTop = baseline - barSpace * step.conversionFromFirst();
            nodes.add(FunnelDrawing.bar(x, barTop, barWidth, baseline - barTop, fill));
            double center = x + barWidth / 2;
            double labelsTop = barTop - GAP - labelHeight();
            nodes.add(TextFit.centered(Numbers.percent(step.conversionFromFirst()), rateFont, rateColour, center,
                    labelsTop));
            String users = compact ? Numbers.compactCount(step.users()) : Numbers.count(step.users());
            nodes.add(TextFit.centered(users, usersFont, ChartStyle.TEXT_MUTED, center,
                    labelsTop + TextFit.lineHeight(rateFont)));
            return labelsTop;
        }

        /** An invisible rectangle over a step's pair of bars that takes its clicks. */
        private Node hitArea(int step, double x, double slotWidth) {
            Rectangle area = new Rectangle(x, PAD, slotWidth, Math.max(0, height - 2 * PAD));
            area.setFill(Color.TRANSPARENT);
            area.setCursor(Cursor.HAND);
            area.getProperties().put("step", step);
            area.setOnMouseClicked(event -> onStepClicked.accept(step));
            return area;
        }
    }
}
