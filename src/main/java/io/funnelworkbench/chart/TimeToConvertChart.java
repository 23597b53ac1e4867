package io.funnelworkbench.chart;

import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TimeStats.HistogramBin;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.Times;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/** A histogram of the time users took to convert, with the median and 90th percentile written above it. */
public final class TimeToConvertChart extends SurfaceChart {
    private static final double PAD = 12;
    private TimeStats stats;
    private String title;
    private double windowSeconds = Double.POSITIVE_INFINITY;

    public TimeToConvertChart() {
        super("time-to-convert-chart", 560, 300);
    }

    /** Shows the times of one step (title such as "Add to cart → Checkout"); null stats show a placeholder. */
    public void setStats(TimeStats stats, String title) {
        setStats(stats, title, Double.POSITIVE_INFINITY);
    }

    /**
     * As above, for a funnel with this conversion window: empty bins that start at or past the window are left
     * out, since no time can fall there (a 7-day window never needs "7d–30d" and "30d+").
     */
    public void setStats(TimeStats stats, String title, double windowSeconds) {
        this.stats = stats;
        this.title = title;
        this.windowSeconds = windowSeconds;
        redrawLater();
    }

    @Override
    public Region copyForExport() {
        TimeToConvertChart copy = new TimeToConvertChart();
        copy.setStats(stats, title, windowSeconds);
        return copy;
    }

    private List<HistogramBin> shownBins() {
        List<HistogramBin> bins = new ArrayList<>(stats.histogram());
        while (bins.size() > 1 && bins.get(bins.size() - 1).users() == 0
                && bins.get(bins.size() - 1).fromSeconds() >= windowSeconds) {
            bins.remove(bins.size() - 1);
        }
        return bins;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (stats == null || stats.count() == 0 || stats.histogram().isEmpty()) {
            return List.of(ChartSurface.placeholder("Nobody converted yet", width, height));
        }
        List<Node> nodes = new ArrayList<>();
        double top = drawHeader(nodes, width);
        List<HistogramBin> bins = shownBins();
        double slot = (width - 2 * PAD) / bins.size();
        CategoryLabels labels = CategoryLabels.fit(bins.stream().map(TimeToConvertChart::binLabel).toList(), slot);
        Font countFont = ChartStyle.regular(TextFit.fittingSize(bins.stream().map(b -> Numbers.count(b.users()))
                .toList(), false, 11, slot - 4));
        double baseline = height - PAD - labels.height() - 6;
        double plotHeight = Math.max(0, baseline - top - TextFit.lineHeight(countFont) - 2);
        long most = bins.stream().mapToLong(HistogramBin::users).max().orElse(1);
        for (int i = 0; i < bins.size(); i++) {
            drawBin(nodes, bins.get(i), PAD + i * slot, slot, baseline,
                    plotHeight * bins.get(i).users() / Math.max(1, most), countFont);
            labels.draw(nodes, i, PAD + i * slot + slot / 2, baseline + 6, ChartStyle.TEXT_MUTED);
        }
        Line axis = new Line(PAD, Math.round(baseline) + 0.5, width - PAD, Math.round(baseline) + 0.5);
        axis.setStroke(ChartStyle.AXIS);
        nodes.add(axis);
        return nodes;
    }

    private double drawHeader(List<Node> nodes, double width) {
        double y = PAD;
        if (title != null && !title.isBlank()) {
            Font titleFont = ChartStyle.bold(13);
            nodes.add(TextFit.text(TextFit.ellipsize(title, titleFont, width - 2 * PAD), titleFont, ChartStyle.TEXT,
                    PAD, y));
            y += TextFit.lineHeight(titleFont) + 2;
        }
        Font font = ChartStyle.regular(11);
        nodes.add(TextFit.text(TextFit.ellipsize(summary(), font, width - 2 * PAD), font, ChartStyle.TEXT_MUTED, PAD,
                y));
        return y + TextFit.lineHeight(font) + 10;
    }

    private String summary() {
        StringBuilder text = new StringBuilder(Numbers.count(stats.count()) + " users converted");
        if (stats.medianSeconds() != null) {
            text.append(" · median ").append(Times.duration(stats.medianSeconds()));
        }
        if (stats.p90Seconds() != null) {
            text.append(" · 90% within ").append(Times.duration(stats.p90Seconds()));
        }
        return text.toString();
    }

    private static void drawBin(List<Node> nodes, HistogramBin bin, double x, double slot, double baseline,
                                double barHeight, Font countFont) {
        double barWidth = slot * 0.82;
        Rectangle bar = new Rectangle(x + (slot - barWidth) / 2, baseline - barHeight, barWidth, barHeight);
        bar.setFill(ChartStyle.ACCENT);
        bar.setArcWidth(3);
        bar.setArcHeight(3);
        nodes.add(bar);
        nodes.add(TextFit.centered(Numbers.count(bin.users()), countFont,
                bin.users() == 0 ? ChartStyle.TEXT_FAINT : ChartStyle.TEXT, x + slot / 2,
                baseline - barHeight - TextFit.lineHeight(countFont) - 1));
    }

    /** "< 1m", "1m–5m", "30d+": the bin as a range of human units. */
    static String binLabel(HistogramBin bin) {
        if (bin.toSeconds() == null) {
            return Times.axisEdge(bin.fromSeconds()) + "+";
        }
        if (bin.fromSeconds() == 0) {
            return "< " + Times.axisEdge(bin.toSeconds());
        }
        return Times.axisEdge(bin.fromSeconds()) + "–" + Times.axisEdge(bin.toSeconds());
    }
}
