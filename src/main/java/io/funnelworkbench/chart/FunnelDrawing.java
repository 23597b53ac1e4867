package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.StepText;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * Lays out one funnel chart: headline and legend on top, a column per step (users as a solid bar, the users
 * lost since the previous step as a hatched band above it), value and drop-off labels placed inside the bar
 * and band when they fit and stacked above the column when not, and wrapped step names under the axis.
 */
final class FunnelDrawing extends FunnelLayout {
    private static final double GAP = 4;
    private static final double PILL = 3;

    /** Where a column's labels go: inside the bar and the band, or stacked above the column. */
    private record Placement(boolean valueInside, boolean dropInside, double labelsAbove) {
    }

    private double slot;
    private double barWidth;
    private Font valueFont;
    private Font rateFont;
    private Font dropFont;
    private boolean compact;
    private boolean wideDropLabels;

    FunnelDrawing(FunnelResult result, double width, double height, int selectedStep, boolean headline) {
        super(result, width, height, selectedStep, headline);
    }

    @Override
    FunnelDrawing draw() {
        double top = drawTop();
        double left = PAD + PercentAxis.labelWidth();
        slot = (width - PAD - left) / steps.size();
        barWidth = Math.min(slot * (steps.size() > 8 ? 0.74 : 0.64), 220);
        chooseFonts();
        CategoryLabels names = CategoryLabels.fit(steps.stream().map(StepText::label).toList(),
                slot);
        double baseline = height - PAD - names.height() - 8;
        double available = Math.max(0, baseline - top - TextFit.lineHeight(PercentAxis.FONT) / 2);
        double barSpace = barSpace(available);
        new PercentAxis(1, 0.25).draw(nodes, left, width - PAD, baseline, barSpace);
        for (int i = 0; i < steps.size(); i++) {
            drawColumn(i, left + i * slot, baseline, barSpace, names);
        }
        return this;
    }

    /**
     * The height of 100%: what is left after the smallest headroom that holds the labels which must sit above
     * their columns. More headroom means shorter bars, which fit fewer labels inside, so the search goes up.
     */
    private double barSpace(double available) {
        double most = valueLabelHeight() + dropLabelHeight() + 2 * GAP;
        for (double headroom = 0; headroom < most; headroom += 2) {
            if (headroomNeeded(available - headroom) <= headroom) {
                return Math.max(0, available - headroom);
            }
        }
        return Math.max(0, available - most);
    }

    private double headroomNeeded(double barSpace) {
        double needed = 0;
        for (int i = 0; i < steps.size(); i++) {
            double freeAbove = barSpace * (1 - columnLevel(i));
            needed = Math.max(needed, placement(i, barSpace).labelsAbove() - freeAbove);
        }
        return needed;
    }

    /**
     * The column's top as a fraction of 100%: the previous required step's level, since the band reaches up to it;
     * an optional step has no band (nobody drops out there), so its own level.
     */
    private double columnLevel(int index) {
        StepResult step = steps.get(index);
        return step.optional() ? step.conversionFromFirst() : steps.get(previousRequired(index)).conversionFromFirst();
    }

    private Placement placement(int index, double barSpace) {
        StepResult step = steps.get(index);
        double barHeight = barSpace * step.conversionFromFirst();
        boolean valueInside = barHeight >= valueLabelHeight() + 2 * GAP
                && valueLabelWidth(step) <= barWidth - 2 * GAP;
        double above = valueInside ? 0 : valueLabelHeight() + GAP;
        if (index == 0 || step.optional()) {
            return new Placement(valueInside, false, above);
        }
        double band = barSpace * (columnLevel(index) - step.conversionFromFirst());
        boolean dropInside = band >= dropLabelHeight() + 2 * PILL + 2 * GAP
                && dropLabelWidth(steps.get(previousRequired(index))) + 2 * PILL <= slot - 2 * GAP;
        return new Placement(valueInside, dropInside, above + (dropInside ? 0 : dropLabelHeight() + GAP));
    }

    /** Picks font sizes (and compact numbers when even the smallest font is too wide) for the column width. */
    private void chooseFonts() {
        double room = slot - 2 * GAP;
        List<String> users = steps.stream().map(s -> Numbers.count(s.users())).toList();
        double size = TextFit.fittingSize(users, true, 16, room);
        compact = TextFit.widest(users, ChartStyle.bold(size)) > room;
        if (compact) {
            size = TextFit.fittingSize(steps.stream().map(s -> Numbers.compactCount(s.users())).toList(), true,
                    16, room);
        }
        valueFont = ChartStyle.bold(size);
        rateFont = ChartStyle.regular(Math.max(ChartStyle.MIN_FONT, Math.min(size - 2, 13)));
        wideDropLabels = TextFit.widest(allDropLabels(true), ChartStyle.regular(11)) + 2 * PILL <= room;
        dropFont = ChartStyle.regular(TextFit.fittingSize(allDropLabels(wideDropLabels), false, 11, room - 2 * PILL));
    }

    private List<String> allDropLabels(boolean wide) {
        List<String> labels = new ArrayList<>();
        for (StepResult dropping : droppingSteps()) {
            labels.addAll(dropLabel(dropping, wide));
        }
        return labels;
    }

    private List<String> dropLabel(StepResult previous, boolean wide) {
        if (wide) {
            return dropLines(previous, compact);
        }
        String lost = "−" + (compact ? Numbers.compactCount(previous.dropped()) : Numbers.count(previous.dropped()));
        return List.of(lost, Numbers.percent(previous.dropOffRate()));
    }

