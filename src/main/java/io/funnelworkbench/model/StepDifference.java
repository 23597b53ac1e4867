package io.funnelworkbench.model;

/**
 * One step of a period comparison: the funnel's conversion from step 1 minus the compared period's, with
 * Newcombe's 95% interval of that difference and the two-sided p-value of Fisher's exact test. All three are
 * null when either period has no user at step 1 (there is no conversion to compare then).
 */
public record StepDifference(int step, Double conversionFromFirstDiff, Interval interval, Double pValue) {
}
