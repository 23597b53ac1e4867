package io.funnelworkbench.chart;

import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

/** Diagonal hatching drawn as vector lines (not an image pattern) so it stays crisp when exported at 2x or 3x. */
final class Hatching {
    private static final double SPACING = 6;

    private Hatching() {
    }

    /** A hatched polygon (x, y pairs), for the drop-off between two bars of the funnel shape. */
    static Node polygon(double[] points, Color fill, Color lines, Color border) {
        Polygon background = new Polygon(points);
        background.setFill(fill);
        Bounds box = background.getBoundsInLocal();
        Group hatch = diagonals(box.getMinX(), box.getMinY(), box.getWidth(), box.getHeight(), lines);
        hatch.setClip(new Polygon(points));
        Group group = new Group(background, hatch);
        if (border != null) {
            Polygon outline = new Polygon(points);
            outline.setFill(null);
            outline.setStroke(border);
            outline.setStrokeWidth(1.5);
            group.getChildren().add(outline);
        }
        return group;
    }

    private static Group diagonals(double x, double y, double width, double height, Color lines) {
        Group hatch = new Group();
        for (double offset = -height; offset < width; offset += SPACING) {
            Line line = new Line(x + offset, y + height, x + offset + height, y);
            line.setStroke(lines);
            line.setStrokeWidth(1);
            hatch.getChildren().add(line);
        }
        return hatch;
    }

    static Node rectangle(double x, double y, double width, double height, Color fill, Color lines, Color border) {
        Rectangle background = new Rectangle(x, y, width, height);
        background.setFill(fill);
        Group hatch = diagonals(x, y, width, height, lines);
        hatch.setClip(new Rectangle(x, y, width, height));
        Group group = new Group(background, hatch);
        if (border != null) {
            Rectangle outline = new Rectangle(x + 0.75, y + 0.75, Math.max(0, width - 1.5), Math.max(0, height - 1.5));
            outline.setFill(null);
            outline.setStroke(border);
            outline.setStrokeWidth(1.5);
            group.getChildren().add(outline);
        }
        return group;
    }

    /**
     * A bar in a series' colour with that series' line pattern in white, so that series stay apart in greyscale
     * print: none, rising diagonals, falling diagonals, horizontals, verticals, crossed diagonals.
     */
    static Node series(double x, double y, double width, double height, Color fill, int series) {
        Rectangle background = new Rectangle(x, y, width, height);
        background.setFill(fill);
        int pattern = series % 6;
        if (pattern == 0 || width < 2 || height < 2) {
            return background;
        }
        Group lines = new Group();
        Color stroke = Color.color(1, 1, 1, 0.6);
        if (pattern == 1 || pattern == 5) {
            lines.getChildren().add(diagonals(x, y, width, height, stroke));
        }
        if (pattern == 2 || pattern == 5) {
            Group falling = diagonals(x, y, width, height, stroke);
            falling.setScaleX(-1);
            lines.getChildren().add(falling);
        }
        for (double offset = SPACING / 2; pattern == 3 && offset < height; offset += SPACING) {
            lines.getChildren().add(line(x, y + offset, x + width, y + offset, stroke));
        }
        for (double offset = SPACING / 2; pattern == 4 && offset < width; offset += SPACING) {
            lines.getChildren().add(line(x + offset, y, x + offset, y + height, stroke));
        }
        lines.setClip(new Rectangle(x, y, width, height));
        return new Group(background, lines);
    }

    private static Line line(double x1, double y1, double x2, double y2, Color stroke) {
        Line line = new Line(x1, y1, x2, y2);
        line.setStroke(stroke);
        line.setStrokeWidth(1.2);
        return line;
    }
}
