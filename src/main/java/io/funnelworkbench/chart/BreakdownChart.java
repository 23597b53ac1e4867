package io.funnelworkbench.chart;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * Grouped bars for a breakdown: per step, one bar per group (the largest groups, as many as the width allows,
 * at most {@value #MAX_GROUPS}) showing conversion from the first step, with a legend naming each group and
 * its users.
 */
public final class BreakdownChart extends SurfaceChart {
    static final int MAX_GROUPS = 6;
    private static final double PAD = 12;
    private FunnelResult result;
    private BiConsumer<Integer, BreakdownGroup> onBarClicked = (step, group) -> { };

    public BreakdownChart() {
        super("breakdown-chart", 720, 400);
    }

    /** Shows a result's breakdown; null, or a result without a breakdown, shows a placeholder. */
    public void setResult(FunnelResult result) {
        this.result = result;
        redrawLater();
    }

    /** Called with the 1-based step and the group when a bar is clicked. */
    public void setOnBarClicked(BiConsumer<Integer, BreakdownGroup> handler) {
        onBarClicked = handler == null ? (step, group) -> { } : handler;
    }

    @Override
    public Region copyForExport() {
        BreakdownChart copy = new BreakdownChart();
        copy.setResult(result);
        return copy;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (result == null || result.breakdown().isEmpty()) {
            return List.of(ChartSurface.placeholder("Choose a property to break the funnel down by", width, height));
        }
        List<Node> nodes = new ArrayList<>();
        int stepCount = result.steps().size();
        double left = PAD + PercentAxis.labelWidth();
        double slot = (width - PAD - left) / stepCount;
        List<BreakdownGroup> groups = shownGroups(slot);
        double top = drawLegend(nodes, groups, width);
        CategoryLabels names = CategoryLabels.fit(result.steps().stream().map(s -> s.number() + ". " + s.name())
                .toList(), slot);
        double baseline = height - PAD - names.height() - 8;
        Font valueFont = ChartStyle.regular(10);
        double plotHeight = Math.max(0, baseline - top - TextFit.lineHeight(valueFont) - 4);
        PercentAxis axis = new PercentAxis(1, 0.25);
        axis.draw(nodes, left, width - PAD, baseline, plotHeight);
        for (int step = 0; step < stepCount; step++) {
            drawStep(nodes, groups, step, left + step * slot, slot, baseline, plotHeight, axis);
            names.draw(nodes, step, left + step * slot + slot / 2, baseline + 8, ChartStyle.TEXT);
        }
        for (int step = 0; step < stepCount; step++) {
            addHitAreas(nodes, groups, step, left + step * slot, slot, top, baseline);
        }
        return nodes;
    }

    /** The largest groups, as many as leave each bar at least 6 pixels wide. */
    private List<BreakdownGroup> shownGroups(double slot) {
        int fitting = (int) Math.max(1, Math.min(MAX_GROUPS, Math.floor(slot * 0.8 / 6)));
        return result.breakdown().subList(0, Math.min(fitting, result.breakdown().size()));
    }

    private double drawLegend(List<Node> nodes, List<BreakdownGroup> groups, double width) {
        Font font = ChartStyle.regular(11);
        double lineHeight = TextFit.lineHeight(font) + 4;
        double x = PAD;
        double y = PAD;
        Font titleFont = ChartStyle.bold(11);
        String title = "By " + result.breakdownProperty() + ":";
        nodes.add(TextFit.text(title, titleFont, ChartStyle.TEXT, x, y));
        x += TextFit.width(title, titleFont) + 10;
        for (int g = 0; g < groups.size(); g++) {
            BreakdownGroup group = groups.get(g);
            String label = TextFit.ellipsize(group.label(), font, 180) + " (" + ChartStyle.count(entered(group)) + ")";
            double itemWidth = 18 + TextFit.width(label, font);
            if (x + itemWidth > width - PAD) {
                x = PAD;
                y += lineHeight;
            }
            nodes.add(swatch(x, y + 2, g));
            nodes.add(TextFit.text(label, font, ChartStyle.TEXT_MUTED, x + 18, y));
            x += itemWidth + 18;
        }
        return y + lineHeight + 10;
    }

    private static long entered(BreakdownGroup group) {
        return group.steps().isEmpty() ? 0 : group.steps().get(0).users();
    }

    private static Node swatch(double x, double y, int series) {
        return Hatching.series(x, y - 1, 12, 12, ChartStyle.SERIES.get(series % ChartStyle.SERIES.size()), series);
    }

    /** Invisible full-height areas over each bar that take its clicks, so short bars are easy to hit. */
    private void addHitAreas(List<Node> nodes, List<BreakdownGroup> groups, int step, double x, double slot,
                             double top, double baseline) {
        double groupWidth = slot * 0.8;
        double barWidth = groupWidth / groups.size();
        for (int g = 0; g < groups.size(); g++) {
            BreakdownGroup group = groups.get(g);
            Rectangle area = new Rectangle(x + (slot - groupWidth) / 2 + g * barWidth, top, barWidth,
                    Math.max(0, baseline - top));
            area.setFill(Color.TRANSPARENT);
            area.setCursor(Cursor.HAND);
            area.getProperties().put("step", step + 1);
            area.getProperties().put("group", group.label());
            int number = step + 1;
            area.setOnMouseClicked(e -> onBarClicked.accept(number, group));
            nodes.add(area);
        }
    }

    private void drawStep(List<Node> nodes, List<BreakdownGroup> groups, int step, double x, double slot,
                          double baseline, double plotHeight, PercentAxis axis) {
        double groupWidth = slot * 0.8;
        double barWidth = groupWidth / groups.size();
        Font valueFont = ChartStyle.regular(10);
        for (int g = 0; g < groups.size(); g++) {
            StepResult cell = groups.get(g).steps().get(step);
            double barX = x + (slot - groupWidth) / 2 + g * barWidth;
            double barTop = axis.y(cell.conversionFromFirst(), baseline, plotHeight);
            nodes.add(Hatching.series(barX + 1, barTop, Math.max(1, barWidth - 2), baseline - barTop,
                    ChartStyle.SERIES.get(g % ChartStyle.SERIES.size()), g));
            String label = ChartStyle.percent(cell.conversionFromFirst());
            if (TextFit.width(label, valueFont) > barWidth - 1) {
                label = Math.round(cell.conversionFromFirst() * 100) + "%";
            }
            // Values are printed only where they fit over their own bar, so neighbours never collide.
            if (TextFit.width(label, valueFont) <= barWidth - 1) {
                nodes.add(TextFit.centered(label, valueFont, ChartStyle.TEXT_MUTED, barX + barWidth / 2,
                        barTop - TextFit.lineHeight(valueFont) - 1));
            }
        }
    }
}
