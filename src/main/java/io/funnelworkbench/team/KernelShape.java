package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the per-user kernel needs of a funnel once each event carries the mask of the rules it matches: the
 * steps (which are optional), the window, the order, the entry range, where the exclusions sit and whether (and
 * how) the user is placed in a breakdown. The rules
 * themselves stay on the client, which turns them into the mask column; so this small value is all that travels
 * to the cluster with the partition function (plain Java serialization: arrays, dates and two enums).
 */
record KernelShape(boolean[] optional, long windowMicros, OrderMode order, LocalDate entryFrom, LocalDate entryTo,
                   int[] exclusionFrom, int[] exclusionTo, boolean[] dropFromThatPoint, boolean breakdown,
                   Attribution attribution) implements Serializable {
    private static final long serialVersionUID = 1L;

    static KernelShape of(FunnelSpec spec) {
        List<FunnelSpec.ExclusionSpec> exclusions = spec.exclusions();
        boolean[] optional = new boolean[spec.steps().size()];
        for (int i = 0; i < optional.length; i++) {
            optional[i] = spec.steps().get(i).optional();
        }
        int[] from = exclusions.stream().mapToInt(FunnelSpec.ExclusionSpec::fromStep).toArray();
        int[] to = exclusions.stream().mapToInt(FunnelSpec.ExclusionSpec::toStep).toArray();
        boolean[] drop = new boolean[exclusions.size()];
        for (int e = 0; e < drop.length; e++) {
            drop[e] = exclusions.get(e).dropFromThatPoint();
        }
        return new KernelShape(optional, spec.window().toNanos() / 1_000, spec.order(), spec.entryFrom(),
                spec.entryTo(), from, to, drop, spec.breakdownProperty() != null, spec.attribution());
    }

    /** How many steps are optional. */
    int optionalCount() {
        int count = 0;
        for (boolean o : optional) {
            count += o ? 1 : 0;
        }
        return count;
    }

    /**
     * A funnel the kernel treats as the original: the same shape, with placeholder rules (the kernel reads the
     * masks, never the rules).
     */
    FunnelSpec toSpec() {
        List<FunnelSpec.Step> steps = new ArrayList<>();
        for (int i = 0; i < optional.length; i++) {
            FunnelSpec.Step step = FunnelSpec.Step.event("step " + (i + 1));
            steps.add(optional[i] ? step.asOptional() : step);
        }
        List<FunnelSpec.ExclusionSpec> exclusions = new ArrayList<>();
        for (int e = 0; e < exclusionFrom.length; e++) {
            String name = "exclusion " + (e + 1);
            exclusions.add(new FunnelSpec.ExclusionSpec(name, MatchRule.event(name), exclusionFrom[e], exclusionTo[e],
                    dropFromThatPoint[e]));
        }
        return FunnelSpec.of(steps, Duration.ofNanos(windowMicros * 1_000), order).withExclusions(exclusions)
                .withEntryRange(entryFrom, entryTo).withBreakdown(breakdown ? "breakdown" : null, attribution);
    }
}
