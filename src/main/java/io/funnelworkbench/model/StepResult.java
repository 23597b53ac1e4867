package io.funnelworkbench.model;

/**
 * One funnel step's numbers. Rates are fractions, 0 when their base is 0. {@code dropped} and
 * {@code dropOffRate} are the users lost before the next step (0 at the last step).
 *
 * <p>When some steps are {@code optional} (FUNNEL-SEMANTICS.md, "Optional steps"), "previous" and "next" mean
 * the previous and next required steps: a required step's conversion and times are from the required step before
 * it, its drop-off is to the required step after it. An optional step counts the users who did it on the way; its
 * conversion is from the required step before it, and it has no drop-off, times or value of its own.
 */
public record StepResult(int number, String name, long users, double conversionFromPrevious,
                         Interval conversionFromPreviousInterval, double conversionFromFirst,
                         Interval conversionFromFirstInterval, long dropped, double dropOffRate,
                         TimeStats timeFromPrevious, TimeStats timeFromFirst, double value, boolean optional) {
}
