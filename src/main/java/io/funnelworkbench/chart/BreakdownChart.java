package io.funnelworkbench.chart;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.StepText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * A breakdown as a grid: one row per group (every group the result holds, the top 25 and "Other", largest
 * first), one column per step. Each row names its group and the users who entered; each later step shows a bar
 * of the conversion from the first step with its 95% interval, the rate and the users. Rows are named directly,
 * so no colour has to be looked up in a legend and any number of groups stays readable. When the height cannot
 * hold every row, the chart says which rows it left out.
 */
public final class BreakdownChart extends SurfaceChart {
    static final double MIN_ROW = 15;
    private static final double TALLEST_ROW = 44;
    private static final double PAD = 12;
    private static final double GAP = 10;
    private static final double[] NICE_SCALES = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1};
    private FunnelResult result;
    private BiConsumer<Integer, BreakdownGroup> onBarClicked = (step, group) -> { };
    private List<BreakdownGroup> drawnGroups = List.of();

    public BreakdownChart() {
        super("breakdown-chart", 720, 400);
    }

    /** Shows a result's breakdown; null, or a result without a breakdown, shows a placeholder. */
    public void setResult(FunnelResult result) {
        this.result = result;
        redrawLater();
    }

    /** Called with the 1-based step and the group when a cell is clicked. */
    public void setOnBarClicked(BiConsumer<Integer, BreakdownGroup> handler) {
        onBarClicked = handler == null ? (step, group) -> { } : handler;
    }

    /** The groups drawn at the current size, in order; fewer than the result holds only when the chart says so. */
    public List<BreakdownGroup> drawnGroups() {
        return drawnGroups;
    }

    @Override
    public Region copyForExport() {
        BreakdownChart copy = new BreakdownChart();
        copy.setResult(result);
        return copy;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (result == null || result.breakdown() == null || result.breakdown().isEmpty()) {
            drawnGroups = List.of();
            return List.of(ChartSurface.placeholder("Choose a property to break the funnel down by", width, height));
        }
        List<Node> nodes = new ArrayList<>();
        List<BreakdownGroup> groups = result.breakdown();
        Font titleFont = ChartStyle.bold(12);
        Font headerFont = ChartStyle.bold(11);
        Font noteFont = ChartStyle.regular(10);
        double titleHeight = TextFit.lineHeight(titleFont) + TextFit.lineHeight(noteFont) + 8;
        double headerHeight = 2 * TextFit.lineHeight(headerFont) + 6;
        double rowsTop = PAD + titleHeight + headerHeight;
        double available = Math.max(0, height - rowsTop - PAD);
        int fitting = (int) Math.max(1, Math.floor(available / MIN_ROW));
        drawnGroups = groups.size() <= fitting ? groups : groups.subList(0, fitting);
        double rowHeight = Math.min(TALLEST_ROW, available / drawnGroups.size());
        Font rowFont = ChartStyle.regular(Math.min(13, Math.max(ChartStyle.MIN_FONT, rowHeight - 5)));
        Grid grid = Grid.of(drawnGroups, result, width, rowHeight, rowFont);

        nodes.add(TextFit.text(TextFit.ellipsize(title(groups.size()), titleFont, width - 2 * PAD), titleFont,
                ChartStyle.TEXT, PAD, PAD));
        String scale = "Bars: conversion from step 1 with its 95% interval; a full bar is "
                + Numbers.percent(scaleFor(result.breakdown()));
        nodes.add(TextFit.text(TextFit.ellipsize(scale, noteFont, width - 2 * PAD), noteFont, ChartStyle.TEXT_MUTED,
                PAD, PAD + TextFit.lineHeight(titleFont) + 2));
        drawHeader(nodes, grid, PAD + titleHeight, headerFont);
        for (int row = 0; row < drawnGroups.size(); row++) {
            drawRow(nodes, grid, row, rowsTop + row * rowHeight);
        }
        return nodes;
    }

    /** "By origin: 11 groups, largest first", saying how many rows are left out when the height is too small. */
    private String title(int groupCount) {
        String title = "By " + result.breakdownProperty() + ": " + Numbers.count(groupCount)
                + (groupCount == 1 ? " group" : " groups") + ", largest first";
        if (drawnGroups.size() < groupCount) {
            title += " · " + drawnGroups.size() + " of " + groupCount + " shown here, every group in the table";
        }
        return title;
    }

    private void drawHeader(List<Node> nodes, Grid grid, double y, Font font) {
        double line = TextFit.lineHeight(font);
        nodes.add(TextFit.text(TextFit.ellipsize(result.breakdownProperty(), font, grid.groupWidth), font,
                ChartStyle.TEXT, PAD, y + line));
        StepResult first = result.steps().get(0);
        nodes.add(TextFit.rightAligned("Users at", font, ChartStyle.TEXT, grid.enteredRight(), y));
        nodes.add(TextFit.rightAligned(TextFit.ellipsize("1. " + first.name(), font, grid.enteredWidth + GAP),
                font, ChartStyle.TEXT, grid.enteredRight(), y + line));
        for (int step = 1; step < result.steps().size(); step++) {
            StepResult cell = result.steps().get(step);
            List<String> lines = TextFit.wrap(StepText.label(cell), font, grid.stepWidth - 4, 2);
            for (int i = 0; i < lines.size(); i++) {
                nodes.add(TextFit.text(lines.get(i), font, ChartStyle.TEXT, grid.stepLeft(step),
                        y + (2 - lines.size() + i) * line));
            }
        }
        double ruleY = y + 2 * line + 3;
        Line rule = new Line(PAD, ruleY, grid.width - PAD, ruleY);
        rule.setStroke(ChartStyle.AXIS);
        nodes.add(rule);
    }

    private void drawRow(List<Node> nodes, Grid grid, int row, double top) {
        BreakdownGroup group = drawnGroups.get(row);
        Font font = grid.font;
        double textY = top + (grid.rowHeight - TextFit.lineHeight(font)) / 2;
        if (row % 2 == 1) {
            Rectangle band = new Rectangle(PAD, top, grid.width - 2 * PAD, grid.rowHeight);
            band.setFill(Color.web("#f6f8fa"));
            nodes.add(band);
        }
        Color labelColour = group.other() || group.value() == null ? ChartStyle.TEXT_MUTED : ChartStyle.TEXT;
        nodes.add(TextFit.text(TextFit.ellipsize(group.label(), font, grid.groupWidth), font, labelColour, PAD,
                textY));
        nodes.add(TextFit.rightAligned(Numbers.count(entered(group)), font, ChartStyle.TEXT, grid.enteredRight(),
                textY));
        nodes.add(hitArea(PAD, top, grid.enteredRight() - PAD, grid.rowHeight, 1, group));
        for (int step = 1; step < group.steps().size(); step++) {
            drawCell(nodes, grid, group, step, top, font);
        }
    }

    private void drawCell(List<Node> nodes, Grid grid, BreakdownGroup group, int step, double top, Font font) {
        StepResult cell = group.steps().get(step);
        double left = grid.stepLeft(step);
        String label = grid.withUsers ? cellLabel(cell) : Numbers.percent(cell.conversionFromFirst());
        // One bar length for every row of a column, so bars compare on one scale.
        double barSpace = Math.max(0, grid.stepWidth - grid.labelWidth - 6);
        double barHeight = Math.min(20, Math.max(4, grid.rowHeight * 0.55));
        double barTop = top + (grid.rowHeight - barHeight) / 2;
        double length = barSpace * Math.min(1, cell.conversionFromFirst() / grid.scale);
        Rectangle track = new Rectangle(left, barTop, barSpace, barHeight);
        track.setFill(ChartStyle.GRID);
        nodes.add(track);
        if (group.other()) {
            nodes.add(Hatching.rectangle(left, barTop, Math.max(1, length), barHeight, ChartStyle.DROP_FILL,
                    ChartStyle.DROP_HATCH, ChartStyle.TEXT_FAINT));
        } else {
            Rectangle bar = new Rectangle(left, barTop, Math.max(1, length), barHeight);
            bar.setFill(group.value() == null ? ChartStyle.TEXT_FAINT : ChartStyle.ACCENT);
            nodes.add(bar);
        }
        drawInterval(nodes, cell, left, barSpace, barTop, barHeight, grid.scale);
        nodes.add(TextFit.text(label, font, ChartStyle.TEXT_MUTED, left + barSpace + 6,
                top + (grid.rowHeight - TextFit.lineHeight(font)) / 2));
        nodes.add(hitArea(left, top, grid.stepWidth, grid.rowHeight, step + 1, group));
    }

    /** The 95% interval as a thin whisker across the bar, ending in an arrowhead where it runs past the scale. */
    private static void drawInterval(List<Node> nodes, StepResult cell, double left, double barSpace, double barTop,
                                     double barHeight, double scale) {
        if (cell.conversionFromFirstInterval() == null || barSpace <= 0) {
            return;
        }
        double low = left + barSpace * Math.min(1, cell.conversionFromFirstInterval().low() / scale);
        double high = left + barSpace * Math.min(1, cell.conversionFromFirstInterval().high() / scale);
        double middle = barTop + barHeight / 2;
        boolean beyondScale = cell.conversionFromFirstInterval().high() > scale;
        List<Line> whiskers = new ArrayList<>(List.of(new Line(low, middle, high, middle),
                new Line(low, barTop + 1, low, barTop + barHeight - 1)));
        if (beyondScale) {
            // The interval runs past a full bar: an arrowhead says so instead of an end cap.
            whiskers.add(new Line(high - 4, middle - 3, high, middle));
            whiskers.add(new Line(high - 4, middle + 3, high, middle));
        } else {
            whiskers.add(new Line(high, barTop + 1, high, barTop + barHeight - 1));
        }
        for (Line whisker : whiskers) {
            whisker.setStroke(ChartStyle.ACCENT_DARK);
            whisker.setStrokeWidth(1);
            whisker.getProperties().put("interval-beyond-scale", beyondScale);
            nodes.add(whisker);
        }
    }

    private Node hitArea(double x, double y, double width, double height, int step, BreakdownGroup group) {
        Rectangle area = new Rectangle(x, y, Math.max(0, width), height);
        area.setFill(Color.TRANSPARENT);
        area.setCursor(Cursor.HAND);
        area.getProperties().put("step", step);
        area.getProperties().put("group", group.label());
        area.setOnMouseClicked(e -> onBarClicked.accept(step, group));
        return area;
    }

    private static String cellLabel(StepResult cell) {
        return Numbers.percent(cell.conversionFromFirst()) + " · " + Numbers.count(cell.users());
    }

    private static long entered(BreakdownGroup group) {
        return group.steps().isEmpty() ? 0 : group.steps().get(0).users();
    }

    /** The smallest of a few round rates that holds every cell's conversion, so small rates get long bars. */
    static double scaleFor(List<BreakdownGroup> groups) {
        double highest = 0;
        for (BreakdownGroup group : groups) {
            for (int step = 1; step < group.steps().size(); step++) {
                highest = Math.max(highest, group.steps().get(step).conversionFromFirst());
            }
        }
        for (double scale : NICE_SCALES) {
            if (highest <= scale) {
                return scale;
            }
        }
        return 1;
    }

    /** Column positions: group names, users entered, then equal columns for the later steps. */
    private record Grid(double width, double rowHeight, Font font, double groupWidth, double enteredWidth,
                        double stepWidth, double labelWidth, boolean withUsers, double scale) {
        static Grid of(List<BreakdownGroup> groups, FunnelResult result, double width, double rowHeight, Font font) {
            double widestName = TextFit.widest(groups.stream().map(BreakdownGroup::label).toList(), font);
            double groupWidth = Math.min(Math.max(widestName, TextFit.width(result.breakdownProperty(),
                    ChartStyle.bold(11))), Math.max(80, width * 0.28));
            double enteredWidth = Math.max(Math.min(130, TextFit.width("1. " + result.steps().get(0).name(),
                    ChartStyle.bold(11))), TextFit.widest(groups.stream().map(g -> Numbers.count(entered(g)))
                    .toList(), font));
            int laterSteps = Math.max(1, result.steps().size() - 1);
            double stepWidth = Math.max(20, (width - 2 * PAD - groupWidth - enteredWidth - 2 * GAP) / laterSteps
                    - GAP);
            List<StepResult> cells = groups.stream().flatMap(g -> g.steps().stream().skip(1)).toList();
            double withUsers = TextFit.widest(cells.stream().map(BreakdownChart::cellLabel).toList(), font) + 6;
            boolean roomForUsers = withUsers <= stepWidth * 0.45;
            double labelWidth = roomForUsers ? withUsers : TextFit.widest(cells.stream()
                    .map(c -> Numbers.percent(c.conversionFromFirst())).toList(), font) + 6;
            return new Grid(width, rowHeight, font, groupWidth, enteredWidth, stepWidth, labelWidth, roomForUsers,
                    scaleFor(result.breakdown()));
        }

        double enteredRight() {
            return PAD + groupWidth + GAP + enteredWidth;
        }

        double stepLeft(int step) {
            return enteredRight() + 2 * GAP + (step - 1) * (stepWidth + GAP);
        }
    }
}