    private String usersText(StepResult step) {
        return compact ? Numbers.compactCount(step.users()) : Numbers.count(step.users());
    }

    private double valueLabelWidth(StepResult step) {
        return Math.max(TextFit.width(usersText(step), valueFont),
                TextFit.width(Numbers.percent(step.conversionFromFirst()), rateFont));
    }

    private double valueLabelHeight() {
        return TextFit.lineHeight(valueFont) + TextFit.lineHeight(rateFont);
    }

    private double dropLabelWidth(StepResult previous) {
        return TextFit.widest(dropLabel(previous, wideDropLabels), ChartStyle.bold(dropFont.getSize()));
    }

    private double dropLabelHeight() {
        return 2 * TextFit.lineHeight(dropFont);
    }

    private void drawColumn(int index, double x, double baseline, double barSpace, CategoryLabels names) {
        StepResult step = steps.get(index);
        double barX = x + (slot - barWidth) / 2;
        double barTop = baseline - barSpace * step.conversionFromFirst();
        double columnTop = baseline - barSpace * columnLevel(index);
        Placement placement = placement(index, barSpace);
        boolean selected = step.number() == selectedStep;
        nodes.add(step.optional() ? optionalBar(barX, barTop, barWidth, baseline - barTop, selected)
                : bar(barX, barTop, barWidth, baseline - barTop,
                        selected ? ChartStyle.ACCENT_DARK : ChartStyle.ACCENT));
        boolean dropsHere = index > 0 && !step.optional();
        if (dropsHere) {
            drawBand(index, barX, columnTop, barTop);
        }
        double center = barX + barWidth / 2;
        double stackTop = placement.valueInside() ? columnTop : columnTop - GAP - valueLabelHeight();
        drawValueLabel(step, center, placement.valueInside() ? barTop + GAP : stackTop, placement.valueInside());
        if (dropsHere) {
            double dropTop = placement.dropInside() ? columnTop + (barTop - columnTop - dropLabelHeight()) / 2
                    : stackTop - GAP - dropLabelHeight();
            drawDropLabel(steps.get(previousRequired(index)), center, dropTop, placement.dropInside());
        }
        names.draw(nodes, index, x + slot / 2, baseline + 8, selected ? ChartStyle.ACCENT_DARK : ChartStyle.TEXT);
        columns.add(new Column(step.number(), x, PAD, slot, height - 2 * PAD));
    }

    private void drawBand(int index, double barX, double columnTop, double barTop) {
        int previous = previousRequired(index);
        if (barTop - columnTop >= 1) {
            nodes.add(isLargestDropOff(steps.get(previous))
                    ? Hatching.rectangle(barX, columnTop, barWidth, barTop - columnTop, ChartStyle.HIGHLIGHT_FILL,
                    ChartStyle.HIGHLIGHT, ChartStyle.HIGHLIGHT)
                    : Hatching.rectangle(barX, columnTop, barWidth, barTop - columnTop, ChartStyle.DROP_FILL,
                    ChartStyle.DROP_HATCH, null));
        }
        // A dashed line from the previous required bar's top (over any optional ones): the level these users fell from.
        Line connector = new Line(barX - (index - previous) * slot + barWidth, Math.round(columnTop) + 0.5, barX,
                Math.round(columnTop) + 0.5);
        connector.setStroke(ChartStyle.AXIS);
        connector.getStrokeDashArray().setAll(3.0, 3.0);
        nodes.add(connector);
    }

    private void drawValueLabel(StepResult step, double center, double top, boolean inside) {
        // White on a solid bar; an optional step's light bar takes dark text.
        boolean onSolid = inside && !step.optional();
        nodes.add(TextFit.centered(usersText(step), valueFont, onSolid ? Color.WHITE
                : inside ? ChartStyle.ACCENT_DARK : ChartStyle.TEXT, center, top));
        nodes.add(TextFit.centered(Numbers.percent(step.conversionFromFirst()), rateFont,
                onSolid ? Color.web("#dbe7f5") : ChartStyle.TEXT_MUTED, center, top + TextFit.lineHeight(valueFont)));
    }

    /** The drop-off label; inside the hatched band it sits on a white pill so the hatching never crosses text. */
    private void drawDropLabel(StepResult previous, double center, double top, boolean inside) {
        boolean largest = isLargestDropOff(previous);
        List<String> label = dropLabel(previous, wideDropLabels);
        if (inside) {
            double pillWidth = dropLabelWidth(previous) + 4 * PILL;
            Rectangle pill = new Rectangle(center - pillWidth / 2, top - PILL, pillWidth, dropLabelHeight() + 2 * PILL);
            pill.setArcWidth(8);
            pill.setArcHeight(8);
            pill.setFill(Color.WHITE);
            pill.setStroke(largest ? ChartStyle.HIGHLIGHT : ChartStyle.AXIS);
            nodes.add(pill);
        }
        Color color = largest ? ChartStyle.HIGHLIGHT_TEXT : ChartStyle.TEXT_MUTED;
        Font first = largest ? ChartStyle.bold(dropFont.getSize()) : dropFont;
        nodes.add(TextFit.centered(label.get(0), first, color, center, top));
        nodes.add(TextFit.centered(label.get(1), dropFont, color, center, top + TextFit.lineHeight(dropFont)));
    }

    static Rectangle bar(double x, double y, double width, double height, Color fill) {
        Rectangle bar = new Rectangle(x, y, width, Math.max(0, height));
        bar.setFill(fill);
        bar.setArcWidth(4);
        bar.setArcHeight(4);
        return bar;
    }
}
