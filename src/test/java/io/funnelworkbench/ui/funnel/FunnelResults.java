package io.funnelworkbench.ui.funnel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/** Waits in UI tests for the Funnels tab to show a result computed in the background. */
final class FunnelResults {
    private FunnelResults() {
    }

    static void await(FunnelBuilderViewModel model) throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !model.computingProperty().get() && model.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
