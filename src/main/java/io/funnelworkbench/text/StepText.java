package io.funnelworkbench.text;

import io.funnelworkbench.model.StepResult;

/** A funnel step as charts and tables name it: "2. Add to cart", "3. Coupon (optional)". */
public final class StepText {
    private StepText() {
    }

    public static String label(StepResult step) {
        return step.number() + ". " + step.name() + (step.optional() ? " (optional)" : "");
    }
}
