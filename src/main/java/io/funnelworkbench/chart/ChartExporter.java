package io.funnelworkbench.chart;

import io.funnelworkbench.text.ChartCaption;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/**
 * Renders charts, with their title and the rules in force as a caption ({@code text.ChartText} writes it), to
 * images and PNG files.
 */
public final class ChartExporter {
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
}
