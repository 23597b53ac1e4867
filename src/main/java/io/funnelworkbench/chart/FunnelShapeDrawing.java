package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.StepText;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * Lays out the classic funnel: a centred bar per step, as wide as the share of step-1 users who reached it, joined
 * to the next by a hatched band that narrows as users drop out (the largest drop-off in amber). Step names sit in a
 * column on the left, the users and conversion on or beside each bar, and each drop-off on the right of its band.
 */
final class FunnelShapeDrawing extends FunnelLayout {
    private static final double GAP = 8;
    private static final double MIN_BAR = 3;
    private static final double MAX_BAR_HEIGHT = 64;

    private double barHeight;
    private double bandHeight;
    private Font nameFont;
    private Font valueFont;
    private Font dropFont;

    FunnelShapeDrawing(FunnelResult result, double width, double height, int selectedStep, boolean headline) {
        super(result, width, height, selectedStep, headline);
    }

    @Override
    FunnelShapeDrawing draw() {
        double top = drawTop();
        sizeRows(height - PAD - top);
        List<String> names = steps.stream().map(StepText::label).toList();
        double nameWidth = Math.min(TextFit.widest(names, nameFont) + GAP, width * 0.28);
        double dropWidth = Math.min(widestDropLabel() + GAP, width * 0.24);
        double left = PAD + nameWidth;
        double barSpace = Math.max(MIN_BAR, width - PAD - dropWidth - left - GAP);
        double center = left + GAP / 2 + barSpace / 2;
        long firstUsers = steps.get(0).users();
        double[] bars = new double[steps.size()];
        double[] tops = new double[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            tops[i] = top + i * (barHeight + bandHeight);
            bars[i] = firstUsers == 0 ? MIN_BAR : Math.max(MIN_BAR, barSpace * steps.get(i).users() / firstUsers);
        }
        // Bands first: a band runs from one required step to the next, behind the optional steps between them.
        for (int i = 1; i < steps.size(); i++) {
            if (!steps.get(i).optional()) {
                int previous = previousRequired(i);
                drawBand(steps.get(previous), center, bars[previous], tops[previous] + barHeight, bars[i], tops[i],
                        width - PAD - dropWidth + GAP);
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            StepResult step = steps.get(i);
            double y = tops[i];
            boolean selected = step.number() == selectedStep;
            drawBar(step, center, bars[i], y, barSpace, selected);
            double nameTop = y + (barHeight - TextFit.lineHeight(nameFont)) / 2;
            nodes.add(TextFit.rightAligned(TextFit.ellipsize(names.get(i), nameFont, nameWidth - GAP), nameFont,
                    selected ? ChartStyle.ACCENT_DARK : ChartStyle.TEXT, left - GAP / 2, nameTop));
            columns.add(new Column(step.number(), PAD, y, width - 2 * PAD, barHeight));
        }
        return this;
    }

    /** Bars share the height with the bands between them (thinner bands when there are many steps). */
    private void sizeRows(double available) {
        int count = steps.size();
        double bandRatio = count > 8 ? 0.3 : 0.6;
        barHeight = Math.min(MAX_BAR_HEIGHT, Math.max(1, available / (count + bandRatio * (count - 1))));
        bandHeight = count > 1 ? bandRatio * barHeight : 0;
        double size = Math.max(ChartStyle.MIN_FONT, Math.min(13, (barHeight + bandHeight) * 0.5));
        nameFont = ChartStyle.regular(size);
        valueFont = ChartStyle.bold(Math.max(ChartStyle.MIN_FONT, Math.min(15, barHeight * 0.45)));
        dropFont = ChartStyle.regular(Math.max(ChartStyle.MIN_FONT, Math.min(11, size - 1)));
    }

    private void drawBar(StepResult step, double center, double bar, double y, double barSpace, boolean selected) {
        if (step.optional()) {
            nodes.add(optionalBar(center - bar / 2, y, bar, barHeight, selected));
        } else {
            Rectangle rectangle = new Rectangle(center - bar / 2, y, bar, barHeight);
            rectangle.setFill(selected ? ChartStyle.ACCENT_DARK : ChartStyle.ACCENT);
            rectangle.setArcWidth(4);
            rectangle.setArcHeight(4);
            nodes.add(rectangle);
        }
        String label = Numbers.count(step.users()) + "  ·  " + Numbers.percent(step.conversionFromFirst());
        double textTop = y + (barHeight - TextFit.lineHeight(valueFont)) / 2;
        if (TextFit.width(label, valueFont) + 2 * GAP <= bar) {
            nodes.add(TextFit.centered(label, valueFont, step.optional() ? ChartStyle.ACCENT_DARK : Color.WHITE,
                    center, textTop));
            return;
        }
        // Beside a narrow bar, in the room the funnel leaves on its right; shorter numbers when that is tight.
        double room = barSpace / 2 - bar / 2 - GAP;
        if (TextFit.width(label, valueFont) > room) {
            label = Numbers.compactCount(step.users()) + " · " + Numbers.percent(step.conversionFromFirst());
        }
        nodes.add(TextFit.text(TextFit.ellipsize(label, valueFont, Math.max(0, room)), valueFont, ChartStyle.TEXT,
                center + bar / 2 + GAP, textTop));
    }

    /** The narrowing band between two bars, and its drop-off label to the right of the funnel. */
    private void drawBand(StepResult previous, double center, double topWidth, double top, double bottomWidth,
                          double bottom, double labelLeft) {
        boolean largest = isLargestDropOff(previous);
        double[] points = {center - topWidth / 2, top, center + topWidth / 2, top, center + bottomWidth / 2, bottom,
            center - bottomWidth / 2, bottom};
        nodes.add(largest
                ? Hatching.polygon(points, ChartStyle.HIGHLIGHT_FILL, ChartStyle.HIGHLIGHT, ChartStyle.HIGHLIGHT)
                : Hatching.polygon(points, ChartStyle.DROP_FILL, ChartStyle.DROP_HATCH, null));
        List<String> lines = dropLabel(previous);
        double lineHeight = TextFit.lineHeight(dropFont);
        boolean twoLines = bandHeight + barHeight >= 2 * lineHeight + 2;
        double y = (top + bottom) / 2 - (twoLines ? lineHeight : lineHeight / 2);
        Color color = largest ? ChartStyle.HIGHLIGHT_TEXT : ChartStyle.TEXT_MUTED;
        double room = width - PAD - labelLeft;
        nodes.add(TextFit.text(TextFit.ellipsize(lines.get(0), largest ? ChartStyle.bold(dropFont.getSize()) : dropFont,
                room), largest ? ChartStyle.bold(dropFont.getSize()) : dropFont, color, labelLeft, y));
        if (twoLines) {
            nodes.add(TextFit.text(TextFit.ellipsize(lines.get(1), dropFont, room), dropFont, color, labelLeft,
                    y + lineHeight));
        }
    }

    private double widestDropLabel() {
        double widest = 0;
        for (StepResult dropping : droppingSteps()) {
            widest = Math.max(widest, TextFit.widest(dropLabel(dropping), ChartStyle.bold(dropFont.getSize())));
        }
        return widest;
    }

    private static List<String> dropLabel(StepResult previous) {
        return dropLines(previous, false);
    }
}
