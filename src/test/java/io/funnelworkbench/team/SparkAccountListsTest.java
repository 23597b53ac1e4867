package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * User lists of funnels counted by account on the Spark Connect back-end against {@code LocalBackend} on the same
 * events, as whole {@code Explanation} records in the same order: every order mode, optional steps, breakdown
 * groups, outcomes and pages. On the fixture project's events with a team property, and on a tie-heavy random log
 * whose users belong to several teams (so an account's equal times come from users whose first events carry
 * another account, and accounts first appear in an order of their own).
 */
class SparkAccountListsTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_780_000_000L * SECOND;
    private static final List<String> NAMES = List.of("a", "b", "c", "x");
    private static final int TEAMS = 60;
    private static final int SECONDS = 20;

    @Test
    void fixtureListsByAccountEqualTheLocalEngineInEveryOrder() throws IOException {
        EventLog fixture = fixtureLog();
        // Teams of users, on most events; every event also carries a device, which is counted by too.
        EventLog log = reimported(fixture, row -> fixture.user(row) % 11 == 0 ? null : "team" + fixture.user(row) % 9);
        LocalBackend local = new LocalBackend(new FunnelEngine(log));
        SparkConnectBackend cluster = onSpark(log, "fixture.json");
        List<FunnelSpec.Step> checkout = List.of(FunnelSpec.Step.event("page_view"),
                FunnelSpec.Step.event("view_product"), FunnelSpec.Step.event("add_to_cart").asOptional(),
                FunnelSpec.Step.event("begin_checkout"), FunnelSpec.Step.event("purchase"));
        FunnelSpec.ExclusionSpec newsletter = new FunnelSpec.ExclusionSpec("newsletter_signup",
                MatchRule.event("newsletter_signup"), 2, 4, true);
        int listed = 0;
        for (OrderMode order : OrderMode.values()) {
            FunnelSpec spec = FunnelSpec.of(checkout, Duration.ofDays(7), order).withCountBy("team")
                    .withExclusions(order == OrderMode.ANY ? List.of() : List.of(newsletter))
                    .withBreakdown("device", Attribution.FIRST_TOUCH);
            for (int step : List.of(1, 3, 4)) {
                listed += assertSameList(local, cluster, spec, step, null, null, 0, Integer.MAX_VALUE);
            }
            BreakdownGroup first = local.compute(spec).breakdown().get(0);
            listed += assertSameList(local, cluster, spec, 2, first, null, 0, Integer.MAX_VALUE);
            listed += assertSameList(local, cluster, spec, 2, null, Outcome.DROPPED, 0, Integer.MAX_VALUE);
            listed += assertSameList(local, cluster, spec, 1, null, null, 2, 3);
        }
        FunnelSpec byDevice = FunnelSpec.of(checkout, Duration.ofDays(7), OrderMode.SEQUENTIAL).withCountBy("device");
        listed += assertSameList(local, cluster, byDevice, 2, null, null, 0, Integer.MAX_VALUE);
        assertThat(listed).as("accounts listed").isGreaterThan(40);
    }

    @Test
    void tieHeavyRandomListsByAccountEqualTheLocalEngine() {
        Imported imported = randomLog(new Random(14_140L));
        LocalBackend local = new LocalBackend(new FunnelEngine(imported.log()));
        SparkConnectBackend cluster = onSpark(imported.log(), imported.importRows(), "random.json");
        FunnelSpec.Step a = FunnelSpec.Step.event("a");
        FunnelSpec.Step b = FunnelSpec.Step.event("b");
        FunnelSpec.Step c = FunnelSpec.Step.event("c");
        FunnelSpec.ExclusionSpec x = new FunnelSpec.ExclusionSpec("x", MatchRule.event("x"), 1, 3, false);
        FunnelSpec sequential = FunnelSpec.of(List.of(a, b, a, c), Duration.ofSeconds(4), OrderMode.SEQUENTIAL)
                .withExclusions(List.of(x)).withCountBy("team").withBreakdown("plan", Attribution.FIRST_TOUCH);
        FunnelSpec strict = FunnelSpec.of(List.of(a, b.asOptional(), c), Duration.ofSeconds(3), OrderMode.STRICT)
                .withCountBy("team");
        FunnelSpec any = FunnelSpec.of(List.of(a, b, c), Duration.ofSeconds(5), OrderMode.ANY).withCountBy("team");

        List<BreakdownGroup> plans = local.compute(sequential).breakdown();
        assertThat(plans).as("plan groups, the last one Other").hasSizeGreaterThan(3);
        int listed = 0;
        for (BreakdownGroup group : List.of(plans.get(0), plans.get(plans.size() - 1),
                new BreakdownGroup(null, false, List.of()))) {
            listed += assertSameList(local, cluster, sequential, 2, group, null, 0, Integer.MAX_VALUE);
        }
        List<Explanation> dropped = local.explain(sequential, 3, null, Outcome.DROPPED, 0, Integer.MAX_VALUE);
        assertThat(dropped).as("more than a page dropped").hasSizeGreaterThan(6);
        for (long offset : List.of(0L, 4L, (long) dropped.size() - 2)) {
            listed += assertSameList(local, cluster, sequential, 3, null, Outcome.DROPPED, offset, 5);
        }
        listed += assertSameList(local, cluster, sequential, 4, null, Outcome.COMPLETED, 1, 4);
        listed += assertSameList(local, cluster, strict, 2, null, null, 0, Integer.MAX_VALUE);
        listed += assertSameList(local, cluster, strict, 1, null, Outcome.WENT_ON, 3, 6);
        listed += assertSameList(local, cluster, any, 2, null, null, 0, Integer.MAX_VALUE);
        assertThat(listed).as("accounts listed").isGreaterThan(40);
        assertThat(cluster.explain(any, 1, null, null, 10_000, 5)).as("a page past the end").isEmpty();
    }

    /** Asserts both back-ends list the same page and returns how many accounts it holds. */
    private static int assertSameList(LocalBackend local, SparkConnectBackend cluster, FunnelSpec spec, int step,
                                      BreakdownGroup group, Outcome only, long offset, int limit) {
        List<Explanation> expected = local.explain(spec, step, group, only, offset, limit);
        assertThat(cluster.explain(spec, step, group, only, offset, limit))
                .as(spec.order() + " by " + spec.countBy() + ", step " + step + ", " + group + ", " + only
                        + ", from " + offset)
                .isEqualTo(expected);
        return expected.size();
    }

    /**
     * {@code log} imported again in its row order (the table's import order), with {@code team} giving each row's
     * team (null: none): so the values of every property first appear in the same order on both sides.
     */
    private static EventLog reimported(EventLog log, IntFunction<String> team) {
        String[] properties = log.propertyNames();
        EventLogBuilder builder = new EventLogBuilder();
        for (int row = 0; row < log.size(); row++) {
            Map<String, String> values = new HashMap<>();
            for (int p = 0; p < properties.length; p++) {
                int value = log.property(p, row);
                if (value != EventLog.MISSING_VALUE) {
                    values.put(properties[p], log.propertyValue(p, value));
                }
            }
            if (team.apply(row) != null) {
                values.put("team", team.apply(row));
            }
            builder.add(log.userId(log.user(row)), log.eventName(log.event(row)), log.time(row),
                    log.session(row) == EventLog.NO_SESSION ? null : Integer.toString(log.session(row)), values);
        }
        return builder.build();
    }

    /** A log and, for each of its rows, the place of its event in the import. */
    private record Imported(EventLog log, long[] importRows) {
    }

    /**
     * 300 users, each on one of four days, times on a grid of seconds (a few a microsecond off). Each user has a
     * home team of 60 on most events, another team on some and none on a few, so teams share users and a user's
     * first event may carry another team; a plan of 30 values. Imported in time order, equal times shuffled, as a
     * time-ordered export interleaves users: an account's users then first appear in the project in another order
     * than among the account's own events, and equal times of an account come from several users.
     */
    private static Imported randomLog(Random random) {
        List<Object[]> events = new ArrayList<>();
        for (int u = 1; u <= 300; u++) {
            int n = random.nextInt(9);
            int home = random.nextInt(TEAMS);
            for (int i = 0; i < n; i++) {
                long time = BASE + random.nextInt(SECONDS) * SECOND + (random.nextInt(12) == 0 ? 1 : 0);
                String name = NAMES.get(random.nextInt(random.nextInt(6) == 0 ? NAMES.size() : NAMES.size() - 1));
                Map<String, String> props = new HashMap<>();
                int pick = random.nextInt(20);
                if (pick > 0) {
                    props.put("team", "t" + (pick < 16 ? home : random.nextInt(TEAMS)));
                }
                if (random.nextInt(8) != 0) {
                    props.put("plan", "p" + Math.min(random.nextInt(30), random.nextInt(30)));
                }
                events.add(new Object[] {"u" + u, name, time, props});
            }
        }
        Collections.shuffle(events, random);
        events.sort(Comparator.comparingLong(e -> (long) e[2]));
        EventLogBuilder builder = new EventLogBuilder();
        Map<String, Integer> userOrder = new HashMap<>();
        for (Object[] e : events) {
            @SuppressWarnings("unchecked")
            Map<String, String> props = (Map<String, String>) e[3];
            builder.add((String) e[0], (String) e[1], (long) e[2], null, props);
            userOrder.putIfAbsent((String) e[0], userOrder.size());
        }
        EventLog log = builder.build();
        // The builder's rows: by user (in order of first appearance), then time, equal times in import order.
        List<Integer> imported = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            imported.add(i);
        }
        imported.sort(Comparator.<Integer>comparingInt(i -> userOrder.get((String) events.get(i)[0]))
                .thenComparingLong(i -> (long) events.get(i)[2]));
        long[] importRows = new long[log.size()];
        for (int row = 0; row < importRows.length; row++) {
            Object[] event = events.get(imported.get(row));
            assertThat(log.userId(log.user(row)) + log.eventName(log.event(row)) + log.time(row))
                    .as("row " + row).isEqualTo("" + event[0] + event[1] + event[2]);
            importRows[row] = imported.get(row);
        }
        return new Imported(log, importRows);
    }
}
