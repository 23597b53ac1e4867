package io.funnelworkbench.model;

/**
 * One funnel step's numbers. Rates are fractions, 0 when their base is 0. {@code dropped} and
 * {@code dropOffRate} are the users lost before the next step (0 at the last step).
 */
public record StepResult(int number, String name, long users, double conversionFromPrevious,
                         Interval conversionFromPreviousInterval, double conversionFromFirst,
                         Interval conversionFromFirstInterval, long dropped, double dropOffRate,
                         TimeStats timeFromPrevious, TimeStats timeFromFirst, double value) {
}
