package io.funnelworkbench.chart;

import io.funnelworkbench.text.Numbers;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;

/** A vertical 0 to {@code max} percentage axis with light grid lines at round steps. */
record PercentAxis(double max, double step) {
    static final Font FONT = ChartStyle.regular(10);

    /** An axis whose top is the first round step at or above {@code highest} (a rate from 0 to 1). */
    static PercentAxis covering(double highest) {
        double[] steps = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25};
        for (double step : steps) {
            if (highest <= step * 5) {
                return new PercentAxis(Math.max(step, Math.ceil(highest / step - 1e-9) * step), step);
            }
        }
        return new PercentAxis(1, 0.25);
    }

    static double labelWidth() {
        return TextFit.width("100%", FONT) + 8;
    }

    double y(double rate, double baseline, double plotHeight) {
        return baseline - plotHeight * Math.min(rate, max) / max;
    }

    void draw(List<Node> nodes, double left, double right, double baseline, double plotHeight) {
        int ticks = (int) Math.round(max / step);
        for (int tick = 0; tick <= ticks; tick++) {
            double y = Math.round(y(tick * step, baseline, plotHeight)) + 0.5;
            Line line = new Line(left, y, right, y);
            line.setStroke(tick == 0 ? ChartStyle.AXIS : ChartStyle.GRID);
            nodes.add(line);
            String label = Numbers.axisPercent(tick * step);
            nodes.add(TextFit.rightAligned(label, FONT, ChartStyle.TEXT_FAINT, left - 6,
                    y - TextFit.lineHeight(FONT) / 2));
        }
    }
}
