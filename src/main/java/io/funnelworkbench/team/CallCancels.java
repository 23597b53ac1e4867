package io.funnelworkbench.team;

import io.funnelworkbench.model.Cancellation;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Which calls of a back-end were cancelled: {@link #cancelAll()} (from any thread) marks every call in progress,
 * and each call, holding the {@link Cancellation} it took when it started, sees it; calls started afterwards do not.
 * A caller may also bring its own cancellation ({@link #whileWanted}): then only its calls end when it is requested.
 */
final class CallCancels {
    private final AtomicLong cancels = new AtomicLong();
    /** The cancellation of whoever runs calls on this thread ({@link #whileWanted}); absent: nobody's but ours. */
    private final ThreadLocal<Cancellation> caller = new ThreadLocal<>();

    /** The cancellation of a call that starts now on this thread. */
    Cancellation startCall() {
        long at = cancels.get();
        Cancellation callers = caller();
        return () -> cancels.get() != at || callers.requested();
    }

    /** The cancellation the caller on this thread brought, or {@link Cancellation#NEVER}. */
    Cancellation caller() {
        Cancellation own = caller.get();
        return own == null ? Cancellation.NEVER : own;
    }

    /** Runs {@code work} with {@code cancellation} as the caller's on this thread. */
    <T> T whileWanted(Cancellation cancellation, Supplier<T> work) {
        Cancellation before = caller.get();
        caller.set(cancellation);
        try {
            return work.get();
        } finally {
            if (before == null) {
                caller.remove();
            } else {
                caller.set(before);
            }
        }
    }

    /** Cancels every call in progress. */
    void cancelAll() {
        cancels.incrementAndGet();
    }
}
