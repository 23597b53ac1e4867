package io.funnelworkbench.ui.background;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.ui.CancellableWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A runner whose work runs on real threads while the test thread plays the FX thread: callbacks wait in a queue
 * until {@link #deliverNext} takes them, and debounce delays pass only when the test moves the clock.
 */
final class HandDrivenRunner implements BackgroundRunner, AutoCloseable {
    private record Timer(long dueNanos, Runnable action) {
    }

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private final List<Timer> timers = new ArrayList<>();
    private long nowNanos;
    int started;
    int cancelled;

    @Override
    public <T> Running run(Lane lane, String title, Work<T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        started++;
        CancellableWork held = new CancellableWork(() -> cancelled++);
        Progress progress = held.progress();
        workers.submit(() -> {
            try {
                T result = work.run(progress);
                fxQueue.add(() -> onSuccess.accept(result));
            } catch (Throwable failure) {
                fxQueue.add(() -> onFailure.accept(failure));
            }
        });
        return held.running();
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        timers.add(new Timer(nowNanos + delay.toNanos(), action));
    }

    /** Moves the clock on and runs the debounced actions that fell due, as the FX thread would. */
    void advance(Duration by) {
        nowNanos += by.toNanos();
        List<Timer> due = timers.stream().filter(t -> t.dueNanos() <= nowNanos).toList();
        timers.removeAll(due);
        due.forEach(t -> t.action().run());
    }

    /** Waits for the next finished piece of work and runs its callback on this (the "FX") thread. */
    void deliverNext() throws InterruptedException {
        Runnable callback = fxQueue.poll(30, TimeUnit.SECONDS);
        if (callback == null) {
            throw new AssertionError("No background work finished within 30 s");
        }
        callback.run();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
