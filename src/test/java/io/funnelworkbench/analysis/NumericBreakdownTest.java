package io.funnelworkbench.analysis;

import static io.funnelworkbench.analysis.FunnelSemanticsTest.SECOND;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.T0;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.WEEK;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.sequential;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A breakdown by a numeric property puts users in ranges (FUNNEL-SEMANTICS.md, "Numbers in ranges"). */
class NumericBreakdownTest {
    /** 20 distinct prices, one user each (u1 pays 5 ... u20 pays 950), and u21 without a price. */
    private static final int[] PRICES = {5, 12, 18, 25, 33, 41, 48, 60, 75, 90, 110, 130, 160, 200, 250, 320, 400,
        520, 700, 950};
    private static final Set<String> BUYERS = Set.of("u2", "u7", "u8", "u19");

    private static EventLog shop() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int i = 0; i < PRICES.length; i++) {
            String user = "u" + (i + 1);
            builder.add(user, "view", T0, null, Map.of("price", String.valueOf(PRICES[i])));
            if (BUYERS.contains(user)) {
                builder.add(user, "buy", T0 + 10 * SECOND, null, Map.of());
            }
        }
        return builder.add("u21", "view", T0).build();
    }

    private static FunnelSpec byPrice() {
        return sequential(WEEK, "view", "buy").withBreakdown("price", Attribution.FIRST_TOUCH);
    }

    @Test
    void quantilesOfTheUsersValuesRoundedToOneDigitMakeTheRangesInOrderAndNoneComesLast() {
        // The sixths of 20 users fall on the 4th, 7th, 10th, 14th and 17th price: 25, 48, 90, 200 and 400,
        // rounded to one significant digit: 30, 50, 90, 200 and 400.
        FunnelResult result = new FunnelEngine(shop()).compute(byPrice());
        assertThat(result.breakdown()).extracting(BreakdownGroup::label).containsExactly("0–30", "30–50", "50–90",
                "90–200", "200–400", "≥ 400", "(none)");
        assertThat(result.breakdown()).noneMatch(BreakdownGroup::other);
        assertThat(result.breakdown()).extracting(g -> users(g.steps())[0]).containsExactly(4L, 3L, 2L, 4L, 3L,
                4L, 1L);
        assertThat(users(group(result, "0–30").steps())).containsExactly(4, 1);
        assertThat(users(group(result, "30–50").steps())).containsExactly(3, 1);
        assertThat(users(group(result, "90–200").steps())).containsExactly(4, 0);
        assertThat(users(group(result, "≥ 400").steps())).containsExactly(4, 1);
        assertThat(users(group(result, "(none)").steps())).containsExactly(1, 0);
    }

    @Test
    void theDrillDownOfARangeListsExactlyItsUsers() {
        EventLog log = shop();
        FunnelEngine engine = new FunnelEngine(log);
        FunnelOutcome outcome = engine.scan(byPrice());
        IntPredicate members = engine.breakdownMembers(byPrice(), outcome, new BreakdownGroup("30–50", false,
                List.of()));
        List<String> ids = IntStream.range(0, log.userCount()).filter(members).mapToObj(log::userId).toList();
        // 33, 41 and 48; 30 would be in it too, 50 in the next range.
        assertThat(ids).containsExactlyInAnyOrder("u5", "u6", "u7");
        assertThat(engine.isRange(byPrice(), new BreakdownGroup("30–50", false, List.of()))).isTrue();
        assertThat(engine.isRange(byPrice(), new BreakdownGroup(null, false, List.of()))).isFalse();
        IntPredicate none = engine.breakdownMembers(byPrice(), outcome, new BreakdownGroup(null, false, List.of()));
        assertThat(IntStream.range(0, log.userCount()).filter(none).mapToObj(log::userId)).containsExactly("u21");
    }

    @Test
    void upToSixDistinctNumbersAreAGroupEachInNumericOrder() {
        EventLog log = new EventLogBuilder()
                .add("a", "view", T0, null, Map.of("quantity", "10"))
                .add("b", "view", T0, null, Map.of("quantity", "2"))
                .add("c", "view", T0, null, Map.of("quantity", "2.0"))
                .add("d", "view", T0, null, Map.of("quantity", "1"))
                .build();
        FunnelResult result = new FunnelEngine(log).compute(sequential(WEEK, "view")
                .withBreakdown("quantity", Attribution.FIRST_TOUCH));
        assertThat(result.breakdown()).extracting(BreakdownGroup::label).containsExactly("1", "2", "10");
        assertThat(users(group(result, "2").steps())).containsExactly(2);
    }

    @Test
    void aPropertyWithAnyTextIsBrokenDownByValueAsBefore() {
        EventLog log = new EventLogBuilder()
                .add("a", "view", T0, null, Map.of("plan", "12"))
                .add("b", "view", T0, null, Map.of("plan", "pro"))
                .add("c", "view", T0, null, Map.of("plan", "pro"))
                .build();
        FunnelResult result = new FunnelEngine(log).compute(sequential(WEEK, "view")
                .withBreakdown("plan", Attribution.FIRST_TOUCH));
        assertThat(result.breakdown()).extracting(BreakdownGroup::label).containsExactly("pro", "12");
    }

    private static BreakdownGroup group(FunnelResult result, String label) {
        return result.breakdown().stream().filter(g -> g.label().equals(label)).findFirst().orElseThrow();
    }
}
