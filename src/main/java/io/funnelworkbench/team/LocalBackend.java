package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;

/** The desktop's engine as a back-end: the funnel computed on this machine's snapshot. */
public final class LocalBackend implements FunnelBackend {
    private final FunnelEngine engine;

    public LocalBackend(FunnelEngine engine) {
        this.engine = engine;
    }

    @Override
    public FunnelCounts counts(FunnelSpec spec) {
        FunnelResult result = engine.compute(spec);
        return new FunnelCounts(result.steps().stream().filter(step -> !step.optional()).map(StepResult::users)
                .toList(), result.stillInWindow());
    }
}
