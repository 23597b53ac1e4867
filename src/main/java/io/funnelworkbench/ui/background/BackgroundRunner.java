package io.funnelworkbench.ui.background;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Runs core work off the FX thread, on one of three {@link Lane}s, and calls back on it. View models depend on this
 * interface so they can be unit-tested with a runner that works synchronously. Recomputations go through
 * {@link LatestWins}, which adds the debounce and drops stale results; see docs/ARCHITECTURE.md, "Background work:
 * one policy".
 */
public interface BackgroundRunner {
    /** Which worker runs a piece of work: saving never waits for a computation, nor a computation for an import. */
    enum Lane {
        /** Work the status bar follows with its progress bar and Cancel: opening, importing, exporting. */
        JOBS,
        /** Recomputations of what a screen shows; superseded ones are cancelled. */
        COMPUTE,
        /** Writing the user's edits to the project, in the order they were made. */
        SAVE
    }

    <T> Running run(Lane lane, String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code work} on the {@link Lane#JOBS} lane. */
    default <T> Running run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(Lane.JOBS, title, work, onSuccess, onFailure);
    }

    /**
     * Runs {@code action} on the FX thread after {@code delay}, for debouncing. Runners without a clock (the
     * synchronous ones of view-model tests) run it at once.
     */
    default void schedule(Duration delay, Runnable action) {
        action.run();
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /**
     * A piece of work under way: its progress (-1 while unknown), its latest message, an import's typed progress
     * (null for other work), and Cancel.
     */
    interface Running {
        ReadOnlyDoubleProperty progress();

        ReadOnlyStringProperty message();

        ReadOnlyObjectProperty<ImportProgress> importProgress();

        void cancel();
    }
}
