package io.funnelworkbench.model;

import java.time.Duration;
import java.util.List;

/**
 * A computed funnel. {@code largestDropOffStep} is the step after which most users are lost and
 * {@code slowestStep} the step with the longest median time from the previous one (1-based, null when no
 * step qualifies). {@code stillInWindow} counts users who have not finished and whose window was still open
 * at the end of the data. {@code countedBy} names the property whose values (accounts) were counted in place of
 * users, or is null when users were counted; "users" above then means accounts.
 */
public record FunnelResult(OrderMode order, Duration window, List<StepResult> steps, List<BreakdownGroup> breakdown,
                           String breakdownProperty, Attribution attribution, Integer largestDropOffStep,
                           Integer slowestStep, long stillInWindow, long excludedUsers, List<TrendPoint> trend,
                           TrendPeriod trendPeriod, String countedBy) {
    /** A result that counted users. */
    public FunnelResult(OrderMode order, Duration window, List<StepResult> steps, List<BreakdownGroup> breakdown,
                        String breakdownProperty, Attribution attribution, Integer largestDropOffStep,
                        Integer slowestStep, long stillInWindow, long excludedUsers, List<TrendPoint> trend,
                        TrendPeriod trendPeriod) {
        this(order, window, steps, breakdown, breakdownProperty, attribution, largestDropOffStep, slowestStep,
                stillInWindow, excludedUsers, trend, trendPeriod, null);
    }
}
