package io.funnelworkbench.model;

/**
 * A goal's numbers over the whole project. {@code completions} follow the goal's counting (users, sessions
 * or events); {@code conversionRate} is users (or, counted per session, sessions) with the goal over
 * {@code denominator}: users with any event (or all sessions).
 */
public record GoalMetrics(String name, GoalKind kind, GoalCategory category, Counting counting, long users,
                          long completions, long converted, long denominator, double conversionRate, double value) {
}
