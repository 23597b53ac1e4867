package io.funnelworkbench.ui.main;

import java.time.Duration;

/** Runs an action on the FX thread after a delay: how a report such as "Imported 842 events" fades. */
@FunctionalInterface
public interface StatusTimer {
    void after(Duration delay, Runnable action);
}
