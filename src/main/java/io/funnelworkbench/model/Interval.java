package io.funnelworkbench.model;

/** A confidence interval of a rate (both ends between 0 and 1) or of a difference of rates (between -1 and 1). */
public record Interval(double low, double high) {
}
