package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.text.FunnelHeadline;
import io.funnelworkbench.text.FunnelHeadline.Fact;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Text;

/** Draws the {@link FunnelHeadline} (largest drop-off, slowest step) above the chart, shrunk to fit. */
final class HeadlineDrawing {
    private HeadlineDrawing() {
    }

    /** Draws the headline from {@code top} and returns where what follows it starts. */
    static double draw(List<Node> nodes, FunnelResult result, double width, double top, double pad) {
        List<Fact> facts = FunnelHeadline.facts(result);
        if (facts.isEmpty()) {
            return top;
        }
        double size = 14;
        while (size > 11 && width(facts, size) > width - 2 * pad) {
            size -= 0.5;
        }
        double x = pad;
        for (Fact fact : facts) {
            Text key = TextFit.text(fact.key(), ChartStyle.bold(size), ChartStyle.TEXT, x, top);
            double keyWidth = key.getLayoutBounds().getWidth();
            double room = Math.max(0, width - pad - x - keyWidth);
            String rest = TextFit.ellipsize(fact.text(), ChartStyle.regular(size), room);
            nodes.add(key);
            nodes.add(TextFit.text(rest, ChartStyle.regular(size), ChartStyle.TEXT, x + keyWidth, top));
            x += keyWidth + TextFit.width(rest + "      ", ChartStyle.regular(size));
            if (x >= width - pad) {
                break;
            }
        }
        return top + TextFit.lineHeight(ChartStyle.regular(size)) + 6;
    }

    private static double width(List<Fact> facts, double size) {
        return facts.stream().mapToDouble(f -> TextFit.width(f.key(), ChartStyle.bold(size))
                + TextFit.width(f.text() + "      ", ChartStyle.regular(size))).sum();
    }
}
