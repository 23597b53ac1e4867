package io.funnelworkbench.model;

/** The period a trend groups attempts by (the day, ISO week or month of their step-1 event, UTC). */
public enum TrendPeriod {
    DAY, WEEK, MONTH
}
