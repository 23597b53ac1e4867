package io.funnelworkbench.ui.background;

import java.util.function.BiConsumer;

/**
 * Where the user reads about a failure that is not their doing. The main window points it at its error dialog;
 * re-pointing it (to a dialog service, say) is one line in MainWindowController.
 */
@FunctionalInterface
public interface ErrorDisplay {
    ErrorDisplay NONE = sentence -> { };

    void show(String sentence);

    /** With the failure behind the sentence, for the dialog's details; by default the sentence alone. */
    default void show(String sentence, Throwable details) {
        show(sentence);
    }

    /** A display that keeps the details, for the error dialog's expandable stack trace. */
    static ErrorDisplay withDetails(BiConsumer<String, Throwable> display) {
        return new ErrorDisplay() {
            @Override
            public void show(String sentence) {
                display.accept(sentence, null);
            }

            @Override
            public void show(String sentence, Throwable details) {
                display.accept(sentence, details);
            }
        };
    }
}
