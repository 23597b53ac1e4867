package io.funnelworkbench.chart;

import io.funnelworkbench.text.ChartCaption;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** The page an exported chart sits on: white, the title above, the chart, a rule and the caption below. */
final class ExportFrame extends Region {
    private static final double MARGIN = 24;
    private final Region chart;
    private final ChartCaption caption;

    ExportFrame(Region chart, ChartCaption caption) {
        this.chart = chart;
        this.caption = caption;
        setBackground(new Background(new BackgroundFill(ChartStyle.BACKGROUND, null, null)));
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        double textWidth = width - 2 * MARGIN;
        List<Node> nodes = new ArrayList<>();
        double top = MARGIN * 0.75;
        if (caption.title() != null && !caption.title().isBlank()) {
            Font titleFont = ChartStyle.bold(Math.max(14, Math.min(22, width / 50)));
            nodes.add(TextFit.text(TextFit.ellipsize(caption.title(), titleFont, textWidth), titleFont, ChartStyle.TEXT,
                    MARGIN, top));
            top += TextFit.lineHeight(titleFont) + 6;
        }
        List<Text> captionLines = captionLines(textWidth);
        double captionHeight = captionLines.stream().mapToDouble(t -> t.getLayoutBounds().getHeight()).sum();
        double captionTop = height - MARGIN * 0.75 - captionHeight;
        Line rule = new Line(MARGIN, captionTop - 7.5, width - MARGIN, captionTop - 7.5);
        rule.setStroke(ChartStyle.GRID);
        nodes.add(rule);
        double y = captionTop;
        for (Text line : captionLines) {
            line.setX(MARGIN);
            line.setY(y);
            nodes.add(line);
            y += line.getLayoutBounds().getHeight();
        }
        chart.resizeRelocate(MARGIN - 12, top, width - 2 * MARGIN + 24, Math.max(0, captionTop - 12 - top));
        nodes.add(chart);
        getChildren().setAll(nodes);
    }

    private List<Text> captionLines(double textWidth) {
        Font font = ChartStyle.regular(Math.max(10, Math.min(12, getWidth() / 100)));
        List<Text> lines = new ArrayList<>();
        for (String part : new String[] {caption.rules(), caption.dataRange()}) {
            if (part != null && !part.isBlank()) {
                for (String line : TextFit.wrap(part, font, textWidth, 2)) {
                    lines.add(TextFit.text(line, font, ChartStyle.TEXT_MUTED, 0, 0));
                }
            }
        }
        return lines;
    }
}
