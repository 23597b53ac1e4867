package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelResult;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs the live funnel computation in the background. Each restart supersedes the previous one: a result of
 * superseded work is never delivered. Callbacks run on the FX thread.
 */
public interface Recompute {
    void restart(Callable<FunnelResult> work, Consumer<FunnelResult> onResult, Consumer<Throwable> onFailure);

    /** Drops the work under way, if any, so that nothing is delivered. */
    void cancel();
}
