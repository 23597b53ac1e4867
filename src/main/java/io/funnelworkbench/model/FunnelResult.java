package io.funnelworkbench.model;

import java.time.Duration;
import java.util.List;

/**
 * A computed funnel. {@code largestDropOffStep} is the step after which most users are lost and
 * {@code slowestStep} the step with the longest median time from the previous one (1-based, null when no
 * step qualifies). {@code stillInWindow} counts users who have not finished and whose window was still open
 * at the end of the data.
 */
public record FunnelResult(OrderMode order, Duration window, List<StepResult> steps, List<BreakdownGroup> breakdown,
                           String breakdownProperty, Attribution attribution, Integer largestDropOffStep,
                           Integer slowestStep, long stillInWindow, long excludedUsers, List<TrendPoint> trend,
                           TrendPeriod trendPeriod) {
}
