package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.MatchRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The empty impact table says why: not "No micro goals to compare" right after one was defined. */
class ImpactExplanationTest {
    private static final long MINUTE = 60_000_000L;
    private static final Goal PURCHASE = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null,
            MatchRule.event("purchase"), null, null);
    private static final Goal VIEW = micro("Product view", "view_product");
    private static final Goal DEMO = micro("Demo video", "watch_demo_video");

    /** 40 users who all view a product, 2 of whom watch the demo first; every other user buys. */
    private final EventLog log = shop();
    private final GoalAnalysis analysis = new GoalAnalysis(log);

    @Test
    void saysAMicroGoalEveryUserDidLeavesNoGroupWithoutIt() {
        String why = whyEmpty(List.of(PURCHASE, VIEW));
        assertThat(why).isEqualTo("Nothing to compare: every user did “Product view” before “Purchase”, so there"
                + " is no group without it. A comparison needs at least 25 users who did a micro goal before"
                + " “Purchase” and 25 who did not.");
    }

    @Test
    void saysHowFewUsersDidARareMicroGoal() {
        assertThat(whyEmpty(List.of(PURCHASE, VIEW, DEMO))).contains("every user did “Product view”")
                .contains("only 2 users did “Demo video” before “Purchase”");
    }

    @Test
    void fromATableAloneNamesTheHiddenMicroGoals() {
        // A cluster's table keeps only the names of the micro goals it hides, not their groups.
        ImpactResult empty = new ImpactResult("Purchase", 40, 38, List.of(), List.of("Product view", "Demo video"));
        assertThat(ImpactExplanation.whyEmpty(PURCHASE, List.of(PURCHASE, VIEW, DEMO), empty)).isEqualTo(
                "Nothing to compare: for “Product view”, “Demo video”, fewer than 25 users did it before"
                        + " “Purchase”, or fewer than 25 did not. A comparison needs at least 25 users on each side.");
        assertThat(ImpactExplanation.whyEmpty(PURCHASE, List.of(PURCHASE), empty))
                .isEqualTo(ImpactExplanation.NO_MICRO_GOALS);
    }

    @Test
    void withoutAnyMicroGoalSaysToDefineOne() {
        assertThat(whyEmpty(List.of(PURCHASE))).isEqualTo(ImpactExplanation.NO_MICRO_GOALS);
    }

    @Test
    void saysNothingWhenTheTableHasRows() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int u = 0; u < 60; u++) {
            String user = "u" + u;
            if (u % 2 == 0) {
                builder.add(user, "view_product", 0, null, Map.of());
            }
            builder.add(user, u % 3 == 0 ? "purchase" : "page_view", MINUTE, null, Map.of());
        }
        GoalAnalysis mixed = new GoalAnalysis(builder.build());
        List<Goal> goals = List.of(PURCHASE, VIEW);
        assertThat(ImpactExplanation.whyEmpty(mixed, PURCHASE, goals, mixed.impact(PURCHASE, goals))).isEmpty();
    }

    private String whyEmpty(List<Goal> goals) {
        return ImpactExplanation.whyEmpty(analysis, PURCHASE, goals, analysis.impact(PURCHASE, goals));
    }

    private static EventLog shop() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int u = 0; u < 40; u++) {
            String user = "u" + u;
            if (u < 2) {
                builder.add(user, "watch_demo_video", 0, null, Map.of());
            }
            builder.add(user, "view_product", MINUTE, null, Map.of());
            if (u % 2 == 0) {
                builder.add(user, "purchase", 2 * MINUTE, null, Map.of());
            }
        }
        return builder.build();
    }

    private static Goal micro(String name, String event) {
        return new Goal(name, GoalKind.MICRO, GoalCategory.PROCESS_MILESTONE, null, MatchRule.event(event), null,
                null);
    }
}
