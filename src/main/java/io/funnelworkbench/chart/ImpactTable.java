package io.funnelworkbench.chart;

import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private static final String[] HEADERS = {"Micro goal", "Users with", "Users without", "Rate with", "Rate without",
        "Lift", "Odds ratio", "p-value"};
    private static final double[] NUMBER_WIDTHS = {84, 96, 74, 86, 0, 74, 64};
    private ImpactResult result;

    public ImpactTable() {
        super("impact-table", 880, 0);
    }

    /** Shows an impact table; null shows a placeholder. */
    public void setResult(ImpactResult result) {
        this.result = result;
        redrawLater();
    }

    @Override
    public Region copyForExport() {
        ImpactTable copy = new ImpactTable();
        copy.setResult(result);
        return copy;
    }

    @Override
    protected double computePrefHeight(double width) {
        int rows = result == null ? 3 : result.rows().size();
        return 2 * PAD + 3 * ROW + rows * ROW;
    }

    @Override
    List<Node> draw(double width, double height) {
        if (result == null || result.rows().isEmpty()) {
            return List.of(ChartSurface.placeholder("No micro goals to compare", width, height));
        }
        List<Node> nodes = new ArrayList<>();
        double[] columns = columnEdges(width);
        Font headerFont = ChartStyle.bold(11);
        double y = PAD;
        nodes.add(TextFit.text(TextFit.ellipsize("Conversion to " + result.macroGoal() + " with and without each micro"
                + " goal (" + ChartStyle.count(result.users()) + " users, " + ChartStyle.count(result.converted())
                + " converted)", ChartStyle.regular(11), width - 2 * PAD), ChartStyle.regular(11), ChartStyle.TEXT_MUTED,
                PAD, y));
        y += ROW;
        for (int c = 0; c < HEADERS.length; c++) {
            nodes.add(c == 0 || c == 5 ? TextFit.text(HEADERS[c], headerFont, ChartStyle.TEXT_MUTED, columns[c] + 4, y)
                    : TextFit.rightAligned(HEADERS[c], headerFont, ChartStyle.TEXT_MUTED, columns[c + 1] - 4, y));
        }
        y += ROW - 8;
        nodes.add(rule(width, y, ChartStyle.AXIS));
        double maxLog = result.rows().stream().filter(r -> r.lift() != null && r.lift() > 0)
                .mapToDouble(r -> Math.abs(Math.log(r.lift()))).max().orElse(0);
        double scale = Math.max(maxLog, Math.log(2));
        for (ImpactRow row : result.rows()) {
            drawRow(nodes, row, columns, y, scale);
            y += ROW;
            nodes.add(rule(width, y, ChartStyle.GRID));
        }
        drawFootnote(nodes, width, y + 8);
        return nodes;
    }

    /** Column edges: the name column and the lift column share the width the number columns leave. */
    private static double[] columnEdges(double width) {
        double fixed = 0;
        for (double w : NUMBER_WIDTHS) {
            fixed += w;
        }
        double flexible = Math.max(120, width - 2 * PAD - fixed);
        double[] edges = new double[HEADERS.length + 1];
        edges[0] = PAD;
        edges[1] = PAD + flexible * 0.4;
        for (int c = 1; c < HEADERS.length; c++) {
            double columnWidth = c == 5 ? flexible * 0.6 : NUMBER_WIDTHS[c - 1];
            edges[c + 1] = edges[c] + columnWidth;
        }
        return edges;
    }

    private void drawRow(List<Node> nodes, ImpactRow row, double[] columns, double top, double scale) {
        boolean significant = row.pValue() < SIGNIFICANCE;
        Color text = significant ? ChartStyle.TEXT : ChartStyle.TEXT_FAINT;
        Font font = ChartStyle.regular(12);
        double y = top + (ROW - TextFit.lineHeight(font)) / 2;
        nodes.add(TextFit.text(TextFit.ellipsize(row.microGoal(), font, columns[1] - columns[0] - 8), font, text,
                columns[0] + 4, y));
        String[] cells = {ChartStyle.count(row.usersWith()), ChartStyle.count(row.usersWithout()),
            ChartStyle.percent(row.rateWith()), ChartStyle.percent(row.rateWithout()), null,
            ratio(row.oddsRatio()), pValue(row.pValue())};
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] != null) {
                nodes.add(TextFit.rightAligned(cells[c], font, text, columns[c + 2] - 4, y));
            }
        }
        drawLift(nodes, row.lift(), columns[5] + 4, columns[6] - 4, top, scale, significant, font);
    }

    /** A bar from the 1× line: right and blue for more conversions, left and grey for fewer; log scale. */
    private static void drawLift(List<Node> nodes, Double lift, double left, double right, double top, double scale,
                                 boolean significant, Font font) {
        String label = lift == null ? "—" : ratio(lift) + "×";
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

    private void drawFootnote(List<Node> nodes, double width, double y) {
        Font font = ChartStyle.regular(11);
        String note = "Lift: rate with ÷ rate without (bar from 1×, log scale; — when nobody converted without)."
                + " Grey rows: p ≥ 0.05, the difference may be chance.";
        if (!result.hidden().isEmpty()) {
            note += " Too few users to compare: " + String.join(", ", result.hidden()) + ".";
        }
        for (String line : TextFit.wrap(note, font, width - 2 * PAD, 2)) {
            nodes.add(TextFit.text(line, font, ChartStyle.TEXT_MUTED, PAD, y));
            y += TextFit.lineHeight(font);
        }
    }

    private static Node rule(double width, double y, Color color) {
        Line line = new Line(PAD, Math.round(y) + 0.5, width - PAD, Math.round(y) + 0.5);
        line.setStroke(color);
        return line;
    }

    /** Ratios with two decimals, large ones whole with separators, infinite ones as ∞. */
    static String ratio(double value) {
        if (Double.isInfinite(value)) {
            return "∞";
        }
        return value < 100 ? String.format(Locale.ROOT, "%.2f", value) : ChartStyle.count(Math.round(value));
    }

    static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
