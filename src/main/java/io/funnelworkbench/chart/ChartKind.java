package io.funnelworkbench.chart;

/** The charts a funnel result can be drawn as outside the app: the funnel bars, breakdown bars, or the trend. */
public enum ChartKind {
    FUNNEL, BARS, TREND
}
