package io.funnelworkbench.chart;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.layout.Region;

/**
 * Chart images for callers without a window, such as the command line: starts the JavaFX toolkit (headless
 * when there is no display) and renders the same charts as the app. Its methods use only model and JDK types,
 * so the core layers can call it without touching JavaFX.
 */
public final class ChartImages {
    private static final String MONOCLE = "com.sun.glass.ui.monocle.MonoclePlatformFactory";
    private static boolean started;
    /** Held so the level sticks: JavaFX warns on stderr that it runs from the class path, noise for the CLI. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private ChartImages() {
    }

    /** Which chart of a result: its kind, the funnel's shape, and the step whose times a TIME chart shows. */
    public record Choice(ChartKind kind, FunnelShape shape, int step) {
        public Choice(ChartKind kind) {
            this(kind, FunnelShape.COLUMNS, 0);
        }
    }

    /** Writes a funnel result as a PNG of (width × scale) by (height × scale) pixels, title and caption included. */
    public static void writePng(ChartKind kind, FunnelResult result, ChartCaption caption, double width, double height,
                                double scale, Path target) throws IOException {
        writePng(new Choice(kind), result, caption, width, height, scale, target);
    }

    /** As above, for the chart {@code choice} names. */
    public static void writePng(Choice choice, FunnelResult result, ChartCaption caption, double width, double height,
                                double scale, Path target) throws IOException {
        startToolkit();
        Region chart = FxThread.call(() -> chart(choice, result));
        ChartExporter.writePng(chart, caption, width, height, scale, target);
    }

    /** The caption of a chart of {@code kind}: only the breakdown bars draw the breakdown, so only they name it. */
    public static ChartCaption caption(FunnelResult result, ChartKind kind, String title, LocalDate entryFrom,
                                       LocalDate entryTo, Instant dataFrom, Instant dataTo) {
        return ChartText.caption(result, title, entryFrom, entryTo, dataFrom, dataTo, kind == ChartKind.BARS
                || kind == ChartKind.TREND && TrendChart.drawsBreakdown(result));
    }

    private static Region chart(Choice choice, FunnelResult result) {
        return switch (choice.kind()) {
            case FUNNEL -> {
                FunnelChart chart = new FunnelChart();
                chart.funnelShapeProperty().set(choice.shape());
                chart.setResult(result);
                yield chart;
            }
            case BARS -> {
                BreakdownChart chart = new BreakdownChart();
                chart.setResult(result);
                yield chart;
            }
            case TREND -> {
                TrendChart chart = new TrendChart();
                chart.setResult(result);
                yield chart;
            }
            case TIME -> {
                TimeToConvertChart chart = new TimeToConvertChart();
                int step = choice.step();
                chart.setStats(result.steps().get(step - 1).timeFromPrevious(), ChartText.timeBetween(
                        result.steps().get(step - 2).name(), result.steps().get(step - 1).name()),
                        result.window().getSeconds());
                yield chart;
            }
        };
    }

    /**
     * Starts the toolkit once. Without a display on Linux, the GTK toolkit cannot start, so the headless
     * Monocle platform with software rendering is chosen before start-up; a toolkit already running (the app,
     * or a test) is used as it is.
     */
    static synchronized void startToolkit() {
        if (started) {
            return;
        }
        if (needsHeadlessPlatform()) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("java.awt.headless", "true");
        }
        JAVAFX_LOG.setLevel(Level.SEVERE);
        CountDownLatch running = new CountDownLatch(1);
        try {
            Platform.startup(running::countDown);
            running.await();
        } catch (IllegalStateException alreadyRunning) {
            // The app or a test started the toolkit; charts render on it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the chart renderer", e);
        } catch (RuntimeException | Error noDisplay) {
            throw new IllegalStateException("Charts cannot be drawn here: there is no display and no headless"
                    + " renderer (" + noDisplay.getMessage() + ")", noDisplay);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    private static boolean needsHeadlessPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean usesX11 = !os.contains("win") && !os.contains("mac");
        return usesX11 && isBlank(System.getenv("DISPLAY")) && System.getProperty("glass.platform") == null
                && isOnClassPath(MONOCLE);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isOnClassPath(String className) {
        try {
            Class.forName(className, false, ChartImages.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
