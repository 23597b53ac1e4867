package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts and tables name an optional step as such, so a step drawn among the required ones says what it is. */
class StepTextTest {

    @Test
    void anOptionalStepIsNamedOptional() {
        FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"),
                new FunnelSpec.Step("coupon", MatchRule.event("coupon"), GoalValue.NONE, true),
                FunnelSpec.Step.event("buy")), Duration.ofDays(1), OrderMode.SEQUENTIAL);
        FunnelResult result = new FunnelEngine(new EventLogBuilder().add("ann", "view", 0).add("ann", "coupon", 1)
                .add("ann", "buy", 2).build()).compute(spec);

        assertThat(result.steps()).extracting(StepText::label)
                .containsExactly("1. view", "2. coupon (optional)", "3. buy");
    }
}
