package io.funnelworkbench.ui;

import io.funnelworkbench.model.Progress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;

/** The app's single background executor; each piece of work is a JavaFX Task. */
public final class FxBackgroundRunner implements BackgroundRunner, AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "funnel-workbench-worker");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> Running run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        // Cancel is a request the core honours at its next check; the task then fails with CancelledException.
        // Cancelling the Task itself would report "cancelled" while work past its last check still commits.
        AtomicBoolean cancelRequested = new AtomicBoolean();
        Task<T> task = new Task<>() {
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
                    public boolean isCancelled() {
                        return cancelRequested.get();
                    }
                });
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        executor.submit(task);
        return new Running() {
            @Override
            public ReadOnlyDoubleProperty progress() {
                return task.progressProperty();
            }

            @Override
            public ReadOnlyStringProperty message() {
                return task.messageProperty();
            }

            @Override
            public void cancel() {
                cancelRequested.set(true);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
