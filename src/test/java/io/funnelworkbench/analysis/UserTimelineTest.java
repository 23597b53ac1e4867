package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.analysis.UserTimeline.Entry;
import io.funnelworkbench.analysis.UserTimeline.Place;
import io.funnelworkbench.analysis.UserTimeline.Timeline;
import io.funnelworkbench.model.Attribution;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One user's timeline around the counted attempt, worked by hand: each entry is written "minute event marks
 * place" (minutes from T0; marks as S2 for step 2, O2 for optional step 2, X:name for an exclusion).
 */
class UserTimelineTest {
    private static final long MINUTE = 60_000_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final long T0 = 1_709_546_400_000_000L; // 2024-03-04T10:00:00Z

    private static final MatchRule CART_L = new MatchRule(List.of("cart"),
            List.of(Condition.of("size", Operator.EQUALS, "L")));

    /** view → cart (size = L) → buy (worth its price) in a 1-day window, broken down by device. */
    private static FunnelSpec shop(OrderMode order) {
        return FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), new FunnelSpec.Step("Add to cart", CART_L,
                GoalValue.NONE), new FunnelSpec.Step("buy", MatchRule.event("buy"), GoalValue.fromProperty("price"))),
                Duration.ofDays(1), order).withBreakdown("device", Attribution.FIRST_TOUCH);
    }

    private static Timeline timeline(EventLog log, FunnelSpec spec, String user) {
        UserTimeline timelines = new UserTimeline(log, spec, new FunnelEngine(log).scan(spec));
        return timelines.of(timelines.indexOf(user));
    }

    private static List<String> lines(Timeline timeline) {
        return timeline.entries().stream().map(UserTimelineTest::line).toList();
    }

    private static String line(Entry entry) {
        String marks = entry.marks().stream().map(m -> switch (m.kind()) {
            case STEP -> "S" + m.step();
            case OPTIONAL_STEP -> "O" + m.step();
            case EXCLUSION -> "X:" + m.name();
        }).collect(Collectors.joining(","));
        return (entry.time() - T0) / MINUTE + " " + entry.event() + " " + (marks.isEmpty() ? "-" : marks) + " "
                + entry.place();
    }

    @Test
    void keepsFiveEventsBeforeTheEntryEveryEventOfTheWindowAndFiveAfterWithTheStepsMarked() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int m = -7; m < 0; m++) {
            builder.add("ann", "browse", T0 + m * MINUTE, null, Map.of("page", "p" + m));
        }
        builder.add("ann", "view", T0, null, Map.of("device", "mobile"))
                .add("ann", "cart", T0 + 5 * MINUTE, null, Map.of("size", "L", "device", "mobile"))
                .add("ann", "view", T0 + 6 * MINUTE)
                .add("ann", "buy", T0 + 65 * MINUTE, null, Map.of("price", "40"));
        for (int d = 2; d <= 8; d++) {
            builder.add("ann", "browse", T0 + d * DAY);
        }
        Timeline timeline = timeline(builder.build(), shop(OrderMode.SEQUENTIAL), "ann");

        assertThat(lines(timeline)).containsExactly(
                "-5 browse - BEFORE_ENTRY", "-4 browse - BEFORE_ENTRY", "-3 browse - BEFORE_ENTRY",
                "-2 browse - BEFORE_ENTRY", "-1 browse - BEFORE_ENTRY",
                "0 view S1 IN_WINDOW", "5 cart S2 IN_WINDOW", "6 view - IN_WINDOW", "65 buy S3 IN_WINDOW",
                "2880 browse - AFTER_WINDOW", "4320 browse - AFTER_WINDOW", "5760 browse - AFTER_WINDOW",
                "7200 browse - AFTER_WINDOW", "8640 browse - AFTER_WINDOW");
        assertThat(timeline.leftOut()).isZero();
        // Tested by a step, the breakdown, a step's value, then the rest in the log's order.
        assertThat(timeline.properties()).containsExactly("size", "device", "price", "page");
        assertThat(timeline.entries().get(6).values()).containsExactly("L", "mobile", "", "");
        assertThat(timeline.entries().get(8).values()).containsExactly("", "", "40", "");
        assertThat(timeline.entries().get(0).marks()).isEmpty();
        assertThat(timeline.entries().get(6).marks()).singleElement()
                .isEqualTo(new UserTimeline.Mark(UserTimeline.MarkKind.STEP, 2, "Add to cart"));
    }

    @Test
    void eventsAtTheInstantOfTheEntryAreInTheWindowAndTiesAdvanceInStepOrder() {
        EventLog log = new EventLogBuilder()
                .add("bob", "browse", T0)
                .add("bob", "cart", T0, null, Map.of("size", "L"))
                .add("bob", "view", T0)
                .add("bob", "buy", T0 + MINUTE)
                .build();
        assertThat(lines(timeline(log, shop(OrderMode.SEQUENTIAL), "bob"))).containsExactly(
                "0 browse - IN_WINDOW", "0 cart S2 IN_WINDOW", "0 view S1 IN_WINDOW", "1 buy S3 IN_WINDOW");
    }

    @Test
    void aRepeatedFirstStepMarksTheStartTheEngineCounted() {
        EventLog log = new EventLogBuilder()
                .add("cat", "view", T0)
                .add("cat", "view", T0 + 2 * DAY)
                .add("cat", "cart", T0 + 2 * DAY + MINUTE, null, Map.of("size", "L"))
                .add("cat", "cart", T0 + 2 * DAY + 2 * MINUTE, null, Map.of("size", "L"))
                .build();
        FunnelSpec spec = shop(OrderMode.SEQUENTIAL);
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
        // Only the second view leaves a window that reaches the cart: that attempt is counted.
        assertThat(outcome.stepTime(0, 1)).isEqualTo(T0 + 2 * DAY);
        assertThat(lines(new UserTimeline(log, spec, outcome).of(0))).containsExactly(
                "0 view - BEFORE_ENTRY", "2880 view S1 IN_WINDOW", "2881 cart S2 IN_WINDOW",
                "2882 cart - IN_WINDOW");
    }

    @Test
    void strictOrderMarksTheUnbrokenChainNotTheFirstTry() {
        EventLog log = new EventLogBuilder()
                .add("dan", "view", T0)
                .add("dan", "search", T0 + MINUTE)
                .add("dan", "cart", T0 + 2 * MINUTE, null, Map.of("size", "L"))
                .add("dan", "view", T0 + 3 * MINUTE)
                .add("dan", "cart", T0 + 4 * MINUTE, null, Map.of("size", "L"))
                .build();
        assertThat(lines(timeline(log, shop(OrderMode.STRICT), "dan"))).containsExactly(
                "0 view - BEFORE_ENTRY", "1 search - BEFORE_ENTRY", "2 cart - BEFORE_ENTRY",
                "3 view S1 IN_WINDOW", "4 cart S2 IN_WINDOW");
    }

    @Test
    void inAnyOrderEachEventIsMarkedWithTheStepItServed() {
        EventLog log = new EventLogBuilder()
                .add("eve", "cart", T0, null, Map.of("size", "L"))
                .add("eve", "buy", T0 + MINUTE)
                .add("eve", "view", T0 + 2 * MINUTE)
                .build();
        assertThat(lines(timeline(log, shop(OrderMode.ANY), "eve"))).containsExactly(
                "0 cart S2 IN_WINDOW", "1 buy S3 IN_WINDOW", "2 view S1 IN_WINDOW");
    }

    @Test
    void anOptionalStepIsMarkedOnTheEventThatDidItBetweenTheRequiredSteps() {
        EventLog log = new EventLogBuilder()
                .add("fay", "view", T0)
                .add("fay", "coupon", T0 + MINUTE)
                .add("fay", "buy", T0 + 2 * MINUTE)
                .add("fay", "coupon", T0 + 3 * MINUTE)
                .add("gil", "view", T0)
                .add("gil", "buy", T0 + 2 * MINUTE)
                .add("gil", "coupon", T0 + 3 * MINUTE)
                .build();
        FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"),
                FunnelSpec.Step.event("coupon").asOptional(), FunnelSpec.Step.event("buy")), Duration.ofDays(1),
                OrderMode.SEQUENTIAL);
        assertThat(lines(timeline(log, spec, "fay"))).containsExactly(
                "0 view S1 IN_WINDOW", "1 coupon O2 IN_WINDOW", "2 buy S3 IN_WINDOW", "3 coupon - IN_WINDOW");
        // gil's coupon came after buying: it did not do the optional step.
        assertThat(lines(timeline(log, spec, "gil"))).containsExactly(
                "0 view S1 IN_WINDOW", "2 buy S3 IN_WINDOW", "3 coupon - IN_WINDOW");

        // Drill-down on the optional step: who did it, with what they did at the next required step.
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
        assertThat(new StepExplanations(log, spec, outcome).explain(2))
                .containsExactly(new Explanation("fay", Outcome.WENT_ON, "buy 2 min later"));
    }

    @Test
    void anExclusionEventInsideItsSpanIsMarked() {
        EventLog log = new EventLogBuilder()
                .add("gus", "search", T0 - MINUTE)
                .add("gus", "view", T0)
                .add("gus", "search", T0 + MINUTE)
                .add("gus", "buy", T0 + 2 * MINUTE)
                .build();
        FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("buy")),
                Duration.ofDays(1), OrderMode.SEQUENTIAL).withExclusions(List.of(
                        new FunnelSpec.ExclusionSpec("search", MatchRule.event("search"), 1, 2, true)));
        // The exclusion cut the attempt at step 1: buy is not marked, the search between is.
        assertThat(lines(timeline(log, spec, "gus"))).containsExactly(
                "-1 search - BEFORE_ENTRY", "0 view S1 IN_WINDOW", "1 search X:search IN_WINDOW",
                "2 buy - IN_WINDOW");
    }

    @Test
    void aCrowdedWindowKeepsItsFirstThousandEventsAndEveryMarkedOne() {
        EventLogBuilder builder = new EventLogBuilder().add("hal", "view", T0);
        for (int i = 1; i <= 1_005; i++) {
            builder.add("hal", "scroll", T0 + i * 1_000_000L);
        }
        builder.add("hal", "cart", T0 + 2_000 * 1_000_000L, null, Map.of("size", "L"));
        Timeline timeline = timeline(builder.build(), shop(OrderMode.SEQUENTIAL), "hal");
        // view + 1,005 scrolls + cart in the window: the first 1,000 (view and 999 scrolls), then cart.
        assertThat(timeline.entries()).hasSize(UserTimeline.MAX_EVENTS_IN_WINDOW + 1);
        assertThat(timeline.leftOut()).isEqualTo(6);
        assertThat(line(timeline.entries().get(timeline.entries().size() - 1))).isEqualTo("33 cart S2 IN_WINDOW");
    }

    @Test
    void aUserOutsideTheFunnelShowsTheirFirstEvents() {
        EventLogBuilder builder = new EventLogBuilder().add("ann", "view", T0);
        for (int i = 0; i < 12; i++) {
            builder.add("ivy", "browse", T0 + i * MINUTE);
        }
        Timeline timeline = timeline(builder.build(), shop(OrderMode.SEQUENTIAL), "ivy");
        assertThat(timeline.entries()).hasSize(UserTimeline.EVENTS_BEFORE + UserTimeline.EVENTS_AFTER)
                .allSatisfy(e -> assertThat(e.place()).isEqualTo(Place.NO_ATTEMPT));
    }

    @Test
    void theDrillDownColumnsShowTheBreakdownGroupAndTheTestedPropertiesAtTheStep() {
        EventLog log = new EventLogBuilder()
                .add("ann", "view", T0, null, Map.of("device", "mobile"))
                .add("ann", "cart", T0 + MINUTE, null, Map.of("size", "L", "device", "desktop"))
                .add("bob", "view", T0, null, Map.of("device", "desktop"))
                .build();
        FunnelSpec spec = shop(OrderMode.SEQUENTIAL);
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
        StepExplanations explanations = new StepExplanations(log, spec, outcome);
        UserTimeline timelines = new UserTimeline(log, spec, outcome);

        DrillDownColumns.Columns atStep2 = DrillDownColumns.of(log, spec, outcome, timelines, 2,
                explanations.users(2, u -> true));
        // First touch: ann counts as mobile, though her cart event says desktop. The log has no price.
        assertThat(atStep2.names()).containsExactly("device", "size at Add to cart");
        assertThat(atStep2.values()).containsExactly(List.of("mobile", "L"));
        DrillDownColumns.Columns atStep1 = DrillDownColumns.of(log, spec, outcome, timelines, 1,
                explanations.users(1, u -> true));
        // size is read on the cart event whatever the step drilled into; bob never got there.
        assertThat(atStep1.values()).containsExactly(List.of("mobile", "L"), List.of("desktop", ""));
    }
}
