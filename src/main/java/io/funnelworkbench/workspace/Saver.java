package io.funnelworkbench.workspace;

/**
 * Where the workspace's writes to the project file run. The command line writes at once; the app hands them to
 * its background lane, so the screens change at once and the file follows in order.
 */
@FunctionalInterface
public interface Saver {
    /** Writes in the calling thread, before the edit returns; a failure reaches the caller. */
    Saver AT_ONCE = (what, write) -> write.run();

    /** Runs {@code write}, described to the user as {@code what} (e.g. "Saving Purchase"). */
    void save(String what, Runnable write);
}
