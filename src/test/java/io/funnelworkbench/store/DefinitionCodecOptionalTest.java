package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionCodecOptionalTest {
    @Test
    void optionalStepsAreSavedAndFunnelsSavedBeforeThemReadAsRequired() {
        FunnelDefinition funnel = FunnelDefinition.of("Shop", List.of(FunnelStep.event("view"),
                FunnelStep.goal("Coupon").withOptional(true), FunnelStep.event("buy")));
        String json = DefinitionCodec.write(DefinitionCodec.funnelToJson(funnel));
        assertThat(json).contains("\"optional\" : true").containsOnlyOnce("optional");
        assertThat(DefinitionCodec.funnelFromJson(DefinitionCodec.read(json))).isEqualTo(funnel);

        FunnelDefinition old = DefinitionCodec.funnelFromJson(DefinitionCodec.read(
                "{\"name\":\"Old\",\"steps\":[{\"event\":\"view\"},{\"goal\":\"Coupon\"},\"buy\"]}"));
        assertThat(old.steps()).extracting(FunnelStep::optional).containsExactly(false, false, false);
    }

    @Test
    void renamingAGoalKeepsItsStepOptional() {
        FunnelDefinition funnel = FunnelDefinition.of("Shop", List.of(FunnelStep.event("view"),
                FunnelStep.goal("Coupon").withOptional(true), FunnelStep.event("buy")));
        assertThat(funnel.usesGoal("Coupon")).isTrue();
        assertThat(funnel.withGoalRenamed("Coupon", "Voucher").steps().get(1))
                .isEqualTo(FunnelStep.goal("Voucher").withOptional(true));
    }
}
