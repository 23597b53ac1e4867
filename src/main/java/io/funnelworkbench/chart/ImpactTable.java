package io.funnelworkbench.chart;

import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import io.funnelworkbench.text.ChartText;
import io.funnelworkbench.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * The micro-goal impact table: per micro goal the users with and without it, their conversion to the macro
 * goal, the lift drawn as a bar from 1× on a log scale, the odds ratio and the p-value. Rows with p ≥ 0.05
 * are greyed, since their lift may be chance.
 */
public final class ImpactTable extends SurfaceChart {
    static final double SIGNIFICANCE = 0.05;
    private static final double PAD = 12;
    private static final double ROW = 30;
    private static final double LIFT_MIN = 120;
    private static final double LIFT_MAX = 320;
    private static final double NAME_MIN = 90;
    private static final double NAME_MAX = 280;
    /** Number columns; those with a drop rank give way, lowest rank first, when the table is too narrow. */
    private static final List<Column> NUMBER_COLUMNS = List.of(
        new Column("Users with", 84, 0, r -> Numbers.count(r.usersWith())),
        new Column("Users without", 96, 2, r -> Numbers.count(r.usersWithout())),
        new Column("Rate with", 74, 0, r -> Numbers.percent(r.rateWith())),
        new Column("Rate without", 86, 0, r -> Numbers.percent(r.rateWithout())),
        new Column("Odds ratio", 74, 1, r -> Numbers.ratio(r.oddsRatio())),
        new Column("p-value", 64, 3, r -> Numbers.pValue(r.pValue())));

    record Column(String header, double width, int dropRank, Function<ImpactRow, String> cell) {
    }

    /** Where each part of a row goes: the name, the lift bar, and the number columns that fit. */
    record Layout(double nameLeft, double nameRight, double liftRight, List<Column> numbers, List<Double> rights) {
    }

    private ImpactResult result;
    private String placeholder = "No micro goals to compare";

    public ImpactTable() {
        super("impact-table", 880, 0);
    }

    /** Shows an impact table; null shows a placeholder. */
    public void setResult(ImpactResult result) {
        this.result = result;
        redrawLater();
    }

    /** What an empty table says instead of rows: why there is nothing to compare. */
    public void setPlaceholder(String text) {
        this.placeholder = text;
        redrawLater();
    }

    @Override
    public Region copyForExport() {
        ImpactTable copy = new ImpactTable();
        copy.setPlaceholder(placeholder);
        copy.setResult(result);
        return copy;
    }

    @Override
    protected double computePrefHeight(double width) {
        int rows = result == null ? 3 : result.rows().size();
        return 2 * PAD + 3.5 * ROW + rows * ROW;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (result == null || result.rows().isEmpty()) {
            return placeholderLines(width, height);
        }
        List<Node> nodes = new ArrayList<>();
        Layout layout = layout(result, width);
        Font headerFont = ChartStyle.bold(11);
        double y = PAD;
        Font subtitleFont = ChartStyle.regular(11);
        nodes.add(TextFit.text(TextFit.ellipsize(ChartText.impactSubtitle(result), subtitleFont, width - 2 * PAD),
                subtitleFont, ChartStyle.TEXT_MUTED, PAD, y));
        y += ROW;
        nodes.add(TextFit.text("Micro goal", headerFont, ChartStyle.TEXT_MUTED, layout.nameLeft() + 4, y));
        nodes.add(TextFit.text("Lift", headerFont, ChartStyle.TEXT_MUTED, layout.nameRight() + 4, y));
        for (int c = 0; c < layout.numbers().size(); c++) {
            nodes.add(TextFit.rightAligned(layout.numbers().get(c).header(), headerFont, ChartStyle.TEXT_MUTED,
                    layout.rights().get(c) - 4, y));
        }
        y += ROW - 8;
        nodes.add(rule(width, y, ChartStyle.AXIS));
        double maxLog = result.rows().stream().filter(r -> r.lift() != null && r.lift() > 0)
                .mapToDouble(r -> Math.abs(Math.log(r.lift()))).max().orElse(0);
        double scale = Math.max(maxLog, Math.log(2));
        for (ImpactRow row : result.rows()) {
            drawRow(nodes, row, layout, y, scale);
            y += ROW;
            nodes.add(rule(width, y, ChartStyle.GRID));
        }
        drawFootnote(nodes, layout, width, y + 8);
        return nodes;
    }

