package io.funnelworkbench.model;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** A saved funnel: steps and the rules it is computed with. */
public record FunnelDefinition(String name, List<FunnelStep> steps, Duration window, OrderMode order,
                               List<Exclusion> exclusions, String breakdownProperty,
                               LocalDate entryFrom, LocalDate entryTo) {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    public FunnelDefinition {
        steps = steps == null ? List.of() : List.copyOf(steps);
        window = window == null ? DEFAULT_WINDOW : window;
        order = order == null ? OrderMode.SEQUENTIAL : order;
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }

    public static FunnelDefinition of(String name, List<FunnelStep> steps) {
        return new FunnelDefinition(name, steps, DEFAULT_WINDOW, OrderMode.SEQUENTIAL, List.of(), null, null, null);
    }
}
