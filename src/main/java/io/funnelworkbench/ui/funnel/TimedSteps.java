package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The steps the Time to convert tab offers: the required steps from step 2, each timed from the required step
 * before it. An optional step has no times of its own (FUNNEL-SEMANTICS.md, "Optional steps").
 */
final class TimedSteps {
    private TimedSteps() {
    }

    /** The numbers (1-based) of the steps with a time from the previous step; empty without a result. */
    static List<Integer> of(FunnelResult result) {
        return result == null ? List.of() : IntStream.rangeClosed(2, result.steps().size())
                .filter(step -> !result.steps().get(step - 1).optional()).boxed().toList();
    }

    /** The required step before step {@code step} (1-based): the step its times are measured from. */
    static StepResult previous(List<StepResult> steps, int step) {
        int previous = step - 1;
        while (previous > 1 && steps.get(previous - 1).optional()) {
            previous--;
        }
        return steps.get(previous - 1);
    }
}
