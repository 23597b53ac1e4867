package io.funnelworkbench.model;

import java.time.LocalDate;

/** Conversion from step 1 to the last step for attempts that started in one period. */
public record TrendPoint(LocalDate periodStart, long entered, long converted, double conversion) {
}
