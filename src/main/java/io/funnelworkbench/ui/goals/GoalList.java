package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;

/** The three goal lists of the Goals screen, and what a goal dropped onto one of them becomes. */
public enum GoalList {
    MACRO("Macro goals", "macro", GoalKind.MACRO, null),
    MILESTONES("Micro goals · process milestones", "milestone", GoalKind.MICRO, GoalCategory.PROCESS_MILESTONE),
    SECONDARY("Micro goals · secondary actions", "secondary", GoalKind.MICRO, GoalCategory.SECONDARY_ACTION);

    private final String title;
    private final String id;
    private final GoalKind kind;
    private final GoalCategory category;

    GoalList(String title, String id, GoalKind kind, GoalCategory category) {
        this.title = title;
        this.id = id;
        this.kind = kind;
        this.category = category;
    }

    public String title() {
        return title;
    }

    /** A short name for node ids, e.g. {@code macroList}. */
    public String id() {
        return id;
    }

    public GoalKind kind() {
        return kind;
    }

    public boolean holds(Goal goal) {
        return goal.kind() == kind && (category == null || goal.category() == category);
    }

    /** The category a goal gets on this list: a macro goal keeps its macro category when it stays macro. */
    public GoalCategory categoryFor(Goal goal) {
        if (category != null) {
            return category;
        }
        return goal != null && goal.kind() == GoalKind.MACRO ? goal.category() : GoalCategory.defaultFor(kind);
    }

    public static GoalList of(Goal goal) {
        for (GoalList list : values()) {
            if (list.holds(goal)) {
                return list;
            }
        }
        throw new IllegalArgumentException("No list holds " + goal.name());
    }
}
