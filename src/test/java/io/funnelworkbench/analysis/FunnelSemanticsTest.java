package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.Interval;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.model.TrendPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per rule and per edge case of {@code docs/FUNNEL-SEMANTICS.md}, each on a small hand-built
 * log with hand-worked numbers. Section names follow the document.
 */
public class FunnelSemanticsTest {
    /** Monday 2024-03-04 10:00 UTC, in epoch microseconds. */
    static final long T0 = micros("2024-03-04T10:00:00Z");
    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final Duration WEEK = Duration.ofDays(7);
    static final double EPS = 1e-9;
    /** The Wilson interval's z for 95%. */
    static final double Z = 1.959963984540054;

    // ----------------------------------------------------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------------------------------------------------

    static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * SECOND + i.getNano() / 1000;
    }

    static FunnelSpec funnel(OrderMode order, Duration window, String... steps) {
        return FunnelSpec.of(Arrays.stream(steps).map(FunnelSpec.Step::event).toList(), window, order);
    }

    static FunnelSpec sequential(Duration window, String... steps) {
        return funnel(OrderMode.SEQUENTIAL, window, steps);
    }

    static FunnelResult compute(EventLog log, FunnelSpec spec) {
        ConformanceCases.seen(log, spec);
        return new FunnelEngine(log).compute(spec);
    }

    static long[] users(FunnelResult result) {
        return users(result.steps());
    }

    static long[] users(List<StepResult> steps) {
        return steps.stream().mapToLong(StepResult::users).toArray();
    }

    static int user(EventLog log, String id) {
        for (int u = 0; u < log.userCount(); u++) {
            if (log.userId(u).equals(id)) {
                return u;
            }
        }
        throw new AssertionError("no user " + id);
    }

    /** Furthest step of one user through {@code scan}. */
    static int furthest(EventLog log, FunnelSpec spec, String id) {
        ConformanceCases.seen(log, spec);
        return new FunnelEngine(log).scan(spec).furthest(user(log, id));
    }

    /** Step times of one user relative to T0 in seconds (as longs in micros, 1-based steps). */
    static long[] stepTimes(EventLog log, FunnelSpec spec, String id) {
        ConformanceCases.seen(log, spec);
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
        int u = user(log, id);
        long[] times = new long[outcome.furthest(u)];
        for (int step = 1; step <= times.length; step++) {
            times[step - 1] = outcome.stepTime(u, step);
        }
        return times;
    }

    static long[] at(long... offsets) {
        return Arrays.stream(offsets).map(o -> T0 + o).toArray();
    }

    static BreakdownGroup group(FunnelResult result, String value) {
        Optional<BreakdownGroup> group = result.breakdown().stream()
                .filter(g -> !g.other() && Objects.equals(g.value(), value)).findFirst();
        assertThat(group).as("breakdown group " + value + " in " + result.breakdown()).isPresent();
        return group.get();
    }

    static void assertInterval(Interval interval, double low, double high) {
        assertThat(interval.low()).isCloseTo(low, within(EPS));
        assertThat(interval.high()).isCloseTo(high, within(EPS));
    }

    /** Wilson score interval written out, to cross-check the literal values used below. */
    static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double d = 1 + Z * Z / n;
        double center = (p + Z * Z / (2 * n)) / d;
        double half = Z / d * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n));
        return new double[] {center - half, center + half};
    }

    // ----------------------------------------------------------------------------------------------------------
    // Sequential order
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class SequentialOrder {
        @Test
        void userReachesStepJWhenMatchingEventsFollowInTimeOrder() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "cart", T0 + MINUTE).add("u1", "buy", T0 + 2 * MINUTE)
                    .add("u2", "view", T0).add("u2", "buy", T0 + MINUTE)                   // no cart
                    .add("u3", "cart", T0).add("u3", "view", T0 + 10 * SECOND)             // cart before view
                    .add("u3", "buy", T0 + 20 * SECOND)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "cart", "buy");
            assertThat(users(compute(log, spec))).containsExactly(3, 1, 1);
            assertThat(furthest(log, spec, "u1")).isEqualTo(3);
            assertThat(furthest(log, spec, "u2")).isEqualTo(1);
            assertThat(furthest(log, spec, "u3")).isEqualTo(1);
        }

        @Test
        void otherEventsInBetweenAreIgnoredIncludingRepeatsOfStepsAlreadyReached() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "view", T0 + 10 * SECOND).add("u1", "home", T0 + 20 * SECOND)
                    .add("u1", "cart", T0 + 30 * SECOND).add("u1", "view", T0 + 40 * SECOND)
                    .add("u1", "cart", T0 + 50 * SECOND).add("u1", "buy", T0 + 60 * SECOND)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "cart", "buy");
            assertThat(stepTimes(log, spec, "u1")).containsExactly(at(0, 30 * SECOND, 60 * SECOND));
        }

        @Test
        void eachStepUsesTheEarliestMatchingEventAtOrAfterThePreviousStepsEvent() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "cart", T0 + 10 * SECOND).add("u1", "cart", T0 + 20 * SECOND)
                    .add("u1", "buy", T0 + 30 * SECOND).add("u1", "buy", T0 + 40 * SECOND)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "cart", "buy");
            assertThat(stepTimes(log, spec, "u1")).containsExactly(at(0, 10 * SECOND, 30 * SECOND));
            FunnelResult result = compute(log, spec);
            assertThat(result.steps().get(1).timeFromPrevious().medianSeconds()).isEqualTo(10.0);
            assertThat(result.steps().get(2).timeFromPrevious().medianSeconds()).isEqualTo(20.0);
            assertThat(result.steps().get(2).timeFromFirst().medianSeconds()).isEqualTo(30.0);
        }

        @Test
        void oneEventCannotSatisfyTwoStepsThatMatchTheSameEventName() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0)
                    .add("u2", "view", T0).add("u2", "view", T0 + 5 * SECOND)
                    .add("u3", "view", T0).add("u3", "view", T0)                           // two views, one instant
                    .build();
            FunnelSpec twoViews = sequential(WEEK, "view", "view");
            assertThat(furthest(log, twoViews, "u1")).isEqualTo(1);
            assertThat(furthest(log, twoViews, "u2")).isEqualTo(2);
            assertThat(furthest(log, twoViews, "u3")).isEqualTo(2);
            assertThat(users(compute(log, twoViews))).containsExactly(3, 2);
            FunnelSpec threeViews = sequential(WEEK, "view", "view", "view");
            assertThat(users(compute(log, threeViews))).containsExactly(3, 2, 0);
            assertThat(stepTimes(log, twoViews, "u2")).containsExactly(at(0, 5 * SECOND));
        }

        @Test
        void equalTimestampsAdvanceTheFunnelInStepOrderWhateverTheImportOrder() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "add_to_cart", T0 + MINUTE).add("u1", "purchase", T0 + MINUTE)
                    .add("u2", "view", T0).add("u2", "purchase", T0 + MINUTE).add("u2", "add_to_cart", T0 + MINUTE)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "add_to_cart", "purchase");
            FunnelResult result = compute(log, spec);
            assertThat(users(result)).containsExactly(2, 2, 2);
            assertThat(stepTimes(log, spec, "u1")).containsExactly(at(0, MINUTE, MINUTE));
            assertThat(stepTimes(log, spec, "u2")).containsExactly(at(0, MINUTE, MINUTE));
            assertThat(result.steps().get(2).timeFromPrevious().medianSeconds()).isEqualTo(0.0);
            assertThat(result.steps().get(2).timeFromFirst().medianSeconds()).isEqualTo(60.0);
        }

        @Test
        void windowIsInclusiveAtTheEdgeAndOneMicrosecondPastItDoesNotCount() {
            EventLog log = new EventLogBuilder()
                    .add("edge", "view", T0).add("edge", "buy", T0 + HOUR)
                    .add("past", "view", T0).add("past", "buy", T0 + HOUR + 1)
                    .build();
            FunnelSpec spec = sequential(Duration.ofHours(1), "view", "buy");
            assertThat(furthest(log, spec, "edge")).isEqualTo(2);
            assertThat(furthest(log, spec, "past")).isEqualTo(1);
            assertThat(users(compute(log, spec))).containsExactly(2, 1);
        }

        @Test
        void windowIsMeasuredFromTheStepOneEventNotFromThePreviousStep() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "cart", T0 + 50 * MINUTE).add("u1", "buy", T0 + 70 * MINUTE)
                    .build();
            assertThat(furthest(log, sequential(Duration.ofHours(1), "view", "cart", "buy"), "u1")).isEqualTo(2);
        }

        @Test
        void windowOfZeroNeedsAllStepsAtTheStepOneInstant() {
            EventLog log = new EventLogBuilder()
                    .add("same", "view", T0).add("same", "cart", T0).add("same", "buy", T0)
                    .add("late", "view", T0).add("late", "cart", T0).add("late", "buy", T0 + 1)
                    .build();
            FunnelSpec spec = sequential(Duration.ZERO, "view", "cart", "buy");
            assertThat(furthest(log, spec, "same")).isEqualTo(3);
            assertThat(furthest(log, spec, "late")).isEqualTo(2);
            FunnelResult result = compute(log, spec);
            assertThat(users(result)).containsExactly(2, 2, 1);
            assertThat(result.steps().get(2).timeFromFirst().medianSeconds()).isEqualTo(0.0);
        }

        @Test
        void eventsOutOfFileOrderAreOrderedByTime() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "buy", T0 + 2 * MINUTE)
                    .add("u2", "view", T0)
                    .add("u1", "cart", T0 + MINUTE)
                    .add("u1", "view", T0)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "cart", "buy");
            assertThat(stepTimes(log, spec, "u1")).containsExactly(at(0, MINUTE, 2 * MINUTE));
            assertThat(users(compute(log, spec))).containsExactly(2, 1, 1);
        }

        @Test
        void aUserWithManyAttemptsCountsTheFurthestAndTimesComeFromTheEarliestFurthestAttempt() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "cart", T0 + 10 * MINUTE)            // attempt 1: 2 steps
                    .add("u1", "view", T0 + 3 * HOUR).add("u1", "cart", T0 + 3 * HOUR + 20 * MINUTE)
                    .add("u1", "buy", T0 + 3 * HOUR + 30 * MINUTE)                       // attempt 2: 3 steps
                    .add("u1", "view", T0 + 5 * HOUR).add("u1", "cart", T0 + 5 * HOUR + MINUTE)
                    .add("u1", "buy", T0 + 5 * HOUR + 2 * MINUTE)                        // attempt 3: 3 steps, faster
                    .build();
            FunnelSpec spec = sequential(Duration.ofHours(1), "view", "cart", "buy");
            assertThat(furthest(log, spec, "u1")).isEqualTo(3);
            assertThat(stepTimes(log, spec, "u1"))
                    .containsExactly(at(3 * HOUR, 3 * HOUR + 20 * MINUTE, 3 * HOUR + 30 * MINUTE));
            FunnelResult result = compute(log, spec);
            assertThat(users(result)).containsExactly(1, 1, 1);
            assertThat(result.steps().get(1).timeFromPrevious().medianSeconds()).isEqualTo(1200.0);
            assertThat(result.steps().get(2).timeFromPrevious().medianSeconds()).isEqualTo(600.0);
            assertThat(result.steps().get(2).timeFromFirst().medianSeconds()).isEqualTo(1800.0);
        }

        @Test
        void attemptsStartingAtTheSameInstantReportTheEarliestStepTimesWhateverTheImportOrder() {
            // Steps [a or b, b]: the attempt from b@0 needs the later b; the attempt from a@0 can use b@0.
            // Both reach step 2 and start at the same instant; the earliest is the one with the earlier times.
            FunnelSpec spec = FunnelSpec.of(List.of(new FunnelSpec.Step("a|b", new MatchRule(List.of("a", "b"),
                    List.of()), GoalValue.NONE), FunnelSpec.Step.event("b")), WEEK, OrderMode.SEQUENTIAL);
            EventLog bFirst = new EventLogBuilder()
                    .add("u1", "b", T0).add("u1", "a", T0).add("u1", "b", T0 + HOUR)
                    .build();
            EventLog aFirst = new EventLogBuilder()
                    .add("u1", "a", T0).add("u1", "b", T0).add("u1", "b", T0 + HOUR)
                    .build();
            assertThat(stepTimes(bFirst, spec, "u1")).containsExactly(at(0, 0));
            assertThat(stepTimes(aFirst, spec, "u1")).containsExactly(at(0, 0));
        }

        @Test
        void aFunnelOfTwentyStepsIsSupported() {
            String[] steps = IntStream.rangeClosed(1, 20).mapToObj(i -> "s" + i)
                    .toArray(String[]::new);
            EventLogBuilder b = new EventLogBuilder();
            for (int i = 0; i < 20; i++) {
                b.add("all", steps[i], T0 + i * SECOND);
                if (i != 10) {
                    b.add("gap", steps[i], T0 + i * SECOND);
                }
            }
            EventLog log = b.build();
            for (OrderMode order : OrderMode.values()) {
                FunnelSpec spec = funnel(order, WEEK, steps);
                assertThat(furthest(log, spec, "all")).as(order.toString()).isEqualTo(20);
                assertThat(furthest(log, spec, "gap")).as(order.toString())
                        .isEqualTo(order == OrderMode.SEQUENTIAL ? 10 : order == OrderMode.STRICT ? 10 : 19);
            }
            assertThat(stepTimes(log, sequential(WEEK, steps), "all")[19]).isEqualTo(T0 + 19 * SECOND);
        }

        @Test
        void usersWithNoStepOneEventAreNotInTheFunnel() {
            EventLog log = new EventLogBuilder()
                    .add("noentry", "cart", T0).add("noentry", "buy", T0 + MINUTE)
                    .add("u2", "view", T0).add("u2", "cart", T0 + MINUTE).add("u2", "buy", T0 + 2 * MINUTE)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "cart", "buy");
            assertThat(furthest(log, spec, "noentry")).isZero();
            assertThat(users(compute(log, spec))).containsExactly(1, 1, 1);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Strict order
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class StrictOrder {
        final FunnelSpec viewCartBuy = funnel(OrderMode.STRICT, WEEK, "view", "cart", "buy");

        @Test
        void anOtherEventStrictlyBetweenTwoStepsEndsTheAttempt() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "home", T0 + 10 * SECOND).add("u1", "cart", T0 + 20 * SECOND)
                    .build();
            assertThat(furthest(log, viewCartBuy, "u1")).isEqualTo(1);
            assertThat(furthest(log, sequential(WEEK, "view", "cart", "buy"), "u1")).isEqualTo(2);
        }

        @Test
        void eventsAtTheSameInstantAsEitherStepNeverBreakTheChain() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "home", T0)                          // with step 1
                    .add("u1", "home", T0 + 20 * SECOND).add("u1", "cart", T0 + 20 * SECOND) // with step 2
                    .add("u1", "buy", T0 + 30 * SECOND).add("u1", "home", T0 + 30 * SECOND)  // with step 3
                    .build();
            assertThat(stepTimes(log, viewCartBuy, "u1")).containsExactly(at(0, 20 * SECOND, 30 * SECOND));
        }

        @Test
        void stepEventsWithEqualTimestampsAreTakenInStepOrder() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + 10 * SECOND).add("u1", "cart", T0 + 10 * SECOND)
                    .build();
            assertThat(furthest(log, viewCartBuy, "u1")).isEqualTo(3);
        }

        @Test
        void aLaterStepOneEventStartsANewAttempt() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "home", T0 + 10 * SECOND)
                    .add("u1", "view", T0 + 20 * SECOND).add("u1", "cart", T0 + 30 * SECOND)
                    .build();
            assertThat(stepTimes(log, viewCartBuy, "u1")).containsExactly(at(20 * SECOND, 30 * SECOND));
        }

        @Test
        void aRepeatOfAStepBetweenTwoStepsBreaksTheChain() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "view", T0 + 10 * SECOND).add("u1", "cart", T0 + 20 * SECOND)
                    .build();
            // The attempt from the first view is broken by the second view; the second view's attempt is not.
            assertThat(stepTimes(log, viewCartBuy, "u1")).containsExactly(at(10 * SECOND, 20 * SECOND));
        }

        @Test
        void theConversionWindowStillApplies() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "cart", T0 + 2 * HOUR)
                    .build();
            assertThat(furthest(log, funnel(OrderMode.STRICT, Duration.ofHours(1), "view", "cart"), "u1"))
                    .isEqualTo(1);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Any order
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class AnyOrder {
        @Test
        void usersMayStartAtAnyStepAndStepJCountsUsersWithAtLeastJDistinctSteps() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "buy", T0).add("u1", "cart", T0 + 10 * SECOND).add("u1", "view", T0 + 20 * SECOND)
                    .add("u2", "cart", T0).add("u2", "view", T0 + 5 * SECOND)
                    .add("u3", "buy", T0)
                    .add("u4", "home", T0)
                    .build();
            FunnelSpec spec = funnel(OrderMode.ANY, WEEK, "view", "cart", "buy");
            assertThat(users(compute(log, spec))).containsExactly(3, 2, 1);
            assertThat(furthest(log, spec, "u4")).isZero();
        }

        @Test
        void eachStepNeedsADifferentEvent() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0)
                    .add("u2", "view", T0).add("u2", "view", T0 + SECOND)
                    .build();
            FunnelSpec spec = funnel(OrderMode.ANY, WEEK, "view", "view");
            assertThat(furthest(log, spec, "u1")).isEqualTo(1);
            assertThat(furthest(log, spec, "u2")).isEqualTo(2);
        }

        @Test
        void allStepsMustLieWithinTheWindowOfTheEarliestOfThem() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + 30 * MINUTE).add("u1", "cart", T0 + 2 * HOUR)
                    .add("u2", "view", T0).add("u2", "cart", T0 + HOUR).add("u2", "buy", T0 + HOUR + 1)
                    .add("u3", "view", T0).add("u3", "cart", T0 + HOUR).add("u3", "buy", T0 + HOUR)
                    .build();
            FunnelSpec spec = funnel(OrderMode.ANY, Duration.ofHours(1), "view", "cart", "buy");
            assertThat(furthest(log, spec, "u1")).isEqualTo(2);
            assertThat(furthest(log, spec, "u2")).isEqualTo(2);
            assertThat(furthest(log, spec, "u3")).isEqualTo(3);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Exclusions
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class Exclusions {
        FunnelSpec withLogout(Duration window, int from, int to, boolean drop) {
            return sequential(window, "view", "cart", "buy").withExclusions(List.of(
                    new FunnelSpec.ExclusionSpec("logout", MatchRule.event("logout"), from, to, drop)));
        }

        EventLog log() {
            return new EventLogBuilder()
                    .add("hit", "view", T0).add("hit", "logout", T0 + 10 * SECOND)
                    .add("hit", "cart", T0 + 20 * SECOND).add("hit", "buy", T0 + 30 * SECOND)
                    .add("after", "view", T0).add("after", "cart", T0 + 10 * SECOND)
                    .add("after", "logout", T0 + 20 * SECOND).add("after", "buy", T0 + 30 * SECOND)
                    .add("clean", "view", T0).add("clean", "cart", T0 + 10 * SECOND)
                    .add("clean", "buy", T0 + 20 * SECOND)
                    .build();
        }

        @Test
        void byDefaultAnExcludedUserIsRemovedFromTheWholeFunnel() {
            EventLog log = log();
            FunnelSpec spec = withLogout(WEEK, 1, 2, false);
            FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
            assertThat(outcome.furthest(user(log, "hit"))).isZero();
            assertThat(outcome.excluded(user(log, "hit"))).isTrue();
            assertThat(outcome.furthest(user(log, "after"))).isEqualTo(3);
            assertThat(outcome.excluded(user(log, "after"))).isFalse();
            FunnelResult result = compute(log, spec);
            assertThat(users(result)).containsExactly(2, 2, 2);
            assertThat(result.excludedUsers()).isEqualTo(1);
        }

        @Test
        void anyOrderHasNoBetweenSoExclusionsAreRefused() {
            FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("buy")), WEEK,
                    OrderMode.ANY);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec.withExclusions(List.of(
                    new FunnelSpec.ExclusionSpec("logout", MatchRule.event("logout"), 1, 2, false))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(FunnelSpec.ANY_ORDER_EXCLUSIONS);
        }

        @Test
        void dropFromThatPointKeepsTheUserForTheStepsUpToA() {
            EventLog log = log();
            FunnelSpec spec = withLogout(WEEK, 1, 2, true);
            assertThat(furthest(log, spec, "hit")).isEqualTo(1);
            assertThat(users(compute(log, spec))).containsExactly(3, 2, 2);
        }

        @Test
        void anExclusionBetweenNonAdjacentStepsCoversTheStepsBetween() {
            EventLog log = log();
            FunnelSpec spec = withLogout(WEEK, 1, 3, false);
            // "after" logs out between cart and buy, which lies between steps 1 and 3.
            assertThat(users(compute(log, spec))).containsExactly(1, 1, 1);
            assertThat(furthest(log, withLogout(WEEK, 2, 3, true), "after")).isEqualTo(2);
            assertThat(furthest(log, withLogout(WEEK, 2, 3, true), "hit")).isEqualTo(3);
        }

        @Test
        void anExclusionAtTheSameInstantAsStepAOrStepBDoesNotCount() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "logout", T0)
                    .add("u1", "logout", T0 + 20 * SECOND).add("u1", "cart", T0 + 20 * SECOND)
                    .add("u1", "buy", T0 + 30 * SECOND)
                    .build();
            assertThat(furthest(log, withLogout(WEEK, 1, 2, false), "u1")).isEqualTo(3);
        }

        @Test
        void whenStepBWasNotReachedTheExclusionCountsUpToTheEndOfTheWindow() {
            EventLog log = new EventLogBuilder()
                    .add("edge", "view", T0).add("edge", "logout", T0 + HOUR)
                    .add("past", "view", T0).add("past", "logout", T0 + HOUR + 1)
                    .build();
            FunnelSpec spec = withLogout(Duration.ofHours(1), 1, 2, false);
            FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
            assertThat(outcome.excluded(user(log, "edge"))).isTrue();
            assertThat(outcome.furthest(user(log, "edge"))).isZero();
            assertThat(outcome.excluded(user(log, "past"))).isFalse();
            assertThat(outcome.furthest(user(log, "past"))).isEqualTo(1);
        }

        @Test
        void exclusionsAreJudgedOnTheCountedAttempt() {
            // Attempt 1 gets further (to cart) but has a logout inside; attempt 2 is clean but only reaches view.
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "logout", T0 + 5 * SECOND).add("u1", "cart", T0 + 10 * SECOND)
                    .add("u1", "view", T0 + 20 * SECOND)
                    .build();
            assertThat(furthest(log, withLogout(WEEK, 1, 2, false), "u1")).isZero();
            assertThat(furthest(log, withLogout(WEEK, 1, 2, true), "u1")).isEqualTo(1);
        }

        @Test
        void excludedUsersDoNotCountInTimesToConvert() {
            EventLog log = log();
            FunnelResult result = compute(log, withLogout(WEEK, 1, 2, false));
            // Left: "after" (cart at 10 s, buy at 30 s) and "clean" (10 s, 20 s).
            TimeStats cart = result.steps().get(1).timeFromPrevious();
            assertThat(cart.count()).isEqualTo(2);
            assertThat(cart.medianSeconds()).isEqualTo(10.0);
            assertThat(result.steps().get(2).timeFromFirst().meanSeconds()).isCloseTo(25.0, within(EPS));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Entry date range and still in window
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class EntryDateRange {
        @Test
        void theRangeBoundsOnlyTheStepOneEventOfAnAttempt() {
            EventLog log = new EventLogBuilder()
                    .add("before", "view", micros("2024-03-03T23:00:00Z"))
                    .add("before", "buy", micros("2024-03-04T00:30:00Z"))
                    .add("spills", "view", micros("2024-03-05T23:00:00Z"))
                    .add("spills", "buy", micros("2024-03-06T01:00:00Z"))
                    .add("second", "view", micros("2024-03-03T10:00:00Z"))
                    .add("second", "buy", micros("2024-03-03T10:05:00Z"))
                    .add("second", "view", micros("2024-03-04T12:00:00Z"))
                    .add("first", "view", micros("2024-03-04T00:00:00Z"))
                    .add("last", "view", micros("2024-03-05T23:59:59.999999Z"))
                    .add("after", "view", micros("2024-03-06T00:00:00Z"))
                    .build();
            FunnelSpec spec = sequential(Duration.ofDays(1), "view", "buy")
                    .withEntryRange(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5));
            FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
            assertThat(outcome.furthest(user(log, "before"))).isZero();
            assertThat(outcome.furthest(user(log, "spills"))).isEqualTo(2);
            assertThat(outcome.furthest(user(log, "second"))).isEqualTo(1);
            assertThat(outcome.stepTime(user(log, "second"), 1)).isEqualTo(micros("2024-03-04T12:00:00Z"));
            assertThat(outcome.furthest(user(log, "first"))).isEqualTo(1);
            assertThat(outcome.furthest(user(log, "last"))).isEqualTo(1);
            assertThat(outcome.furthest(user(log, "after"))).isZero();
            assertThat(users(compute(log, spec))).containsExactly(4, 1);
        }

        @Test
        void usersWhoseWindowIsStillOpenAtTheEndOfTheDataAreReportedAsStillInWindow() {
            long last = T0 + 10 * HOUR;
            EventLog log = new EventLogBuilder()
                    .add("open", "view", last - 30 * MINUTE)
                    .add("closed", "view", last - 2 * HOUR)
                    .add("done", "view", last - 30 * MINUTE).add("done", "buy", last - 10 * MINUTE)
                    .add("edge", "view", last - HOUR)                 // its window ends exactly at the end
                    .add("justopen", "view", last - HOUR + 1)
                    .add("other", "home", last)
                    .build();
            FunnelSpec spec = sequential(Duration.ofHours(1), "view", "buy");
            FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
            assertThat(outcome.stillInWindow(user(log, "open"))).isTrue();
            assertThat(outcome.stillInWindow(user(log, "closed"))).isFalse();
            assertThat(outcome.stillInWindow(user(log, "done"))).isFalse();
            assertThat(outcome.stillInWindow(user(log, "edge"))).isFalse();
            assertThat(outcome.stillInWindow(user(log, "justopen"))).isTrue();
            assertThat(outcome.stillInWindow(user(log, "other"))).isFalse();
            FunnelResult result = compute(log, spec);
            assertThat(result.stillInWindow()).isEqualTo(2);
            // ... and they are counted as usual.
            assertThat(users(result)).containsExactly(5, 1);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Goals as steps: match rules and values
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class GoalSteps {
        @Test
        void aStepWithPropertyConditionsMatchesOnlyEventsWhereEveryConditionHolds() {
            EventLog log = new EventLogBuilder()
                    .add("phones", "view_product", T0, null, Map.of("category", "phones"))
                    .add("laptops", "view_product", T0, null, Map.of("category", "laptops"))
                    .add("upper", "view_product", T0, null, Map.of("category", "Laptops"))   // case-sensitive
                    .add("none", "view_product", T0)
                    .build();
            FunnelSpec spec = FunnelSpec.of(List.of(new FunnelSpec.Step("laptops", new MatchRule(
                    List.of("view_product"), List.of(Condition.of("category", Operator.EQUALS, "laptops"))),
                    GoalValue.NONE)), WEEK, OrderMode.SEQUENTIAL);
            assertThat(users(compute(log, spec))).containsExactly(1);
            assertThat(furthest(log, spec, "laptops")).isEqualTo(1);
        }

        @Test
        void numericConditionsCompareNumbersNotStrings() {
            EventLog log = new EventLogBuilder()
                    .add("nine", "watch_demo_video", T0, null, Map.of("percent", "9"))
                    .add("fifty", "watch_demo_video", T0, null, Map.of("percent", "50"))
                    .add("hundred", "watch_demo_video", T0, null, Map.of("percent", "100"))
                    .build();
            FunnelSpec spec = FunnelSpec.of(List.of(new FunnelSpec.Step("engaged", new MatchRule(
                    List.of("watch_demo_video"), List.of(Condition.of("percent", Operator.GREATER_OR_EQUAL, "50"))),
                    GoalValue.NONE)), WEEK, OrderMode.SEQUENTIAL);
            assertThat(furthest(log, spec, "nine")).isZero();
            assertThat(furthest(log, spec, "fifty")).isEqualTo(1);
            assertThat(furthest(log, spec, "hundred")).isEqualTo(1);
        }

        @Test
        void aStepMatchesAnyOfItsEventNames() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "signup", T0 + SECOND)
                    .add("u2", "view", T0).add("u2", "register", T0 + SECOND)
                    .add("u3", "view", T0).add("u3", "login", T0 + SECOND)
                    .build();
            FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), new FunnelSpec.Step("joined",
                    new MatchRule(List.of("signup", "register"), List.of()), GoalValue.NONE)), WEEK,
                    OrderMode.SEQUENTIAL);
            assertThat(users(compute(log, spec))).containsExactly(3, 2);
        }

        @Test
        void aFixedValueIsSummedOverConvertingUsers() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "lead", T0 + SECOND)
                    .add("u2", "view", T0).add("u2", "lead", T0 + SECOND)
                    .add("u3", "view", T0).add("u3", "lead", T0 + SECOND)
                    .add("u4", "view", T0)
                    .build();
            FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"),
                    new FunnelSpec.Step("lead", MatchRule.event("lead"), GoalValue.fixed(5))), WEEK,
                    OrderMode.SEQUENTIAL);
            FunnelResult result = compute(log, spec);
            assertThat(result.steps().get(1).value()).isCloseTo(15.0, within(EPS));
            assertThat(result.steps().get(0).value()).isZero();
        }

        @Test
        void aValueFromANumericPropertyOfTheMatchingEventIsSummed() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "purchase", T0 + SECOND, null, Map.of("revenue", "10.5"))
                    .add("u2", "view", T0).add("u2", "purchase", T0 + SECOND, null, Map.of("revenue", "20"))
                    .add("u3", "view", T0)
                    .add("u4", "purchase", T0, null, Map.of("revenue", "1000"))          // not in the funnel
                    .build();
            FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"),
                    new FunnelSpec.Step("purchase", MatchRule.event("purchase"), GoalValue.fromProperty("revenue"))),
                    WEEK, OrderMode.SEQUENTIAL);
            assertThat(compute(log, spec).steps().get(1).value()).isCloseTo(30.5, within(EPS));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Metrics per step
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class Metrics {
        /** 10 users view, 4 of them add to cart, 1 of those buys. */
        EventLog tenFourOne() {
            EventLogBuilder b = new EventLogBuilder();
            for (int i = 0; i < 10; i++) {
                String u = "u" + i;
                b.add(u, "view", T0);
                if (i < 4) {
                    b.add(u, "cart", T0 + MINUTE);
                }
                if (i < 1) {
                    b.add(u, "buy", T0 + 2 * MINUTE);
                }
            }
            return b.build();
        }

        @Test
        void conversionFromPreviousAndFromFirstAndDropOff() {
            FunnelResult result = compute(tenFourOne(), sequential(WEEK, "view", "cart", "buy"));
            List<StepResult> s = result.steps();
            assertThat(users(s)).containsExactly(10, 4, 1);
            assertThat(s.get(0).conversionFromFirst()).isCloseTo(1.0, within(EPS));
            assertThat(s.get(1).conversionFromPrevious()).isCloseTo(0.4, within(EPS));
            assertThat(s.get(1).conversionFromFirst()).isCloseTo(0.4, within(EPS));
            assertThat(s.get(2).conversionFromPrevious()).isCloseTo(0.25, within(EPS));
            assertThat(s.get(2).conversionFromFirst()).isCloseTo(0.1, within(EPS));
            assertThat(s.stream().mapToLong(StepResult::dropped).toArray()).containsExactly(6, 3, 0);
            assertThat(s.get(0).dropOffRate()).isCloseTo(0.6, within(EPS));
            assertThat(s.get(1).dropOffRate()).isCloseTo(0.75, within(EPS));
            assertThat(s.get(2).dropOffRate()).isZero();
            assertThat(s.stream().map(StepResult::number).toList()).containsExactly(1, 2, 3);
        }

        @Test
        void wilsonScoreIntervalOfEachConversionRate() {
            // Hand-computed with z = 1.959963984540054: centre (p + z^2/2n) / (1 + z^2/n),
            // half-width z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2).
            double[] fourOfTen = {0.16818032970623614, 0.6873262302663417};
            double[] oneOfFour = {0.04558726080970055, 0.6993581574175981};
            double[] oneOfTen = {0.017876213095072868, 0.4041500267952385};
            double[] tenOfTen = {0.7224672001371107, 1.0};
            assertThat(wilson(4, 10)).containsExactly(fourOfTen, within(1e-12));
            assertThat(wilson(1, 4)).containsExactly(oneOfFour, within(1e-12));

            List<StepResult> s = compute(tenFourOne(), sequential(WEEK, "view", "cart", "buy")).steps();
            assertInterval(s.get(0).conversionFromFirstInterval(), tenOfTen[0], tenOfTen[1]);
            assertInterval(s.get(1).conversionFromPreviousInterval(), fourOfTen[0], fourOfTen[1]);
            assertInterval(s.get(1).conversionFromFirstInterval(), fourOfTen[0], fourOfTen[1]);
            assertInterval(s.get(2).conversionFromPreviousInterval(), oneOfFour[0], oneOfFour[1]);
            assertInterval(s.get(2).conversionFromFirstInterval(), oneOfTen[0], oneOfTen[1]);
        }

        @Test
        void ratesAreZeroNotNanWhenTheirBaseIsZero() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + SECOND)
                    .build();
            // Nobody adds to cart, so buy's base is 0.
            List<StepResult> s = compute(log, sequential(WEEK, "view", "cart", "buy")).steps();
            assertThat(users(s)).containsExactly(1, 0, 0);
            assertThat(s.get(2).conversionFromPrevious()).isZero();
            assertInterval(s.get(2).conversionFromPreviousInterval(), 0, 0);
            assertThat(s.get(1).dropOffRate()).isZero();
            assertThat(s.get(1).timeFromPrevious().count()).isZero();
            assertThat(s.get(1).timeFromPrevious().medianSeconds()).isNull();
        }

        @Test
        void timeToConvertHasMedianMeanAndNearestRankP90() {
            long[] seconds = {10, 20, 30, 100};
            TimeStats four = viewToBuy(seconds);
            assertThat(four.count()).isEqualTo(4);
            assertThat(four.medianSeconds()).isCloseTo(25.0, within(EPS));            // mean of 20 and 30
            assertThat(four.meanSeconds()).isCloseTo(40.0, within(EPS));
            assertThat(four.p90Seconds()).isCloseTo(100.0, within(EPS));               // ceil(3.6) = 4th
            assertThat(four.histogram().stream().mapToLong(TimeStats.HistogramBin::users).sum()).isEqualTo(4);

            TimeStats five = viewToBuy(new long[] {50, 1, 3, 2, 4});
            assertThat(five.medianSeconds()).isCloseTo(3.0, within(EPS));
            assertThat(five.meanSeconds()).isCloseTo(12.0, within(EPS));
            assertThat(five.p90Seconds()).isCloseTo(50.0, within(EPS));                // ceil(4.5) = 5th

            TimeStats ten = viewToBuy(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            assertThat(ten.medianSeconds()).isCloseTo(5.5, within(EPS));
            assertThat(ten.meanSeconds()).isCloseTo(5.5, within(EPS));
            assertThat(ten.p90Seconds()).isCloseTo(9.0, within(EPS));                  // ceil(9.0) = 9th, not 9.1
        }

        @Test
        void timesAreInSecondsWithSubSecondPrecision() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + 1_500_000)
                    .build();
            TimeStats stats = compute(log, sequential(WEEK, "view", "buy")).steps().get(1).timeFromPrevious();
            assertThat(stats.medianSeconds()).isCloseTo(1.5, within(EPS));
        }

        @Test
        void timeFromPreviousAndTimeFromFirstAreMeasuredPerUser() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "cart", T0 + 10 * SECOND).add("u1", "buy", T0 + 30 * SECOND)
                    .add("u2", "view", T0).add("u2", "cart", T0 + 20 * SECOND).add("u2", "buy", T0 + 60 * SECOND)
                    .build();
            List<StepResult> s = compute(log, sequential(WEEK, "view", "cart", "buy")).steps();
            assertThat(s.get(2).timeFromPrevious().medianSeconds()).isCloseTo(30.0, within(EPS)); // 20, 40
            assertThat(s.get(2).timeFromFirst().medianSeconds()).isCloseTo(45.0, within(EPS));    // 30, 60
            assertThat(s.get(1).timeFromFirst().meanSeconds()).isCloseTo(15.0, within(EPS));      // 10, 20
        }

        TimeStats viewToBuy(long[] seconds) {
            EventLogBuilder b = new EventLogBuilder();
            for (int i = 0; i < seconds.length; i++) {
                b.add("u" + i, "view", T0).add("u" + i, "buy", T0 + seconds[i] * SECOND);
            }
            return compute(b.build(), sequential(WEEK, "view", "buy")).steps().get(1).timeFromPrevious();
        }

        @Test
        void largestDropOffStepIsTheStepAfterWhichMostUsersAreLost() {
            FunnelResult result = compute(fourSteps(), sequential(WEEK, "a", "b", "c", "d"));
            assertThat(users(result)).containsExactly(10, 8, 3, 2);
            assertThat(result.largestDropOffStep()).isEqualTo(2);                      // 2, 5, 1 lost
        }

        @Test
        void slowestStepHasTheLargestMedianTimeFromThePreviousStep() {
            FunnelResult result = compute(fourSteps(), sequential(WEEK, "a", "b", "c", "d"));
            assertThat(result.steps().get(1).timeFromPrevious().medianSeconds()).isCloseTo(10.0, within(EPS));
            assertThat(result.steps().get(2).timeFromPrevious().medianSeconds()).isCloseTo(100.0, within(EPS));
            assertThat(result.steps().get(3).timeFromPrevious().medianSeconds()).isCloseTo(50.0, within(EPS));
            assertThat(result.slowestStep()).isEqualTo(3);
        }

        /** 10 users do a, 8 b (10 s later), 3 c (100 s after b), 2 d (50 s after c). */
        EventLog fourSteps() {
            EventLogBuilder b = new EventLogBuilder();
            for (int i = 0; i < 10; i++) {
                String u = "u" + i;
                b.add(u, "a", T0);
                if (i < 8) {
                    b.add(u, "b", T0 + 10 * SECOND);
                }
                if (i < 3) {
                    b.add(u, "c", T0 + 110 * SECOND);
                }
                if (i < 2) {
                    b.add(u, "d", T0 + 160 * SECOND);
                }
            }
            return b.build();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Breakdown
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class Breakdown {
        EventLog log() {
            return new EventLogBuilder()
                    .add("u1", "view", T0, null, Map.of("source", "ads"))
                    .add("u1", "view", T0 + 10 * SECOND, null, Map.of("source", "email"))
                    .add("u1", "cart", T0 + 20 * SECOND, null, Map.of("source", "email"))
                    .add("u2", "view", T0, null, Map.of("source", "email"))
                    .add("u3", "view", T0)
                    .add("u3", "cart", T0 + 10 * SECOND, null, Map.of("source", ""))
                    .build();
        }

        @Test
        void firstTouchUsesTheValueOnTheUsersEarliestStepOneEvent() {
            FunnelResult result = compute(log(), sequential(WEEK, "view", "cart")
                    .withBreakdown("source", Attribution.FIRST_TOUCH));
            assertThat(result.breakdown()).hasSize(3);
            assertThat(users(group(result, "ads").steps())).containsExactly(1, 1);
            assertThat(users(group(result, "email").steps())).containsExactly(1, 0);
            assertThat(users(group(result, null).steps())).containsExactly(1, 1);
        }

        @Test
        void lastStepUsesTheValueOnTheEventOfTheLastStepReached() {
            FunnelResult result = compute(log(), sequential(WEEK, "view", "cart")
                    .withBreakdown("source", Attribution.LAST_STEP));
            assertThat(result.breakdown()).hasSize(2);
            assertThat(users(group(result, "email").steps())).containsExactly(2, 1);
            assertThat(users(group(result, null).steps())).containsExactly(1, 1);
        }

        @Test
        void aMissingOrEmptyValueFormsItsOwnGroupShownAsNone() {
            FunnelResult result = compute(log(), sequential(WEEK, "view", "cart")
                    .withBreakdown("source", Attribution.LAST_STEP));
            BreakdownGroup none = group(result, null);
            assertThat(none.label()).isEqualTo("(none)");
            assertThat(none.other()).isFalse();
        }

        @Test
        void aUserBelongsToOneGroupAndAllOfTheirAttemptsCountThere() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0, null, Map.of("source", "ads"))                 // attempt 1: view only
                    .add("u1", "view", T0 + 2 * HOUR, null, Map.of("source", "email"))    // attempt 2: view, cart
                    .add("u1", "cart", T0 + 2 * HOUR + MINUTE)
                    .build();
            FunnelResult result = compute(log, sequential(Duration.ofHours(1), "view", "cart")
                    .withBreakdown("source", Attribution.FIRST_TOUCH));
            assertThat(result.breakdown()).hasSize(1);
            assertThat(users(group(result, "ads").steps())).containsExactly(1, 1);
        }

        @Test
        void eachGroupIsACompleteFunnel() {
            EventLog log = new EventLogBuilder()
                    .add("a1", "view", T0, null, Map.of("source", "ads")).add("a1", "cart", T0 + 30 * SECOND)
                    .add("a2", "view", T0, null, Map.of("source", "ads"))
                    .add("e1", "view", T0, null, Map.of("source", "email")).add("e1", "cart", T0 + 10 * SECOND)
                    .build();
            FunnelResult result = compute(log, sequential(WEEK, "view", "cart")
                    .withBreakdown("source", Attribution.FIRST_TOUCH));
            StepResult adsCart = group(result, "ads").steps().get(1);
            assertThat(adsCart.users()).isEqualTo(1);
            assertThat(adsCart.conversionFromPrevious()).isCloseTo(0.5, within(EPS));
            assertThat(group(result, "ads").steps().get(0).dropped()).isEqualTo(1);
            assertThat(adsCart.timeFromPrevious().medianSeconds()).isCloseTo(30.0, within(EPS));
            StepResult emailCart = group(result, "email").steps().get(1);
            assertThat(emailCart.conversionFromPrevious()).isCloseTo(1.0, within(EPS));
            assertThat(emailCart.timeFromPrevious().medianSeconds()).isCloseTo(10.0, within(EPS));
            // The whole funnel is still reported.
            assertThat(users(result)).containsExactly(3, 2);
            assertThat(result.breakdownProperty()).isEqualTo("source");
        }

        @Test
        void theTop25ValuesByStepOneUsersAreShownAndTheRestGroupedAsOther() {
            // Value v01 has 1 user, v02 2 users, ..., v27 27 users: v01 and v02 fall into "Other".
            EventLogBuilder b = new EventLogBuilder();
            for (int v = 1; v <= 27; v++) {
                String value = String.format("v%02d", v);
                for (int i = 0; i < v; i++) {
                    String u = value + "-" + i;
                    b.add(u, "view", T0, null, Map.of("source", value));
                    if (i == 0) {
                        b.add(u, "buy", T0 + SECOND);
                    }
                }
            }
            FunnelResult result = compute(b.build(), sequential(WEEK, "view", "buy")
                    .withBreakdown("source", Attribution.FIRST_TOUCH));
            assertThat(result.breakdown()).hasSize(26);
            List<BreakdownGroup> named = result.breakdown().stream().filter(g -> !g.other()).toList();
            assertThat(named).extracting(BreakdownGroup::value).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(3, 27).mapToObj(v -> String.format("v%02d", v)).toList());
            BreakdownGroup other = result.breakdown().stream().filter(BreakdownGroup::other).findFirst().orElseThrow();
            assertThat(other.label()).isEqualTo("Other");
            assertThat(users(other.steps())).containsExactly(3, 2);
            assertThat(users(group(result, "v27").steps())).containsExactly(27, 1);

            // Drill-down finds the same users in each group, Other included.
            EventLog log = b.build();
            FunnelSpec spec = sequential(WEEK, "view", "buy").withBreakdown("source", Attribution.FIRST_TOUCH);
            FunnelEngine engine = new FunnelEngine(log);
            FunnelOutcome outcome = engine.scan(spec);
            for (BreakdownGroup g : result.breakdown()) {
                IntPredicate members = engine.breakdownMembers(spec, outcome, g);
                for (int step = 1; step <= 2; step++) {
                    int reachedStep = step;
                    long reached = IntStream.range(0, outcome.userCount())
                            .filter(u -> members.test(u) && outcome.furthest(u) >= reachedStep).count();
                    assertThat(reached).as(g.label() + " at step " + step)
                            .isEqualTo(g.steps().get(step - 1).users());
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Trends
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class Trends {
        EventLog log() {
            return new EventLogBuilder()
                    .add("u1", "view", micros("2024-03-04T10:00:00Z")).add("u1", "buy", micros("2024-03-04T10:05:00Z"))
                    .add("u2", "view", micros("2024-03-04T11:00:00Z"))
                    .add("u3", "view", micros("2024-03-05T09:00:00Z")).add("u3", "buy", micros("2024-03-05T09:30:00Z"))
                    .add("u4", "view", micros("2024-03-12T09:00:00Z"))
                    .add("u5", "view", micros("2024-04-02T23:59:00Z")).add("u5", "buy", micros("2024-04-03T00:10:00Z"))
                    .build();
        }

        List<TrendPoint> trend(TrendPeriod period) {
            FunnelResult result = compute(log(), sequential(Duration.ofDays(1), "view", "buy").withTrendPeriod(period));
            assertThat(result.trendPeriod()).isEqualTo(period);
            return result.trend().stream().filter(p -> p.entered() > 0).toList();
        }

        @Test
        void trendByDayOfTheStepOneEvent() {
            assertThat(trend(TrendPeriod.DAY)).containsExactly(
                    new TrendPoint(LocalDate.of(2024, 3, 4), 2, 1, 0.5, 0, false),
                    new TrendPoint(LocalDate.of(2024, 3, 5), 1, 1, 1.0, 0, false),
                    new TrendPoint(LocalDate.of(2024, 3, 12), 1, 0, 0.0, 0, false),
                    new TrendPoint(LocalDate.of(2024, 4, 2), 1, 1, 1.0, 0, false));
        }

        @Test
        void trendByIsoWeekStartingOnMonday() {
            assertThat(trend(TrendPeriod.WEEK)).containsExactly(
                    new TrendPoint(LocalDate.of(2024, 3, 4), 3, 2, 2.0 / 3, 0, false),
                    new TrendPoint(LocalDate.of(2024, 3, 11), 1, 0, 0.0, 0, false),
                    new TrendPoint(LocalDate.of(2024, 4, 1), 1, 1, 1.0, 0, true));
        }

        @Test
        void trendByMonth() {
            assertThat(trend(TrendPeriod.MONTH)).containsExactly(
                    new TrendPoint(LocalDate.of(2024, 3, 1), 4, 2, 0.5, 0, true),
                    new TrendPoint(LocalDate.of(2024, 4, 1), 1, 1, 1.0, 0, true));
        }

        @Test
        void periodsWithoutEntriesBetweenTheFirstAndTheLastAreKeptSoTheTimeAxisHasNoHoles() {
            FunnelResult result = compute(log(), sequential(Duration.ofDays(1), "view", "buy")
                    .withTrendPeriod(TrendPeriod.WEEK));
            assertThat(result.trend()).extracting(TrendPoint::periodStart).containsExactly(LocalDate.of(2024, 3, 4),
                    LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 18), LocalDate.of(2024, 3, 25),
                    LocalDate.of(2024, 4, 1));
            assertThat(result.trend().get(2)).isEqualTo(new TrendPoint(LocalDate.of(2024, 3, 18), 0, 0, 0, 0, false));
            assertThat(compute(log(), sequential(Duration.ofDays(1), "view", "buy").withTrendPeriod(TrendPeriod.DAY))
                    .trend()).hasSize(30);
        }

        @Test
        void attemptsStillInTheirWindowAndPeriodsCutByTheEntryRangeAreProvisional() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", micros("2024-03-04T10:00:00Z")).add("u1", "buy", micros("2024-03-05T10:00:00Z"))
                    .add("u2", "view", micros("2024-03-13T09:00:00Z"))
                    .add("u3", "view", micros("2024-03-14T08:00:00Z"))
                    .add("u4", "view", micros("2024-03-14T09:00:00Z")).add("u4", "buy", micros("2024-03-14T10:00:00Z"))
                    .build();
            FunnelResult result = compute(log, sequential(Duration.ofDays(2), "view", "buy")
                    .withTrendPeriod(TrendPeriod.WEEK));
            assertThat(result.stillInWindow()).isEqualTo(2);
            assertThat(result.trend()).containsExactly(
                    new TrendPoint(LocalDate.of(2024, 3, 4), 1, 1, 1.0, 0, false),
                    new TrendPoint(LocalDate.of(2024, 3, 11), 3, 1, 1.0 / 3, 2, true));
            assertThat(result.trend().get(0).provisional()).isFalse();
            assertThat(result.trend().get(1).provisional()).isTrue();

            FunnelResult ranged = compute(log, sequential(Duration.ofDays(2), "view", "buy")
                    .withTrendPeriod(TrendPeriod.WEEK).withEntryRange(LocalDate.of(2024, 3, 6), null));
            assertThat(ranged.trend()).extracting(TrendPoint::periodStart, TrendPoint::partial)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2024, 3, 11), true));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Optional steps
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class OptionalSteps {
        /** view, coupon (optional), buy. */
        FunnelSpec viewCouponBuy(OrderMode order, Duration window) {
            return funnel(order, window, "view", "coupon", "buy").withOptional(List.of(2));
        }

        @Test
        void anOptionalStepNobodyDidCountsZeroAndLeavesTheRequiredFunnelAsIfItWereAbsent() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + MINUTE)
                    .add("u2", "view", T0)
                    .build();
            FunnelResult result = compute(log, viewCouponBuy(OrderMode.SEQUENTIAL, WEEK));
            assertThat(users(result)).containsExactly(2, 0, 1);
            assertThat(result.steps()).extracting(StepResult::optional).containsExactly(false, true, false);
            StepResult coupon = result.steps().get(1);
            assertThat(coupon.conversionFromPrevious()).isZero();
            assertThat(coupon.dropped()).isZero();
            // buy converts from view, the required step before it; view's drop-off is to buy.
            StepResult buy = result.steps().get(2);
            assertThat(buy.conversionFromPrevious()).isCloseTo(0.5, within(EPS));
            assertThat(result.steps().get(0).dropped()).isEqualTo(1);
            assertThat(result.largestDropOffStep()).isEqualTo(1);
            assertThat(buy.timeFromPrevious().medianSeconds()).isEqualTo(60.0);
            assertThat(users(compute(log, sequential(WEEK, "view", "buy")))).containsExactly(2, 1);
        }

        @Test
        void anOptionalEventBeforeStepAIsNotCounted() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "coupon", T0).add("u1", "view", T0 + SECOND).add("u1", "buy", T0 + MINUTE)
                    .build();
            assertThat(users(compute(log, viewCouponBuy(OrderMode.SEQUENTIAL, WEEK)))).containsExactly(1, 0, 1);
        }

        @Test
        void anOptionalEventAtTheInstantOfStepAButADifferentEventIsCounted() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "coupon", T0).add("u1", "view", T0).add("u1", "buy", T0 + MINUTE)
                    .build();
            FunnelResult result = compute(log, viewCouponBuy(OrderMode.SEQUENTIAL, WEEK));
            assertThat(users(result)).containsExactly(1, 1, 1);
            assertThat(result.steps().get(1).conversionFromPrevious()).isCloseTo(1.0, within(EPS));
        }

        @Test
        void theAttemptsOwnStepEventDoesNotAlsoCountForTheOptionalStep() {
            // "view" is both step 1 and the optional step: the one view event serves step 1 only.
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + MINUTE)
                    .add("u2", "view", T0).add("u2", "view", T0 + SECOND).add("u2", "buy", T0 + MINUTE)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "view", "buy").withOptional(List.of(2));
            assertThat(users(compute(log, spec))).containsExactly(2, 1, 2);
        }

        @Test
        void anOptionalEventAfterStepBIsNotCountedButAtStepBsInstantIs() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "buy", T0 + MINUTE).add("u1", "coupon", T0 + 2 * MINUTE)
                    .add("u2", "view", T0).add("u2", "buy", T0 + MINUTE).add("u2", "coupon", T0 + MINUTE)
                    .build();
            FunnelOutcome outcome = new FunnelEngine(log).scan(viewCouponBuy(OrderMode.SEQUENTIAL, WEEK));
            assertThat(outcome.didOptional(user(log, "u1"), 0)).isFalse();
            assertThat(outcome.didOptional(user(log, "u2"), 0)).isTrue();
            assertThat(outcome.stepCount()).isEqualTo(2);
            assertThat(outcome.furthest(user(log, "u1"))).isEqualTo(2);
        }

        @Test
        void aUserWhoDidNotReachStepBCountsWithinTheWindowInclusive() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "coupon", T0 + HOUR)                    // edge of the window
                    .add("u2", "view", T0).add("u2", "coupon", T0 + HOUR + 1)                // past it
                    .build();
            FunnelResult result = compute(log, viewCouponBuy(OrderMode.SEQUENTIAL, Duration.ofHours(1)));
            assertThat(users(result)).containsExactly(2, 1, 0);
            assertThat(result.steps().get(1).conversionFromPrevious()).isCloseTo(0.5, within(EPS));
            assertThat(result.steps().get(1).conversionFromFirst()).isCloseTo(0.5, within(EPS));
        }

        @Test
        void twoOptionalStepsInARowBothSitBetweenTheSameRequiredSteps() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "search", T0 + SECOND).add("u1", "coupon", T0 + 2 * SECOND)
                    .add("u1", "cart", T0 + 3 * SECOND).add("u1", "buy", T0 + 4 * SECOND)
                    .add("u2", "view", T0).add("u2", "cart", T0 + SECOND).add("u2", "coupon", T0 + 2 * SECOND)
                    .build();
            FunnelSpec spec = sequential(WEEK, "view", "search", "coupon", "cart", "buy").withOptional(List.of(2, 3));
            FunnelResult result = compute(log, spec);
            // u2's coupon comes after their cart: outside view..cart, and cart's step-4 number is required step 2.
            assertThat(users(result)).containsExactly(2, 1, 1, 2, 1);
            assertThat(result.steps().get(3).conversionFromPrevious()).isCloseTo(1.0, within(EPS));
            assertThat(result.steps().get(3).dropped()).isEqualTo(1);
            assertThat(result.steps()).extracting(StepResult::number).containsExactly(1, 2, 3, 4, 5);
        }

        @Test
        void anOptionalEventBreaksAStrictChainLikeAnyOtherEvent() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "coupon", T0 + SECOND).add("u1", "buy", T0 + MINUTE)
                    .add("u2", "view", T0).add("u2", "coupon", T0).add("u2", "buy", T0 + MINUTE)
                    .build();
            // u1: coupon strictly between view and buy ends the chain, but the attempt still did it on the way.
            assertThat(users(compute(log, viewCouponBuy(OrderMode.STRICT, WEEK)))).containsExactly(2, 2, 1);
        }

        @Test
        void inAnyOrderTheOptionalStepSitsBetweenTheAttemptsEventsInTimeOrder() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "buy", T0).add("u1", "coupon", T0 + SECOND).add("u1", "view", T0 + MINUTE)
                    .add("u2", "coupon", T0).add("u2", "buy", T0 + SECOND).add("u2", "view", T0 + MINUTE)
                    .build();
            FunnelResult result = compute(log, viewCouponBuy(OrderMode.ANY, WEEK));
            assertThat(users(result)).containsExactly(2, 1, 2);
        }

        @Test
        void firstOrLastStepOptionalAndExclusionsEndingOnOptionalStepsAreRefusedInPlainWords() {
            FunnelSpec spec = sequential(WEEK, "view", "coupon", "buy");
            assertThat(catchThrowable(() -> spec.withOptional(List.of(1))))
                    .hasMessage("Step 1 (view) cannot be optional: the first and the last step of a funnel are"
                            + " always required.");
            assertThat(catchThrowable(() -> spec.withOptional(List.of(3))))
                    .hasMessageContaining("Step 3 (buy) cannot be optional");
            assertThat(catchThrowable(() -> spec.withOptional(List.of(1, 2, 3))))
                    .hasMessage("Every step is optional: a funnel needs required steps, at least its first and its"
                            + " last.");
            FunnelSpec excluding = spec.withExclusions(List.of(new FunnelSpec.ExclusionSpec("home",
                    MatchRule.event("home"), 2, 3, false)));
            assertThat(catchThrowable(() -> excluding.withOptional(List.of(2))))
                    .hasMessage("Exclusion home must sit between required steps: step 2 (coupon) is optional.");
        }

        @Test
        void withoutOptionalStepsEveryStepIsRequired() {
            EventLog log = new EventLogBuilder().add("u1", "view", T0).add("u1", "buy", T0 + SECOND).build();
            FunnelResult result = compute(log, sequential(WEEK, "view", "buy"));
            assertThat(result.steps()).extracting(StepResult::optional).containsExactly(false, false);
            assertThat(sequential(WEEK, "view", "buy").requiredOnly()).isEqualTo(sequential(WEEK, "view", "buy"));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Edge cases that must be tested
    // ----------------------------------------------------------------------------------------------------------

    @Nested
    class EdgeCases {
        @Test
        void emptyProjectGivesZeroUsersAndZeroRatesAtEveryStep() {
            for (EventLog log : List.of(new EventLogBuilder().build(), EventLog.empty())) {
                for (OrderMode order : OrderMode.values()) {
                    FunnelSpec spec = funnel(order, WEEK, "view", "buy")
                            .withBreakdown("source", Attribution.FIRST_TOUCH);
                    FunnelResult result = compute(log, spec);
                    assertThat(users(result)).containsExactly(0, 0);
                    assertZeroRates(result.steps());
                    assertThat(result.stillInWindow()).isZero();
                    assertThat(result.excludedUsers()).isZero();
                    assertThat(result.breakdown()).isEmpty();
                    assertThat(new FunnelEngine(log).scan(spec).userCount()).isZero();
                }
            }
        }

        @Test
        void aFunnelWhoseFirstStepNobodyDidHasZeroUsersAndZeroRatesNotNan() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "cart", T0).add("u1", "buy", T0 + SECOND)
                    .build();
            for (OrderMode order : List.of(OrderMode.SEQUENTIAL, OrderMode.STRICT)) {
                FunnelResult result = compute(log, funnel(order, WEEK, "view", "cart", "buy"));
                assertThat(users(result)).containsExactly(0, 0, 0);
                assertZeroRates(result.steps());
                assertThat(result.largestDropOffStep()).isNull();
                assertThat(result.slowestStep()).isNull();
            }
        }

        @Test
        void aOneStepFunnelCountsUsersWithTheEvent() {
            EventLog log = new EventLogBuilder()
                    .add("u1", "view", T0).add("u1", "view", T0 + SECOND)
                    .add("u2", "view", T0)
                    .add("u3", "view", T0)
                    .add("u4", "home", T0)
                    .build();
            for (OrderMode order : OrderMode.values()) {
                FunnelResult result = compute(log, funnel(order, WEEK, "view"));
                assertThat(users(result)).containsExactly(3);
                StepResult only = result.steps().get(0);
                assertThat(only.conversionFromFirst()).isCloseTo(1.0, within(EPS));
                assertThat(only.dropped()).isZero();
                assertThat(only.dropOffRate()).isZero();
                assertThat(result.largestDropOffStep()).isNull();
            }
        }

        void assertZeroRates(List<StepResult> steps) {
            for (StepResult s : steps) {
                assertThat(s.conversionFromPrevious()).isZero();
                assertThat(s.conversionFromFirst()).isZero();
                assertThat(s.dropOffRate()).isZero();
                assertThat(s.dropped()).isZero();
                assertInterval(s.conversionFromPreviousInterval(), 0, 0);
                assertInterval(s.conversionFromFirstInterval(), 0, 0);
                if (s.timeFromPrevious() != null) {
                    assertThat(s.timeFromPrevious().count()).isZero();
                }
                if (s.timeFromFirst() != null) {
                    assertThat(s.timeFromFirst().count()).isZero();
                }
                assertThat(s.value()).isZero();
            }
        }
    }
}
