package io.funnelworkbench.text;

import io.funnelworkbench.model.StepResult;

/** A funnel step as charts and tables name it: "2. Add to cart", "3. Coupon (optional)". */
public final class StepText {
    private StepText() {
    }

    public static String label(StepResult step) {
        return step.number() + ". " + step.name() + (step.optional() ? " (optional)" : "");
    }

    /** A step in a narrow table column: "3. Coupon", and "optional" on a second line for an optional step. */
    public static String tableLines(StepResult step) {
        return step.number() + ". " + step.name() + (step.optional() ? "\noptional" : "");
    }
}