    /** The placeholder centred, wrapped to the table's width: a reason can take a few lines. */
    private List<Node> placeholderLines(double width, double height) {
        Font font = ChartStyle.regular(14);
        List<String> lines = TextFit.wrap(placeholder, font, Math.max(1, width - 2 * PAD), 6);
        double lineHeight = TextFit.lineHeight(font);
        double top = height / 2 - lines.size() * lineHeight / 2;
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            nodes.add(TextFit.centered(lines.get(i), font, ChartStyle.TEXT_FAINT, width / 2, top + i * lineHeight));
        }
        return nodes;
    }

    /**
     * Gives the names the width they need (up to a limit) and the lift bar at least its minimum; when that does
     * not fit, the least needed number columns are left out before any name is shortened.
     */
    static Layout layout(ImpactResult result, double width) {
        Font font = ChartStyle.regular(12);
        double nameWanted = TextFit.width("Micro goal", ChartStyle.bold(11)) + 12;
        for (ImpactRow row : result.rows()) {
            nameWanted = Math.max(nameWanted, TextFit.width(row.microGoal(), font) + 12);
        }
        nameWanted = Math.min(nameWanted, NAME_MAX);
        double available = width - 2 * PAD;
        List<Column> shown = new ArrayList<>(NUMBER_COLUMNS);
        while (numbersWidth(shown) + nameWanted + LIFT_MIN > available
                && shown.stream().anyMatch(c -> c.dropRank() > 0)) {
            shown.remove(shown.stream().filter(c -> c.dropRank() > 0)
                    .min(Comparator.comparingInt(Column::dropRank)).orElseThrow());
        }
        double left = available - numbersWidth(shown);
        double name = Math.max(NAME_MIN, Math.min(nameWanted, left - LIFT_MIN));
        double lift = Math.max(LIFT_MIN, Math.min(LIFT_MAX, left - name));
        // Width beyond what the bars can use spreads over the number columns, so a wide table stays even.
        double spare = Math.max(0, left - name - lift) / Math.max(1, shown.size());
        List<Double> rights = new ArrayList<>();
        double x = PAD + name + lift;
        for (Column column : shown) {
            x += column.width() + spare;
            rights.add(x);
        }
        return new Layout(PAD, PAD + name, PAD + name + lift, List.copyOf(shown), List.copyOf(rights));
    }

    private static double numbersWidth(List<Column> columns) {
        return columns.stream().mapToDouble(Column::width).sum();
    }

    private void drawRow(List<Node> nodes, ImpactRow row, Layout layout, double top, double scale) {
        boolean significant = row.pValue() < SIGNIFICANCE;
        Color text = significant ? ChartStyle.TEXT : ChartStyle.TEXT_FAINT;
        Font font = ChartStyle.regular(12);
        double y = top + (ROW - TextFit.lineHeight(font)) / 2;
        nodes.add(TextFit.text(TextFit.ellipsize(row.microGoal(), font, layout.nameRight() - layout.nameLeft() - 8),
                font, text, layout.nameLeft() + 4, y));
        for (int c = 0; c < layout.numbers().size(); c++) {
            nodes.add(TextFit.rightAligned(layout.numbers().get(c).cell().apply(row), font, text,
                    layout.rights().get(c) - 4, y));
        }
        drawLift(nodes, row.lift(), layout.nameRight() + 4, layout.liftRight() - 4, top, scale, significant, font);
    }

    /** A bar from the 1× line: right and blue for more conversions, left and grey for fewer; log scale. */
    private static void drawLift(List<Node> nodes, Double lift, double left, double right, double top, double scale,
                                 boolean significant, Font font) {
        String label = Numbers.lift(lift);
        double labelWidth = TextFit.width("00.00×", font) + 6;
        double barLeft = left;
        double barRight = right - labelWidth;
        double center = (barLeft + barRight) / 2;
        Line one = new Line(Math.round(center) + 0.5, top + 4, Math.round(center) + 0.5, top + ROW - 4);
        one.setStroke(ChartStyle.AXIS);
        nodes.add(one);
        if (lift != null && lift > 0) {
            double length = (barRight - barLeft) / 2 * Math.log(lift) / scale;
            Rectangle bar = new Rectangle(Math.min(center, center + length), top + 9, Math.abs(length), ROW - 18);
            Color fill = lift >= 1 ? ChartStyle.ACCENT : Color.web("#8c959f");
            bar.setFill(significant ? fill : fill.deriveColor(0, 0.35, 1.25, 0.45));
            nodes.add(bar);
        }
        nodes.add(TextFit.rightAligned(label, font, significant ? ChartStyle.TEXT : ChartStyle.TEXT_FAINT, right,
                top + (ROW - TextFit.lineHeight(font)) / 2));
    }

    private void drawFootnote(List<Node> nodes, Layout layout, double width, double y) {
        Font font = ChartStyle.regular(11);
        String note = "Lift: rate with ÷ rate without (bar from 1×, log scale; — when nobody converted without)."
                + " Grey rows: p ≥ 0.05, the difference may be chance.";
        if (layout.numbers().size() < NUMBER_COLUMNS.size()) {
            note += " Widen the table, or export it, to see every column.";
        }
        if (!result.hidden().isEmpty()) {
            note += " Too few users to compare: " + String.join(", ", result.hidden()) + ".";
        }
        for (String line : TextFit.wrap(note, font, width - 2 * PAD, 3)) {
            nodes.add(TextFit.text(line, font, ChartStyle.TEXT_MUTED, PAD, y));
            y += TextFit.lineHeight(font);
        }
    }

    private static Node rule(double width, double y, Color color) {
        Line line = new Line(PAD, Math.round(y) + 0.5, width - PAD, Math.round(y) + 0.5);
        line.setStroke(color);
        return line;
    }
}
