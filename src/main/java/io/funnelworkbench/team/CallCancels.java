package io.funnelworkbench.team;

import io.funnelworkbench.model.Cancellation;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which calls of a back-end were cancelled: {@link #cancelAll()} (from any thread) marks every call in progress,
 * and each call, holding the {@link Cancellation} it took when it started, sees it; calls started afterwards do not.
 */
final class CallCancels {
    private final AtomicLong cancels = new AtomicLong();

    /** The cancellation of a call that starts now. */
    Cancellation startCall() {
        long at = cancels.get();
        return () -> cancels.get() != at;
    }

    /** Cancels every call in progress. */
    void cancelAll() {
        cancels.incrementAndGet();
    }
}
