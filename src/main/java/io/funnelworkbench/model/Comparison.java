package io.funnelworkbench.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A funnel compared with the same funnel over another entry range: {@code from}..{@code to} (inclusive UTC days)
 * is the compared period, {@code result} its complete funnel, and {@code differences} one per step, the
 * funnel's own period minus the compared one.
 */
public record Comparison(LocalDate from, LocalDate to, FunnelResult result, List<StepDifference> differences) {
    public Comparison {
        differences = List.copyOf(differences);
    }
}
