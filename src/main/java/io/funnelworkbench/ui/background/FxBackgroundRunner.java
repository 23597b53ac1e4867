package io.funnelworkbench.ui.background;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;

/**
 * The app's background workers, one executor per {@link Lane}: a single thread for jobs (opening, importing,
 * exporting), two for computations (each scan is itself parallel; two let a drill-down overlap a funnel), and a
 * single thread for saving, so edits are written in order and never wait for a computation. Each piece of work
 * is a JavaFX Task.
 */
public final class FxBackgroundRunner implements BackgroundRunner, AutoCloseable {
    private static final int COMPUTE_THREADS = 2;

    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
    /** Only waits out debounce delays; the delayed action runs on the FX thread. */
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(daemon("funnel-workbench-debounce"));

    public FxBackgroundRunner() {
        lanes.put(Lane.JOBS, Executors.newSingleThreadExecutor(daemon("funnel-workbench-worker")));
        lanes.put(Lane.COMPUTE, Executors.newFixedThreadPool(COMPUTE_THREADS, daemon("funnel-workbench-compute")));
        lanes.put(Lane.SAVE, Executors.newSingleThreadExecutor(daemon("funnel-workbench-save")));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public <T> Running run(Lane lane, String title, Work<T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        ReportingTask<T> task = new ReportingTask<>(title, work);
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        lanes.get(lane).submit(task);
        return task.handle();
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        if (delay.isZero() || delay.isNegative()) {
            action.run();
            return;
        }
        timer.schedule(() -> Platform.runLater(action), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        lanes.get(Lane.JOBS).shutdownNow();
        lanes.get(Lane.COMPUTE).shutdownNow();
        // Edits already made are still written; nothing new is accepted.
        lanes.get(Lane.SAVE).shutdown();
    }

    /** A Task that passes the core's progress on, typed import progress included, and honours Cancel. */
    private static final class ReportingTask<T> extends Task<T> {
        private final String title;
        private final Work<T> work;
        // Cancel is a request the core honours at its next check; the task then fails with CancelledException.
        // Cancelling the Task itself would report "cancelled" while work past its last check still commits.
        private final AtomicBoolean cancelRequested = new AtomicBoolean();
        private final ReadOnlyObjectWrapper<ImportProgress> importProgress = new ReadOnlyObjectWrapper<>();
        // Like Task's own updates: many reports between two pulses reach the FX thread as the latest one.
        private final AtomicReference<ImportProgress> pendingImport = new AtomicReference<>();

        ReportingTask(String title, Work<T> work) {
            this.title = title;
            this.work = work;
        }

        @Override
        protected T call() throws Exception {
            updateTitle(title);
            updateMessage(title);
            return work.run(new Progress() {
                @Override
                public void report(long done, long total, String message) {
                    updateProgress(done, total);
                    updateMessage(message);
                }

                @Override
                public void importing(ImportProgress step) {
                    double fraction = step.fraction();
                    updateProgress(fraction < 0 ? -1 : fraction, 1);
                    updateMessage(ImportSentences.of(step));
                    if (pendingImport.getAndSet(step) == null) {
                        Platform.runLater(() -> importProgress.set(pendingImport.getAndSet(null)));
                    }
                }

                @Override
                public boolean isCancelled() {
                    return cancelRequested.get();
                }
            });
        }

        Running handle() {
            return new Running() {
                @Override
                public ReadOnlyDoubleProperty progress() {
                    return progressProperty();
                }

                @Override
                public ReadOnlyStringProperty message() {
                    return messageProperty();
                }

                @Override
                public ReadOnlyObjectProperty<ImportProgress> importProgress() {
                    return importProgress.getReadOnlyProperty();
                }

                @Override
                public void cancel() {
                    cancelRequested.set(true);
                }
            };
        }
    }
}
