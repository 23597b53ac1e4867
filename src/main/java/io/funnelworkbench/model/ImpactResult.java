package io.funnelworkbench.model;

import java.util.List;

/** The micro-goal impact table for one macro goal; {@code hidden} names micro goals with too few users. */
public record ImpactResult(String macroGoal, long users, long converted, List<ImpactRow> rows,
                           List<String> hidden) {
}
