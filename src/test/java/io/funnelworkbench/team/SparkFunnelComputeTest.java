package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code SparkConnectBackend.compute} against the local engine on the same events: the whole FunnelResult equal
 * as records (steps, conversion intervals, time statistics, values, breakdown groups with their trends, headline
 * steps, excluded and still-in-window users), for the fixture project and a tie-heavy random log with properties.
 * Fixed amounts are amount × users on both sides, values read from a property exact sums (analysis/ExactSum) and
 * means exact sums divided once, so no tolerance is needed.
 */
class SparkFunnelComputeTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_780_000_000L * SECOND;
    private static final List<String> NAMES = List.of("a", "b", "c", "x");

    @Test
    void fixtureFunnelsEqualTheLocalEngineInEveryOrder() throws IOException {
        Backends backends = backends(fixtureLog(), "fixture.json");
        FunnelSpec.Step purchase = new FunnelSpec.Step("purchase", MatchRule.event("purchase"), GoalValue.fixed(19.99));
        List<FunnelSpec.Step> checkout = List.of(FunnelSpec.Step.event("page_view"),
                FunnelSpec.Step.event("view_product"), FunnelSpec.Step.event("add_to_cart").asOptional(),
                FunnelSpec.Step.event("begin_checkout"), purchase);
        FunnelSpec.ExclusionSpec newsletter = new FunnelSpec.ExclusionSpec("newsletter_signup",
                MatchRule.event("newsletter_signup"), 2, 4, true);
        // One funnel per order, each with a breakdown, a trend and an optional step; the ordered ones with an
        // exclusion; sequential order broken down by revenue (numeric, on purchases only: placed by the last step).
        List<FunnelSpec> specs = List.of(
                FunnelSpec.of(checkout, Duration.ofDays(30), OrderMode.SEQUENTIAL).withExclusions(List.of(newsletter))
                        .withBreakdown("revenue", Attribution.LAST_STEP),
                FunnelSpec.of(checkout, Duration.ofDays(7), OrderMode.STRICT).withExclusions(List.of(newsletter))
                        .withBreakdown("device", Attribution.FIRST_TOUCH).withTrendPeriod(TrendPeriod.DAY),
                FunnelSpec.of(checkout, Duration.ofDays(7), OrderMode.ANY)
                        .withBreakdown("device", Attribution.FIRST_TOUCH).withTrendPeriod(TrendPeriod.DAY));
        double purchaseValue = 0;
        for (FunnelSpec spec : specs) {
            FunnelResult local = backends.local().compute(spec);
            assertThat(backends.spark().compute(spec)).as(spec.order() + " by " + spec.breakdownProperty())
                    .isEqualTo(local);
            assertThat(local.breakdown()).as("groups").hasSizeGreaterThan(1);
            purchaseValue += local.steps().get(4).value();
        }
        assertThat(purchaseValue).as("purchases are worth something").isPositive();
    }

    @Test
    void tieHeavyRandomLogWithPropertiesEqualsTheLocalEngine() {
        Backends backends = backends(randomLog(new Random(14_014L)), "random.json");
        FunnelSpec.Step a = FunnelSpec.Step.event("a");
        FunnelSpec.Step b = FunnelSpec.Step.event("b");
        FunnelSpec.Step c = new FunnelSpec.Step("c", MatchRule.event("c"), GoalValue.fixed(2.5));
        FunnelSpec.ExclusionSpec x = new FunnelSpec.ExclusionSpec("x", MatchRule.event("x"), 1, 3, false);
        List<FunnelSpec> specs = new ArrayList<>();
        // Plan: 40 values, so the top 25 and Other; many ties on users, broken by first appearance.
        for (OrderMode order : List.of(OrderMode.SEQUENTIAL, OrderMode.STRICT)) {
            specs.add(FunnelSpec.of(List.of(a, b, a, c), Duration.ofSeconds(4), order)
                    .withBreakdown("plan", Attribution.FIRST_TOUCH).withExclusions(List.of(x)));
        }
        // Counted by team (users share teams; ties across users of a team): accounts in place of users.
        specs.add(FunnelSpec.of(List.of(a, b, c), Duration.ofSeconds(3), OrderMode.STRICT).withCountBy("team")
                .withBreakdown("plan", Attribution.FIRST_TOUCH));
        // Price: numbers, so ranges.
        specs.add(FunnelSpec.of(List.of(a, b.asOptional(), c), Duration.ofSeconds(5), OrderMode.ANY)
                .withBreakdown("price", Attribution.LAST_STEP).withTrendPeriod(TrendPeriod.DAY));
        boolean other = false;
        boolean ranges = false;
        long stillOpen = 0;
        for (FunnelSpec spec : specs) {
            FunnelResult local = backends.local().compute(spec);
            assertThat(backends.spark().compute(spec)).as(spec.order() + " by " + spec.breakdownProperty())
                    .isEqualTo(local);
            assertThat(local.steps().get(0).users()).as("entered " + spec.countBy()).isPositive();
            other |= local.breakdown().stream().anyMatch(BreakdownGroup::other);
            ranges |= local.breakdown().stream().anyMatch(g -> g.label().contains("–"));
            stillOpen += local.stillInWindow();
        }
        assertThat(other).as("some breakdown has an Other group").isTrue();
        assertThat(ranges).as("the price is broken down in ranges").isTrue();
        assertThat(stillOpen).as("the still-in-window judgement is exercised").isPositive();
    }

    private record Backends(FunnelBackend local, FunnelBackend spark) {
    }

    private static Backends backends(EventLog log, String file) {
        return new Backends(new LocalBackend(new FunnelEngine(log)), onSpark(log, file));
    }

    /**
     * As the engine's randomized test: times on a grid of seconds over three days, a few a microsecond off, so
     * equal times are common, and the import order of a user's events shuffled, so ties go both ways. Each event
     * has a plan (40 values, skewed, sometimes missing), a price (numbers, sometimes missing) and a team (37 teams
     * of about 11 users; sometimes missing). Events are
     * imported user by user, so the import order is the log's row order, which the table's order column holds:
     * values then first appear in the same order on both sides, as breakdown ties need.
     */
    private static EventLog randomLog(Random random) {
        List<Object[]> events = new ArrayList<>();
        for (int u = 1; u <= 400; u++) {
            int n = random.nextInt(13);
            long day = random.nextInt(3) * 86_400L * SECOND;
            for (int i = 0; i < n; i++) {
                long time = BASE + day + random.nextInt(7) * SECOND + (random.nextInt(12) == 0 ? 1 : 0);
                String name = NAMES.get(random.nextInt(random.nextInt(6) == 0 ? NAMES.size() : NAMES.size() - 1));
                Map<String, String> props = new HashMap<>();
                if (random.nextInt(8) != 0) {
                    props.put("plan", "p" + Math.min(random.nextInt(40), random.nextInt(40)));
                }
                if (random.nextInt(6) != 0) {
                    props.put("price", Integer.toString(5 + random.nextInt(400)));
                }
                if (random.nextInt(10) != 0) {
                    props.put("team", "t" + (u % 37));
                }
                events.add(new Object[] {u, name, time, props});
            }
        }
        Collections.shuffle(events, random);
        events.sort(Comparator.<Object[]>comparingInt(e -> (int) e[0]).thenComparingLong(e -> (long) e[2]));
        EventLogBuilder builder = new EventLogBuilder();
        for (Object[] e : events) {
            @SuppressWarnings("unchecked")
            Map<String, String> props = (Map<String, String>) e[3];
            builder.add("u" + e[0], (String) e[1], (long) e[2], null, props);
        }
        return builder.build();
    }
}
