package io.funnelworkbench.chart;

import java.util.Arrays;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Labels under the columns of a chart: a font at which every word fits the column (so names break between
 * words), wrapped to at most three lines, the last one ellipsized.
 */
record CategoryLabels(Font font, List<List<String>> lines) {
    private static final int MAX_LINES = 3;
    private static final double MAX_SIZE = 12;

    static CategoryLabels fit(List<String> labels, double columnWidth) {
        double room = columnWidth - 4;
        List<String> words = labels.stream().flatMap(l -> Arrays.stream(l.split("[ _-]"))).toList();
        double preferred = Math.max(ChartStyle.MIN_FONT, Math.min(MAX_SIZE, columnWidth / 5));
        Font font = ChartStyle.regular(TextFit.fittingSize(words, false, preferred, room));
        return new CategoryLabels(font, labels.stream().map(l -> TextFit.wrap(l, font, room, MAX_LINES)).toList());
    }

    double height() {
        return lines.stream().mapToInt(List::size).max().orElse(1) * TextFit.lineHeight(font);
    }

    void draw(List<Node> nodes, int index, double center, double top, Color color) {
        double y = top;
        for (String line : lines.get(index)) {
            nodes.add(TextFit.centered(line, font, color, center, y));
            y += TextFit.lineHeight(font);
        }
    }
}
