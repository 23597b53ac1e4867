package io.funnelworkbench.model;

/**
 * How a micro goal relates to a macro goal: the macro conversion of users who did the micro goal (before
 * their first macro conversion) against those who did not. {@code lift} is null when the second rate is 0.
 */
public record ImpactRow(String microGoal, GoalCategory category, long usersWith, long convertedWith,
                        double rateWith, long usersWithout, long convertedWithout, double rateWithout, Double lift,
                        double oddsRatio, double pValue) {
}
