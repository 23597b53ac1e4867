package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GoalTextTest {
    private static final Goal DEMO = new Goal("Demo", GoalKind.MICRO, GoalCategory.SECONDARY_ACTION, null,
            new MatchRule(List.of("watch_demo_video"), List.of(Condition.of("percent", Operator.GREATER_OR_EQUAL,
                    "50"), new Condition("page", Operator.CONTAINS, "pro", true))), GoalValue.fixed(25),
            Counting.SESSION);
    private static final Goal PURCHASE = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null,
            new MatchRule(List.of("purchase", "order_completed"), List.of()), GoalValue.fromProperty("revenue"),
            Counting.USER);

    @Test
    void aRuleNamesTheEventsConditionsValueAndCounting() {
        assertThat(GoalText.rule(DEMO)).isEqualTo("watch_demo_video where percent ≥ 50 and page contains “pro”"
                + " (any case) · worth 25 each · once per session");
        assertThat(GoalText.rule(PURCHASE)).isEqualTo("purchase or order_completed · value from revenue");
    }

    @Test
    void theGoalListSplitsTheRuleIntoMatchAndValue() {
        assertThat(GoalText.matchAndCounting(DEMO)).isEqualTo(
                "watch_demo_video where percent ≥ 50 and page contains “pro” (any case) · once per session");
        assertThat(GoalText.match(PURCHASE)).isEqualTo("purchase or order_completed");
        assertThat(GoalText.valueSource(DEMO)).isEqualTo("25 each");
        assertThat(GoalText.valueSource(PURCHASE)).isEqualTo("from revenue");
        assertThat(GoalText.worth(PURCHASE)).isEqualTo("value from revenue");
    }

    @Test
    void conditionsQuoteTextButNotNumbers() {
        assertThat(GoalText.condition(Condition.of("plan", Operator.EQUALS, "pro"))).isEqualTo("plan = “pro”");
        assertThat(GoalText.condition(Condition.of("items", Operator.LESS, "3"))).isEqualTo("items < 3");
        assertThat(GoalText.condition(Condition.of("coupon", Operator.EMPTY, null))).isEqualTo("coupon is empty");
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    void everyOperatorHasWordsForTheRuleAndTheDropDown(Operator operator) {
        assertThat(GoalText.operator(operator)).isNotBlank();
        assertThat(GoalText.operatorChoice(operator)).isNotBlank();
    }

    @Test
    void countingAndConversion() {
        assertThat(GoalText.counting(Counting.EVENT)).isEqualTo("Every event");
        GoalMetrics perUser = new GoalMetrics("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, Counting.USER,
                20_000, 1_800, 1_749, 20_000, 0.08745, 1049);
        GoalMetrics perSession = new GoalMetrics("Demo", GoalKind.MICRO, GoalCategory.SECONDARY_ACTION,
                Counting.SESSION, 300, 420, 4, 10_000, 0.0004, 0);
        assertThat(GoalText.conversion(perUser)).isEqualTo("8.7% · 1,749 of 20,000");
        assertThat(GoalText.conversion(perSession)).isEqualTo("0.04% · 4 of 10,000 sessions");
        assertThat(GoalText.completions(perUser)).isEmpty();
        assertThat(GoalText.completions(perSession)).isEqualTo("420 sessions");
        assertThat(GoalText.eventCounts(12_034, 3_210)).isEqualTo("12,034 events · 3,210 users");
    }

    @ParameterizedTest
    @CsvSource({"add_to_cart, Add to cart", "watchDemoVideo, Watch demo video", "___, ___"})
    void goalNamesAreMadeFromEventNames(String event, String name) {
        assertThat(GoalText.nameFor(event)).isEqualTo(name);
    }
}
