package io.funnelworkbench.ui.main;

import io.funnelworkbench.chart.FunnelChart;
import java.lang.management.ManagementFactory;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Measures the app's start for docs/BENCHMARKS.md ("Start-up"). With {@code -Dfunnelworkbench.startupProbe=true}
 * and {@code --sample=NAME} it opens the sample's first saved funnel as a user does (Enter on it in the
 * Overview), prints when the window, the project and the funnel chart were first drawn (milliseconds since the
 * JVM started) and quits.
 */
final class StartupProbe {
    private final Scene scene;
    private final MainWindowViewModel viewModel;
    private long windowDrawn = -1;
    private long projectDrawn = -1;
    private boolean funnelAsked;

    private StartupProbe(Scene scene, MainWindowViewModel viewModel) {
        this.scene = scene;
        this.viewModel = viewModel;
    }

    static boolean requested() {
        return Boolean.getBoolean("funnelworkbench.startupProbe");
    }

    static void watch(Scene scene, MainWindowViewModel viewModel) {
        StartupProbe probe = new StartupProbe(scene, viewModel);
        scene.addPostLayoutPulseListener(probe::afterPulse);
    }

    /** Each step is taken on a pulse after the previous one was laid out, so it has been drawn. */
    private void afterPulse() {
        if (windowDrawn < 0) {
            windowDrawn = uptime();
        } else if (projectDrawn < 0 && viewModel.sessionProperty().get() != null) {
            projectDrawn = uptime();
            Platform.runLater(this::openFirstSavedFunnel);
        } else if (funnelAsked && scene.lookup("#funnelChart") instanceof FunnelChart chart
                && chart.getResult() != null && chart.isVisible()) {
            // A timing line for the startup benchmark to parse, so plain digits without separators.
            System.out.println("startup: window " + windowDrawn + " ms, project " + projectDrawn + " ms, funnel "
                    + uptime() + " ms (since the JVM started)");
            Platform.exit();
        }
    }

    private void openFirstSavedFunnel() {
        ListView<?> funnels = (ListView<?>) scene.lookup("#funnelList");
        if (funnels.getItems().isEmpty()) {
            System.out.println("startup: the project has no saved funnel to draw");
            Platform.exit();
            return;
        }
        funnels.getSelectionModel().select(0);
        funnels.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        funnelAsked = true;
        Platform.requestNextPulse();
    }

    private static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
