package io.funnelworkbench.model;

/**
 * How long-running core work reports progress and learns that the user cancelled. Plain Java so the core
 * stays free of UI types; the UI adapts it to a JavaFX Task.
 */
public interface Progress {
    Progress NONE = (done, total, message) -> { };

    /** {@code total} is -1 when unknown. */
    void report(long done, long total, String message);

    /**
     * An import's progress as numbers. Screens that show imports override this and word it themselves; anything
     * else (logs, benchmarks) gets the phase's description.
     */
    default void importing(ImportProgress step) {
        double fraction = step.fraction();
        report(fraction < 0 ? 0 : Math.round(fraction * 1_000_000), fraction < 0 ? -1 : 1_000_000,
                step.phase().description());
    }

    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when the user asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Thrown by core work that stopped because it was cancelled; whatever it changed has been undone. */
    final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("Cancelled");
        }
    }
}
