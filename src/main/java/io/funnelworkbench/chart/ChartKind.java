package io.funnelworkbench.chart;

/**
 * The charts a funnel result can be drawn as outside the app: the funnel, breakdown bars, the trend, or the
 * time-to-convert histogram of one step.
 */
public enum ChartKind {
    FUNNEL, BARS, TREND, TIME
}
