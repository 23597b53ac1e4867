package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalAnalysisTest {
    private static final long MINUTE = 60_000_000L;

    /** u1: two sessions, buys twice in s2; u2: one session, buys once; u3: only views. */
    private static EventLog shop() {
        return new EventLogBuilder()
                .add("u1", "view", 0, "s1", Map.of("category", "laptops"))
                .add("u1", "view", MINUTE, "s2", Map.of("category", "phones"))
                .add("u1", "purchase", 2 * MINUTE, "s2", Map.of("revenue", "100.50"))
                .add("u1", "purchase", 3 * MINUTE, "s2", Map.of("revenue", "20"))
                .add("u2", "view", 0, "s3", Map.of("category", "laptops"))
                .add("u2", "purchase", MINUTE, "s3", Map.of("revenue", "not a number"))
                .add("u3", "view", 0, "s4", Map.of("category", "Laptops"))
                .build();
    }

    private static Goal goal(String name, MatchRule rule, GoalValue value, Counting counting) {
        return new Goal(name, GoalKind.MACRO, GoalCategory.REVENUE, null, rule, value, counting);
    }

    @Test
    void perUserCountingRatesAgainstUsersWithAnyEvent() {
        GoalMetrics m = new GoalAnalysis(shop()).metrics(goal("Purchase", MatchRule.event("purchase"),
                GoalValue.fromProperty("revenue"), Counting.USER));
        assertThat(m.users()).isEqualTo(2);
        assertThat(m.completions()).isEqualTo(2);
        assertThat(m.denominator()).isEqualTo(3);
        assertThat(m.conversionRate()).isCloseTo(2 / 3.0, within(1e-12));
        // Every purchase's revenue counts; a value that is not a number counts as 0.
        assertThat(m.value()).isCloseTo(120.5, within(1e-9));
    }

    @Test
    void perSessionCountingRatesAgainstAllSessions() {
        GoalMetrics m = new GoalAnalysis(shop()).metrics(goal("Purchase", MatchRule.event("purchase"),
                GoalValue.fixed(10), Counting.SESSION));
        assertThat(m.completions()).isEqualTo(2);
        assertThat(m.denominator()).isEqualTo(4);
        assertThat(m.conversionRate()).isEqualTo(0.5);
        assertThat(m.value()).isEqualTo(20);
    }

    @Test
    void perEventCountingAndConditionsThatAreCaseSensitiveUnlessAsked() {
        GoalAnalysis analysis = new GoalAnalysis(shop());
        MatchRule laptops = new MatchRule(List.of("view"), List.of(Condition.of("category", Operator.EQUALS,
                "laptops")));
        GoalMetrics exact = analysis.metrics(goal("Laptop view", laptops, GoalValue.fixed(1), Counting.EVENT));
        assertThat(exact.users()).isEqualTo(2);
        assertThat(exact.completions()).isEqualTo(2);
        assertThat(exact.value()).isEqualTo(2);
        MatchRule anyCase = new MatchRule(List.of("view"), List.of(new Condition("category", Operator.EQUALS,
                "laptops", true)));
        assertThat(analysis.metrics(goal("Any laptop", anyCase, null, Counting.EVENT)).completions()).isEqualTo(3);
    }

    @Test
    void aGoalNobodyCompletedHasZeroRateNotNaN() {
        GoalMetrics m = new GoalAnalysis(new EventLogBuilder().build()).metrics(goal("Purchase",
                MatchRule.event("purchase"), null, null));
        assertThat(m.users()).isZero();
        assertThat(m.conversionRate()).isZero();
    }

    @Test
    void impactCountsMicroGoalsOnlyBeforeTheFirstMacroConversion() {
        EventLogBuilder log = new EventLogBuilder();
        // 30 users sign up then buy; 30 buy then sign up (after: not a signal); 30 sign up only; 30 do neither.
        for (int u = 0; u < 120; u++) {
            String user = "u" + u;
            log.add(user, "visit", 0);
            if (u < 30) {
                log.add(user, "signup", MINUTE).add(user, "buy", 2 * MINUTE);
            } else if (u < 60) {
                log.add(user, "buy", MINUTE).add(user, "signup", 2 * MINUTE);
            } else if (u < 90) {
                log.add(user, "signup", MINUTE);
            }
        }
        Goal buy = goal("Buy", MatchRule.event("buy"), null, null);
        Goal signup = new Goal("Signup", GoalKind.MICRO, GoalCategory.SECONDARY_ACTION, null,
                MatchRule.event("signup"), null, null);
        ImpactResult result = new GoalAnalysis(log.build()).impact(buy, List.of(buy, signup));
        assertThat(result.users()).isEqualTo(120);
        assertThat(result.converted()).isEqualTo(60);
        ImpactRow row = result.rows().get(0);
        // With signup before buying: 30 + 30 who never bought = 60 users, 30 converted.
        assertThat(row.usersWith()).isEqualTo(60);
        assertThat(row.convertedWith()).isEqualTo(30);
        assertThat(row.usersWithout()).isEqualTo(60);
        assertThat(row.convertedWithout()).isEqualTo(30);
        assertThat(row.lift()).isCloseTo(1.0, within(1e-12));
        assertThat(row.oddsRatio()).isCloseTo(1.0, within(1e-12));
        assertThat(row.pValue()).isCloseTo(1.0, within(1e-9));
    }
}
