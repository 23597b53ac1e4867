package io.funnelworkbench.ui.background;

/**
 * Where the user reads about a failure that is not their doing. The main window points it at its error dialog;
 * re-pointing it (to a dialog service, say) is one line in MainWindowController.
 */
@FunctionalInterface
public interface ErrorDisplay {
    ErrorDisplay NONE = sentence -> { };

    void show(String sentence);
}
