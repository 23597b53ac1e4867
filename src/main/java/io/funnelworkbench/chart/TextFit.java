package io.funnelworkbench.chart;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** Measures, wraps and ellipsizes text so that labels stay inside the space they are given. */
final class TextFit {
    private static final String ELLIPSIS = "…";

    private TextFit() {
    }

    static double width(String text, Font font) {
        Text probe = new Text(text);
        probe.setFont(font);
        return probe.getLayoutBounds().getWidth();
    }

    static double lineHeight(Font font) {
        Text probe = new Text("Ag");
        probe.setFont(font);
        return Math.ceil(probe.getLayoutBounds().getHeight());
    }

    /** The text cut with an ellipsis so it is at most {@code maxWidth} wide. */
    static String ellipsize(String text, Font font, double maxWidth) {
        if (width(text, font) <= maxWidth) {
            return text;
        }
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (width(text.substring(0, mid).stripTrailing() + ELLIPSIS, font) <= maxWidth) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low == 0 ? ELLIPSIS : text.substring(0, low).stripTrailing() + ELLIPSIS;
    }

    /**
     * Word-wrapped lines no wider than {@code maxWidth}, at most {@code maxLines} (the last one ellipsized when
     * text is left over). Words longer than a line, such as event names with underscores, are broken.
     */
    static List<String> wrap(String text, Font font, double maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines) {
            if (lines.size() == maxLines - 1) {
                lines.add(ellipsize(rest, font, maxWidth));
                break;
            }
            int cut = lineEnd(rest, font, maxWidth);
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        return lines;
    }

    /** Where the first line of {@code text} ends: after the last fitting space, else after the last fitting char. */
    private static int lineEnd(String text, Font font, double maxWidth) {
        if (width(text, font) <= maxWidth) {
            return text.length();
        }
        int fitting = 1;
        while (fitting < text.length() && width(text.substring(0, fitting + 1), font) <= maxWidth) {
            fitting++;
        }
        int space = text.lastIndexOf(' ', fitting);
        int breakAfter = Math.max(text.lastIndexOf('_', fitting - 1), text.lastIndexOf('-', fitting - 1));
        if (space > 0) {
            return space;
        }
        return breakAfter > 0 ? breakAfter + 1 : fitting;
    }

    /** The largest size from {@code preferred} down to {@link ChartStyle#MIN_FONT} at which every text fits. */
    static double fittingSize(List<String> texts, boolean bold, double preferred, double maxWidth) {
        double size = preferred;
        while (size > ChartStyle.MIN_FONT && widest(texts, bold ? ChartStyle.bold(size) : ChartStyle.regular(size))
                > maxWidth) {
            size -= 0.5;
        }
        return Math.max(size, ChartStyle.MIN_FONT);
    }

    static double widest(List<String> texts, Font font) {
        return texts.stream().mapToDouble(t -> width(t, font)).max().orElse(0);
    }

    /** A text node whose top-left corner (not its baseline) sits at x, y. */
    static Text text(String content, Font font, Color fill, double x, double y) {
        Text text = new Text(x, y, content);
        text.setFont(font);
        text.setFill(fill);
        text.setTextOrigin(VPos.TOP);
        return text;
    }

    /** A text node centred horizontally on {@code centerX}, top at y. */
    static Text centered(String content, Font font, Color fill, double centerX, double y) {
        Text text = text(content, font, fill, 0, y);
        text.setTextAlignment(TextAlignment.CENTER);
        text.setX(centerX - text.getLayoutBounds().getWidth() / 2);
        return text;
    }

    /** A text node right-aligned at {@code rightX}, top at y. */
    static Text rightAligned(String content, Font font, Color fill, double rightX, double y) {
        Text text = text(content, font, fill, 0, y);
        text.setX(rightX - text.getLayoutBounds().getWidth());
        return text;
    }
}
