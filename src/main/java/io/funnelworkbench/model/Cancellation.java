package io.funnelworkbench.model;

/**
 * Whether whoever asked for a computation still wants it. Long core loops ask every few thousand rows, so a
 * superseded or cancelled computation stops soon after it was dropped instead of running to its end.
 */
@FunctionalInterface
public interface Cancellation {
    /** Nobody ever cancels: the command line and tests. */
    Cancellation NEVER = () -> false;

    boolean requested();

    /** Throws {@link Progress.CancelledException} once cancellation was requested. */
    default void check() {
        if (requested()) {
            throw new Progress.CancelledException();
        }
    }
}
