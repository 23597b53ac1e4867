package io.funnelworkbench.ui.goals;

import io.funnelworkbench.ui.BackgroundRunner;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * Runs one background computation at a time and delivers only the newest request's result: while a run is
 * under way, later requests replace each other, so fast edits never queue up scans of a large project.
 */
final class LatestRun<T> {
    private record Request<T>(BackgroundRunner.Work<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
    }

    private final BackgroundRunner runner;
    private final String title;
    private Request<T> pending;
    private BackgroundRunner.Running running;
    private boolean stopped;

    LatestRun(BackgroundRunner runner, String title) {
        this.runner = runner;
        this.title = title;
    }

    void request(BackgroundRunner.Work<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        if (stopped) {
            return;
        }
        pending = new Request<>(work, onResult, onFailure);
        if (running == null) {
            startNext();
        } else {
            running.cancel();
        }
    }

    /** Drops what is pending and ignores what is running: the screen that asked has gone. */
    void stop() {
        stopped = true;
        pending = null;
        if (running != null) {
            running.cancel();
        }
    }

    private void startNext() {
        Request<T> next = pending;
        pending = null;
        if (next == null || stopped) {
            return;
        }
        // A placeholder until run() returns: a synchronous runner finishes inside run().
        running = PLACEHOLDER;
        BackgroundRunner.Running started = runner.run(title, next.work(),
                result -> finish(() -> next.onResult().accept(result)),
                failure -> finish(() -> next.onFailure().accept(failure)));
        if (running == PLACEHOLDER) {
            running = started;
        }
    }

    private void finish(Runnable deliver) {
        running = null;
        if (pending == null && !stopped) {
            deliver.run();
        }
        startNext();
    }

    private static final BackgroundRunner.Running PLACEHOLDER = new BackgroundRunner.Running() {
        @Override
        public ReadOnlyDoubleProperty progress() {
            return new SimpleDoubleProperty(-1);
        }

        @Override
        public ReadOnlyStringProperty message() {
            return new SimpleStringProperty("");
        }

        @Override
        public void cancel() {
            // Nothing has started yet; the newer request simply runs next.
        }
    };
}
