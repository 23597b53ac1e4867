package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill-down's reasons: one user per case, each checked word for word. */
class StepExplanationsTest {
    private static final long MINUTE = 60_000_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final long T0 = 1_709_546_400_000_000L; // 2024-03-04T10:00:00Z

    /** view → cart (where size = L) → buy in a 7-day window; the data ends when the last event happens. */
    private static FunnelSpec spec(OrderMode order) {
        MatchRule cart = new MatchRule(List.of("cart"), List.of(Condition.of("size", Operator.EQUALS, "L")));
        return FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), new FunnelSpec.Step("cart L", cart, GoalValue.NONE),
                FunnelSpec.Step.event("buy")), Duration.ofDays(7), order);
    }

    private static EventLog log() {
        return new EventLogBuilder()
                .add("ann", "view", T0).add("ann", "cart", T0 + 5 * MINUTE, null, Map.of("size", "L"))
                .add("ann", "buy", T0 + 65 * MINUTE)
                .add("bob", "view", T0)
                .add("cat", "cart", T0, null, Map.of("size", "L")).add("cat", "view", T0 + MINUTE)
                .add("dan", "view", T0).add("dan", "cart", T0 + 9 * DAY, null, Map.of("size", "L"))
                .add("eve", "view", T0).add("eve", "cart", T0 + MINUTE, null, Map.of("size", "S"))
                .add("fay", "view", T0).add("fay", "search", T0 + MINUTE)
                .add("fay", "cart", T0 + 2 * MINUTE, null, Map.of("size", "L"))
                .add("gus", "view", T0 + 30 * DAY)
                .build();
    }

    private static List<Explanation> explain(OrderMode order, int step) {
        EventLog log = log();
        FunnelSpec spec = spec(order);
        return new StepExplanations(log, spec, new FunnelEngine(log).scan(spec)).explain(step);
    }

    @Test
    void saysWhyEachUserWentOnOrDroppedAfterTheFirstStep() {
        assertThat(explain(OrderMode.SEQUENTIAL, 1)).containsExactly(
                new Explanation("ann", Outcome.WENT_ON, "cart L 5 min later"),
                new Explanation("bob", Outcome.DROPPED, "Never did cart L"),
                new Explanation("cat", Outcome.DROPPED, "Did cart L only before view"),
                new Explanation("dan", Outcome.DROPPED, "Did cart L 9 d after step 1, past the 1-week window"),
                new Explanation("eve", Outcome.DROPPED, "Did cart, but not where size = L"),
                new Explanation("fay", Outcome.WENT_ON, "cart L 2 min later"),
                new Explanation("gus", Outcome.DROPPED, "Still within the 1-week window when the data ends"));
    }

    /** Olist: a deal dated before its lead, in a window still open when the data ends. */
    @Test
    void whatTheEventsShowComesBeforeAnOpenWindow() {
        EventLog log = new EventLogBuilder()
                .add("hal", "cart", T0, null, Map.of("size", "L")).add("hal", "view", T0 + DAY)
                .add("ivy", "view", T0 + DAY)
                .add("jon", "view", T0 + DAY).add("jon", "cart", T0 + 2 * DAY, null, Map.of("size", "S"))
                .build();
        FunnelSpec spec = spec(OrderMode.SEQUENTIAL);

        assertThat(new StepExplanations(log, spec, new FunnelEngine(log).scan(spec)).explain(1)).containsExactly(
                new Explanation("hal", Outcome.DROPPED,
                        "Did cart L only before view (still within the 1-week window when the data ends)"),
                new Explanation("ivy", Outcome.DROPPED, "Still within the 1-week window when the data ends"),
                new Explanation("jon", Outcome.DROPPED,
                        "Did cart, but not where size = L (still within the 1-week window when the data ends)"));
    }

    @Test
    void strictOrderNamesTheEventsInBetweenAndTheLastStepSaysHowLongTheFunnelTook() {
        assertThat(explain(OrderMode.STRICT, 1)).filteredOn(e -> e.user().equals("fay")).containsExactly(
                new Explanation("fay", Outcome.DROPPED, "Other events came between view and cart L (strict order)"));
        assertThat(explain(OrderMode.SEQUENTIAL, 3)).containsExactly(
                new Explanation("ann", Outcome.COMPLETED, "Completed in 1 h 5 min"));
        assertThat(explain(OrderMode.SEQUENTIAL, 2)).extracting(Explanation::user, Explanation::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", Outcome.WENT_ON),
                        org.assertj.core.groups.Tuple.tuple("fay", Outcome.DROPPED));
    }

    @Test
    void aOneStepFunnelAndAShortWindowAreSaidPlainly() {
        EventLog log = log();
        FunnelSpec one = FunnelSpec.of(List.of(FunnelSpec.Step.event("view")), Duration.ofDays(7),
                OrderMode.SEQUENTIAL);
        assertThat(new StepExplanations(log, one, new FunnelEngine(log).scan(one)).explain(1))
                .extracting(Explanation::reason).containsOnly("Did view");

        FunnelSpec halfHour = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("buy")),
                Duration.ofMinutes(30), OrderMode.SEQUENTIAL);
        assertThat(new StepExplanations(log, halfHour, new FunnelEngine(log).scan(halfHour)).explain(1))
                .filteredOn(e -> e.user().equals("ann")).extracting(Explanation::reason)
                .containsExactly("Did buy 1 h 5 min after step 1, past the 30-minute window");
    }

    @Test
    void anyOrderCountsTheStepsDoneAndAnExclusionThatEndsTheAttemptIsNamed() {
        assertThat(explain(OrderMode.ANY, 2)).filteredOn(e -> e.user().equals("fay")).extracting(Explanation::reason)
                .containsExactly("Did 2 of the 3 steps within the 1-week window");

        EventLog log = log();
        FunnelSpec spec = spec(OrderMode.SEQUENTIAL).withExclusions(List.of(
                new FunnelSpec.ExclusionSpec("search", MatchRule.event("search"), 1, 2, true)));
        List<Explanation> explained = new StepExplanations(log, spec, new FunnelEngine(log).scan(spec)).explain(1);
        assertThat(explained).filteredOn(e -> e.user().equals("fay")).containsExactly(
                new Explanation("fay", Outcome.DROPPED, "Stopped by the exclusion search"));
    }
}
