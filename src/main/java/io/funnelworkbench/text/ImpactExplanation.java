package io.funnelworkbench.text;

import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the impact table is empty, in the user's terms: no micro goal defined yet, or, for each micro goal, that
 * (almost) every user did it before the macro goal, leaving no "without" group, or that (almost) none did.
 */
public final class ImpactExplanation {
    public static final String NO_MICRO_GOALS = "No micro goals to compare yet: define one on the Goals tab, such as a"
            + " step toward the macro goal.";

    private ImpactExplanation() {
    }

    /** Empty when the table has rows to show. */
    public static String whyEmpty(GoalAnalysis analysis, Goal macro, List<Goal> goals, ImpactResult result) {
        if (!result.rows().isEmpty()) {
            return "";
        }
        List<Goal> micros = goals.stream().filter(g -> g.kind() == GoalKind.MICRO).toList();
        if (micros.isEmpty()) {
            return NO_MICRO_GOALS;
        }
        List<String> reasons = new ArrayList<>();
        for (Goal micro : micros) {
            reasons.add(reason(analysis.impactOf(macro, micro), macro.name()));
        }
        return "Nothing to compare: " + String.join("; ", reasons) + ". A comparison needs at least "
                + GoalAnalysis.MIN_GROUP_USERS + " users who did a micro goal before “" + macro.name()
                + "” and " + GoalAnalysis.MIN_GROUP_USERS + " who did not.";
    }

    /**
     * Why the table is empty when only the table is known (computed on a cluster, where the groups of a hidden
     * micro goal are not kept): each hidden micro goal left one of its two groups too small.
     */
    public static String whyEmpty(Goal macro, List<Goal> goals, ImpactResult result) {
        if (!result.rows().isEmpty()) {
            return "";
        }
        if (goals.stream().noneMatch(g -> g.kind() == GoalKind.MICRO)) {
            return NO_MICRO_GOALS;
        }
        String hidden = String.join(", ", result.hidden().stream().map(name -> "“" + name + "”").toList());
        return "Nothing to compare: for " + hidden + ", fewer than " + GoalAnalysis.MIN_GROUP_USERS + " users did"
                + " it before “" + macro.name() + "”, or fewer than " + GoalAnalysis.MIN_GROUP_USERS + " did not. A"
                + " comparison needs at least " + GoalAnalysis.MIN_GROUP_USERS + " users on each side.";
    }

    private static String reason(ImpactRow row, String macro) {
        String did = " did “" + row.microGoal() + "” before “" + macro + "”";
        if (row.usersWithout() < GoalAnalysis.MIN_GROUP_USERS) {
            return (row.usersWithout() == 0 ? "every user" : "all but " + users(row.usersWithout())) + did
                    + ", so there is no group without it";
        }
        return (row.usersWith() == 0 ? "no user" : "only " + users(row.usersWith())) + did;
    }

    private static String users(long count) {
        return Numbers.counted(count, "user");
    }
}
