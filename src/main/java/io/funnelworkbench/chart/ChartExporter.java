package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/** Renders charts, with their title and the rules in force as a caption, to images and PNG files. */
public final class ChartExporter {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private ChartExporter() {
    }

    /**
     * Renders a chart (at width × height logical pixels, title and caption included) at scale 1, 2 or 3 and
     * writes it as a PNG. The file is written beside the target and then moved over it, so a failed export
     * never leaves half an image. Works from any thread once the JavaFX toolkit runs, headless included.
     */
    public static void writePng(Region chart, ChartCaption caption, double width, double height, double scale,
                                Path target) throws IOException {
        WritableImage image = render(chart, caption, width, height, scale);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        Path absolute = target.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".chart-", ".png.part");
        try {
            if (!ImageIO.write(pixels, "png", temporary.toFile())) {
                throw new IOException("No PNG writer is available");
            }
            moveIntoPlace(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The same image as {@link #writePng}, for the clipboard. The chart is drawn by vector at the scale (not
     * upscaled), so text stays sharp at 2x and 3x. A chart shown in a window is exported from a copy.
     */
    public static WritableImage render(Region chart, ChartCaption caption, double width, double height,
                                       double scale) {
        if (scale < 1 || scale > 3) {
            throw new IllegalArgumentException("The export scale must be from 1 to 3, not " + scale);
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("A chart image must be at least 200 × 150, not " + width + " × "
                    + height);
        }
        return FxThread.call(() -> snapshot(exportable(chart), caption, width, height, scale));
    }

    private static Region exportable(Region chart) {
        if (chart instanceof ExportableChart own) {
            return own.copyForExport();
        }
        if (chart.getScene() != null || chart.getParent() != null) {
            throw new IllegalArgumentException("Only a chart that is not shown in a window can be exported");
        }
        return chart;
    }

    private static WritableImage snapshot(Region chart, ChartCaption caption, double width, double height,
                                          double scale) {
        ExportFrame frame = new ExportFrame(chart, caption);
        Scene scene = new Scene(frame, width, height);
        frame.applyCss();
        frame.layout();
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(ChartStyle.BACKGROUND);
        parameters.setTransform(Transform.scale(scale, scale));
        WritableImage image = new WritableImage((int) Math.round(width * scale), (int) Math.round(height * scale));
        scene.getRoot().snapshot(parameters, image);
        return image;
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The caption of a chart that is not broken down, of a funnel whose attempts could start on any day. */
    public static ChartCaption captionFor(FunnelResult result, String title, Instant dataFrom, Instant dataTo) {
        return captionFor(result, title, null, null, dataFrom, dataTo, false);
    }

    /**
     * The caption of a funnel chart: order, window, entry dates (null ends open), the breakdown when the chart
     * draws it ({@code drawsBreakdown}: a caption never names a breakdown the picture does not show), exclusions,
     * counting, and the range of the data it was computed on.
     */
    public static ChartCaption captionFor(FunnelResult result, String title, LocalDate entryFrom, LocalDate entryTo,
                                          Instant dataFrom, Instant dataTo, boolean drawsBreakdown) {
        List<String> rules = new ArrayList<>();
        rules.add(orderText(result.order()));
        rules.add(windowText(result.window()) + " window");
        rules.add(entryText(entryFrom, entryTo));
        if (drawsBreakdown && result.breakdownProperty() != null) {
            rules.add("by " + result.breakdownProperty() + " (" + result.attribution().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-') + ")");
        }
        if (result.excludedUsers() > 0) {
            rules.add(ChartStyle.count(result.excludedUsers()) + " users excluded");
        }
        rules.add("counted once per user");
        return new ChartCaption(title, String.join(" · ", rules), dataText(dataFrom, dataTo));
    }

    private static String orderText(OrderMode order) {
        return switch (order) {
            case SEQUENTIAL -> "Sequential order";
            case STRICT -> "Strict order";
            case ANY -> "Any order";
        };
    }

    /** "7-day", "30-minute", "90-second": the window as people say it. */
    static String windowText(Duration window) {
        long seconds = window.getSeconds();
        long[] sizes = {86_400, 3_600, 60};
        String[] units = {"day", "hour", "minute"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds != 0 && seconds % sizes[i] == 0) {
                return seconds / sizes[i] + "-" + units[i];
            }
        }
        return seconds + "-second";
    }

    private static String entryText(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "entry on any day";
        }
        if (to == null) {
            return "entry from " + DAY.format(from);
        }
        return from == null ? "entry up to " + DAY.format(to) : "entry " + DAY.format(from) + " to " + DAY.format(to);
    }

    private static String dataText(Instant from, Instant to) {
        if (from == null || to == null) {
            return "Data: no events";
        }
        return "Data: " + DAY.format(from.atZone(ZoneOffset.UTC)) + " to " + DAY.format(to.atZone(ZoneOffset.UTC))
                + " (UTC) · Funnel Workbench";
    }
}
