package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Text;

/** The line above a funnel chart that names the largest drop-off and the slowest step, shrunk to fit. */
final class FunnelHeadline {
    private FunnelHeadline() {
    }

    /** Draws the headline from {@code top} and returns where what follows it starts. */
    static double draw(List<Node> nodes, FunnelResult result, double width, double top, double pad) {
        List<String[]> facts = facts(result);
        if (facts.isEmpty()) {
            return top;
        }
        double size = 14;
        while (size > 11 && width(facts, size) > width - 2 * pad) {
            size -= 0.5;
        }
        double x = pad;
        for (String[] fact : facts) {
            Text key = TextFit.text(fact[0], ChartStyle.bold(size), ChartStyle.TEXT, x, top);
            double keyWidth = key.getLayoutBounds().getWidth();
            String rest = TextFit.ellipsize(fact[1], ChartStyle.regular(size), Math.max(0, width - pad - x - keyWidth));
            nodes.add(key);
            nodes.add(TextFit.text(rest, ChartStyle.regular(size), ChartStyle.TEXT, x + keyWidth, top));
            x += keyWidth + TextFit.width(rest + "      ", ChartStyle.regular(size));
            if (x >= width - pad) {
                break;
            }
        }
        return top + TextFit.lineHeight(ChartStyle.regular(size)) + 6;
    }

    private static double width(List<String[]> facts, double size) {
        return facts.stream().mapToDouble(f -> TextFit.width(f[0], ChartStyle.bold(size))
                + TextFit.width(f[1] + "      ", ChartStyle.regular(size))).sum();
    }

    /** Bold key and plain text of each headline fact. */
    private static List<String[]> facts(FunnelResult result) {
        List<StepResult> steps = result.steps();
        List<String[]> facts = new ArrayList<>();
        Integer largest = result.largestDropOffStep();
        if (largest != null && largest < steps.size()) {
            StepResult from = steps.get(largest - 1);
            facts.add(new String[] {"Largest drop-off: ", transition(steps, largest) + " ("
                    + ChartStyle.count(from.dropped()) + " users, " + ChartStyle.percent(from.dropOffRate()) + ")"});
        }
        Integer slowest = result.slowestStep();
        Double median = slowest == null ? null : steps.get(slowest - 1).timeFromPrevious().medianSeconds();
        if (median != null && slowest > 1) {
            facts.add(new String[] {"Slowest step: ", transition(steps, slowest - 1) + " (median "
                    + ChartStyle.duration(median) + ")"});
        }
        return facts;
    }

    /** "Add to cart → Checkout" when both names are short, else "step 2 → 3". */
    private static String transition(List<StepResult> steps, int fromStep) {
        String from = steps.get(fromStep - 1).name();
        String to = steps.get(fromStep).name();
        return from.length() + to.length() <= 48 ? from + " → " + to : "step " + fromStep + " → " + (fromStep + 1);
    }
}
