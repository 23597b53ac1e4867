package io.funnelworkbench.model;

/** What a goal stands for; macro and micro goals each have their own categories. */
public enum GoalCategory {
    REVENUE(GoalKind.MACRO, "Revenue"),
    LEAD(GoalKind.MACRO, "Lead or sign-up"),
    INQUIRY(GoalKind.MACRO, "Inquiry"),
    OTHER(GoalKind.MACRO, "Other"),
    PROCESS_MILESTONE(GoalKind.MICRO, "Process milestone"),
    SECONDARY_ACTION(GoalKind.MICRO, "Secondary action");

    private final GoalKind kind;
    private final String label;

    GoalCategory(GoalKind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    public GoalKind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    public static GoalCategory defaultFor(GoalKind kind) {
        return kind == GoalKind.MACRO ? OTHER : PROCESS_MILESTONE;
    }
}
