package io.funnelworkbench.ui;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.ui.background.BackgroundRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps background work until the test runs it, as a busy background thread would; the work sees the
 * cancellation it was given, and the runner counts the cancellations asked for.
 */
public final class DeferredRunner implements BackgroundRunner {
    private final List<Runnable> pending = new ArrayList<>();
    private int cancelled;

    /** How many times a caller asked running work to stop. */
    public int cancelled() {
        return cancelled;
    }

    @Override
    public <T> Running run(Lane lane, String title, Work<T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        CancellableWork held = new CancellableWork(() -> cancelled++);
        Progress progress = held.progress();
        pending.add(() -> {
            T result;
            try {
                result = work.run(progress);
            } catch (Exception failure) {
                onFailure.accept(failure);
                return;
            }
            onSuccess.accept(result);
        });
        return held.running();
    }

    /** Runs the work kept so far, and the work it queues in turn. */
    public void runAll() {
        while (!pending.isEmpty()) {
            List<Runnable> now = List.copyOf(pending);
            pending.clear();
            now.forEach(Runnable::run);
        }
    }
}
