package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelResult;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * {@link Recompute} on a JavaFX {@link Service}: {@code restart()} cancels the running task, and a cancelled
 * task never reports, so stale results are discarded. Work runs on its own daemon threads, not on the app's
 * shared worker, so a slow funnel never delays saving.
 */
final class ServiceRecompute implements Recompute {
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "funnel-recompute");
        thread.setDaemon(true);
        return thread;
    });
    private final Service<FunnelResult> service = new Service<>() {
        @Override
        protected Task<FunnelResult> createTask() {
            Callable<FunnelResult> current = work;
            return new Task<>() {
                @Override
                protected FunnelResult call() throws Exception {
                    return current.call();
                }
            };
        }
    };
    private Callable<FunnelResult> work;
    private Consumer<FunnelResult> onResult = result -> { };
    private Consumer<Throwable> onFailure = failure -> { };

    ServiceRecompute() {
        service.setExecutor(executor);
        service.setOnSucceeded(e -> onResult.accept(service.getValue()));
        service.setOnFailed(e -> onFailure.accept(service.getException()));
    }

    @Override
    public void restart(Callable<FunnelResult> newWork, Consumer<FunnelResult> resultHandler,
                        Consumer<Throwable> failureHandler) {
        work = newWork;
        onResult = resultHandler;
        onFailure = failureHandler;
        service.restart();
    }

    @Override
    public void cancel() {
        service.cancel();
    }

    void shutdown() {
        service.cancel();
        executor.shutdownNow();
    }
}
