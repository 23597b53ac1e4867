package io.funnelworkbench.chart;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.model.TrendPoint;
import io.funnelworkbench.text.Dates;
import io.funnelworkbench.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.text.Font;

/**
 * Conversion from the first to the last step by period of entry: a line with points, values and axis labels; with
 * a breakdown, one line per group (the five largest and "Other") and a legend.
 */
public final class TrendChart extends SurfaceChart {
    private static final double PAD = 12;
    /** Breakdown groups drawn as their own lines; the rest are added up as "Other". */
    static final int TREND_GROUPS = 5;
    static final String PROVISIONAL_NOTE = "Dashed: provisional, as the data covers only part of the period or"
            + " some attempts were still within their window when the data ends.";
    private FunnelResult result;

    public TrendChart() {
        super("trend-chart", 720, 320);
    }

    /** Shows a result's trend; null, or a result with fewer than two periods, shows a placeholder. */
    public void setResult(FunnelResult result) {
        this.result = result;
        redrawLater();
    }

    @Override
    public Region copyForExport() {
        TrendChart copy = new TrendChart();
        copy.setResult(result);
        return copy;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (result == null || result.trend().size() < 2) {
            return List.of(ChartSurface.placeholder("Not enough periods for a trend", width, height));
        }
        List<TrendPoint> points = result.trend();
        List<Series> series = series();
        List<Node> nodes = new ArrayList<>();
        Font subtitleFont = ChartStyle.regular(11);
        double top = PAD;
        nodes.add(TextFit.text(TextFit.ellipsize(subtitle(), subtitleFont, width - 2 * PAD), subtitleFont,
                ChartStyle.TEXT_MUTED, PAD, top));
        top += TextFit.lineHeight(subtitleFont);
        if (points.stream().anyMatch(TrendPoint::provisional)) {
            // Wrapped, not cut: the note says what the dashes mean.
            for (String line : TextFit.wrap(PROVISIONAL_NOTE, subtitleFont, width - 2 * PAD, 3)) {
                nodes.add(TextFit.text(line, subtitleFont, ChartStyle.TEXT_MUTED, PAD, top));
                top += TextFit.lineHeight(subtitleFont);
            }
        }
        if (series.size() > 1) {
            top = drawLegend(nodes, series, top + 4, width);
        }
        Font labelFont = ChartStyle.regular(10);
        top += 12 + TextFit.lineHeight(labelFont);
        double baseline = height - PAD - TextFit.lineHeight(labelFont) - 8;
        double left = PAD + PercentAxis.labelWidth();
        double right = width - PAD;
        double plotHeight = Math.max(0, baseline - top);
        PercentAxis axis = PercentAxis.covering(series.stream().flatMap(line -> line.points().stream())
                .mapToDouble(TrendPoint::conversion).max().orElse(0));
        axis.draw(nodes, left, width - PAD, baseline, plotHeight);
        // Inset by half a label, so the first and last labels stay inside the plot.
        double inset = TextFit.width("00 Sep", labelFont) / 2 + 4;
        double spacing = (right - left - 2 * inset) / (points.size() - 1);
        double[] xs = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = left + inset + i * spacing;
        }
        for (Series line : series) {
            double[] ys = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                ys[i] = axis.y(line.points().get(i).conversion(), baseline, plotHeight);
            }
            if (series.size() == 1) {
                drawArea(nodes, line.points(), xs, ys, baseline);
            }
            drawLine(nodes, line.points(), xs, ys, line.colour());
            // Values over the points only for a single line: over several they would collide.
            drawLabels(nodes, line.points(), xs, series.size() == 1 ? ys : null, baseline, spacing,
                    line == series.get(0));
        }
        return nodes;
    }

    /** Whether the trend of this result is drawn by breakdown group (so its caption names the breakdown). */
    public static boolean drawsBreakdown(FunnelResult result) {
        List<BreakdownGroup> groups = result == null || result.breakdown() == null ? List.of() : result.breakdown();
        return groups.size() >= 2 && groups.get(0).trend().size() == result.trend().size();
    }

    /** One line per breakdown group, the top five and the rest added up as "Other"; one line without breakdown. */
    private List<Series> series() {
        List<BreakdownGroup> groups = result.breakdown();
        if (!drawsBreakdown(result)) {
            return List.of(new Series("All users", result.trend(), ChartStyle.ACCENT));
        }
        List<Series> lines = new ArrayList<>();
        List<BreakdownGroup> named = groups.stream().filter(g -> !g.other()).limit(TREND_GROUPS).toList();
        for (BreakdownGroup group : named) {
            lines.add(new Series(group.label(), group.trend(), ChartStyle.SERIES.get(lines.size())));
        }
        List<List<TrendPoint>> rest = groups.stream().filter(g -> !named.contains(g)).map(BreakdownGroup::trend)
                .toList();
        if (!rest.isEmpty()) {
            lines.add(new Series("Other", TrendPoint.sum(rest), ChartStyle.SERIES.get(lines.size())));
        }
        return lines;
    }

    private static double drawLegend(List<Node> nodes, List<Series> series, double top, double width) {
        Font font = ChartStyle.regular(11);
        double lineHeight = TextFit.lineHeight(font) + 4;
        double x = PAD;
        double y = top;
        for (Series line : series) {
            String label = TextFit.ellipsize(line.name(), font, 180);
            double itemWidth = 22 + TextFit.width(label, font);
            if (x + itemWidth > width - PAD && x > PAD) {
                x = PAD;
                y += lineHeight;
            }
            Line swatch = new Line(x, y + lineHeight / 2 - 2, x + 16, y + lineHeight / 2 - 2);
            swatch.setStroke(line.colour());
            swatch.setStrokeWidth(3);
            nodes.add(swatch);
            nodes.add(TextFit.text(label, font, ChartStyle.TEXT_MUTED, x + 20, y));
            x += itemWidth + 14;
        }
        return y + lineHeight;
    }

    /** A line of the chart: a group's (or all users') conversion by period. */
    private record Series(String name, List<TrendPoint> points, Color colour) {
    }

    private String subtitle() {
        String period = result.trendPeriod().name().toLowerCase(Locale.ROOT);
        int last = result.steps().size();
        String by = series().size() > 1 ? ", by " + result.breakdownProperty() : "";
        return "Conversion from step 1 to step " + last + " by " + period + " of entry" + by;
    }

    /** The area under each run of periods with entries; periods nobody entered break it. */
    private static void drawArea(List<Node> nodes, List<TrendPoint> points, double[] xs, double[] ys,
                                 double baseline) {
        int i = 0;
        while (i < xs.length) {
            if (points.get(i).entered() == 0) {
                i++;
                continue;
            }
            Polygon area = new Polygon();
            area.getPoints().addAll(xs[i], baseline);
            int end = i;
            while (end < xs.length && points.get(end).entered() > 0) {
                area.getPoints().addAll(xs[end], ys[end]);
                end++;
            }
            area.getPoints().addAll(xs[end - 1], baseline);
            area.setFill(ChartStyle.ACCENT.deriveColor(0, 1, 1, 0.10));
            nodes.add(area);
            i = end;
        }
    }

    /**
     * Segments between neighbouring periods with entries, dashed where either end is provisional; points hollow,
     * and dashed for provisional periods.
     */
    private static void drawLine(List<Node> nodes, List<TrendPoint> points, double[] xs, double[] ys, Color colour) {
        for (int i = 0; i + 1 < xs.length; i++) {
            if (points.get(i).entered() == 0 || points.get(i + 1).entered() == 0) {
                continue;
            }
            Line segment = new Line(xs[i], ys[i], xs[i + 1], ys[i + 1]);
            segment.setStroke(colour);
            segment.setStrokeWidth(2);
            if (points.get(i).provisional() || points.get(i + 1).provisional()) {
                segment.getStrokeDashArray().addAll(5.0, 4.0);
            }
            nodes.add(segment);
        }
        for (int i = 0; i < xs.length; i++) {
            if (points.get(i).entered() == 0) {
                continue;
            }
            Circle point = new Circle(xs[i], ys[i], 3.5, Color.WHITE);
            point.setStroke(colour);
            point.setStrokeWidth(2);
            if (points.get(i).provisional()) {
                point.getStrokeDashArray().addAll(2.5, 2.0);
            }
            nodes.add(point);
        }
    }

    /**
     * Period labels under the axis and values over the points (when {@code ys} is given), every n-th one so that
     * none overlap.
     */
    private void drawLabels(List<Node> nodes, List<TrendPoint> points, double[] xs, double[] ys, double baseline,
                            double spacing, boolean withPeriods) {
        Font font = ChartStyle.regular(10);
        List<String> periods = points.stream().map(this::period).toList();
        List<String> values = points.stream().map(p -> Numbers.percent(p.conversion())).toList();
        int periodEvery = every(TextFit.widest(periods, font) + 12, spacing);
        int valueEvery = every(TextFit.widest(values, font) + 8, spacing);
        for (int i = 0; i < points.size(); i++) {
            if (withPeriods && i % periodEvery == 0) {
                nodes.add(TextFit.centered(periods.get(i), font, ChartStyle.TEXT_MUTED, xs[i], baseline + 6));
            }
            if (ys != null && i % valueEvery == 0 && points.get(i).entered() > 0) {
                double y = isDip(ys, i) ? ys[i] + 8 : ys[i] - 8 - TextFit.lineHeight(font);
                nodes.add(TextFit.centered(values.get(i), font, ChartStyle.TEXT, xs[i], y));
            }
        }
    }

    /** A point below both neighbours gets its value underneath, where the line does not run. */
    private static boolean isDip(double[] ys, int i) {
        double before = i > 0 ? ys[i - 1] : ys[i + 1];
        double after = i + 1 < ys.length ? ys[i + 1] : ys[i - 1];
        return ys[i] > before && ys[i] > after;
    }

    private static int every(double labelWidth, double spacing) {
        return (int) Math.max(1, Math.ceil(labelWidth / spacing));
    }

    private String period(TrendPoint point) {
        return result.trendPeriod() == TrendPeriod.MONTH ? Dates.month(point.periodStart())
                : Dates.shortDay(point.periodStart());
    }
}
