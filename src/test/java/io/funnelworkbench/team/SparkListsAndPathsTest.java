package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.model.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User lists (a breakdown group, an optional step, pages) and paths on the Spark Connect back-end against the local
 * engine on the same events: a random log with tied times, 40 campaigns (so a top 25 and Other), a numeric score
 * (ranges) and event names whose order differs between UTF-8 and UTF-16. And a cancelled call's query stops.
 */
class SparkListsAndPathsTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_780_000_000L * SECOND;
    private static final List<String> NAMES = List.of("a", "b", "c", "x", "y", "\uFF21", "\uD83D\uDE00");

    private static LocalBackend local;
    private static SparkConnectBackend cluster;

    @BeforeAll
    static void makeTheTable() {
        EventLog log = randomLog(new Random(1_414L));
        local = new LocalBackend(new FunnelEngine(log));
        cluster = onSpark(log, "events.json");
    }

    @Test
    void pathsEqualTheLocalEngine() {
        List<FunnelSpec.Step> steps = List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b"),
                FunnelSpec.Step.event("c"));
        FunnelSpec sequential = FunnelSpec.of(steps, Duration.ofSeconds(20), OrderMode.SEQUENTIAL);
        FunnelSpec strict = FunnelSpec.of(steps, Duration.ofSeconds(20), OrderMode.STRICT);
        int compared = 0;
        for (FunnelSpec spec : List.of(sequential, strict)) {
            for (PathKind kind : PathKind.values()) {
                for (int step = 1; step <= (spec == strict ? 1 : 2); step++) {
                    PathReport expected = local.paths(spec, step, kind, 3, 4);
                    assertThat(cluster.paths(spec, step, kind, 3, 4)).as(spec.order() + " " + kind + " " + step)
                            .isEqualTo(expected);
                    compared += expected.users() > 0 ? 1 : 0;
                }
            }
        }
        assertThat(compared).as("the funnels have users at their steps").isEqualTo(6);
        PathReport deep = local.paths(sequential, 1, PathKind.AFTER_DROP_OFF, 5, 30);
        assertThat(deep.hasOtherPaths()).as("beyond the top 30").isTrue();
        assertThat(cluster.paths(sequential, 1, PathKind.AFTER_DROP_OFF, 5, 30)).isEqualTo(deep);
        List<Object[]> beyondTop = new ArrayList<>();
        for (FunnelSpec spec : List.of(sequential, strict)) {
            for (PathKind kind : PathKind.values()) {
                for (int step = 1; step <= 2; step++) {
                    if (local.paths(spec, step, kind, 1, 1).paths().size() == 2) {
                        beyondTop.add(new Object[] {spec, step, kind});
                    }
                }
            }
        }
        assertThat(beyondTop).as("reports where the empty path is listed beyond the top").isNotEmpty();
        FunnelSpec spec = (FunnelSpec) beyondTop.get(0)[0];
        int step = (Integer) beyondTop.get(0)[1];
        PathKind kind = (PathKind) beyondTop.get(0)[2];
        assertThat(cluster.paths(spec, step, kind, 1, 1)).isEqualTo(local.paths(spec, step, kind, 1, 1));
    }

    @Test
    void pathsOfAGroupAndUsersOfAPathEqualTheLocalEngine() {
        List<FunnelSpec.Step> steps = List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b"),
                FunnelSpec.Step.event("c"));
        FunnelSpec sequential = FunnelSpec.of(steps, Duration.ofSeconds(20), OrderMode.SEQUENTIAL)
                .withBreakdown("campaign", Attribution.FIRST_TOUCH);
        FunnelSpec strict = FunnelSpec.of(steps, Duration.ofSeconds(20), OrderMode.STRICT)
                .withBreakdown("score", Attribution.LAST_STEP);
        List<BreakdownGroup> campaigns = local.compute(sequential).breakdown();
        List<BreakdownGroup> ranges = local.compute(strict).breakdown();
        assertThat(campaigns).as("a top 25 and Other").hasSize(26);
        assertThat(ranges).as("numeric ranges").hasSizeGreaterThan(2);
        int listed = 0;
        for (Object[] asked : List.of(new Object[] {sequential, 1, PathKind.AFTER_DROP_OFF, campaigns.get(0)},
                new Object[] {sequential, 2, PathKind.BETWEEN, campaigns.get(25)},
                new Object[] {sequential, 1, PathKind.BETWEEN, new BreakdownGroup(null, false, List.of())},
                new Object[] {strict, 1, PathKind.AFTER_DROP_OFF, ranges.get(1)},
                new Object[] {strict, 1, PathKind.BETWEEN, null})) {
            FunnelSpec spec = (FunnelSpec) asked[0];
            int step = (Integer) asked[1];
            PathKind kind = (PathKind) asked[2];
            BreakdownGroup group = (BreakdownGroup) asked[3];
            String what = spec.order() + " " + step + " " + kind + " " + group;
            PathReport expected = local.paths(spec, step, kind, 2, 3, group);
            assertThat(expected.users()).as(what).isPositive();
            assertThat(cluster.paths(spec, step, kind, 2, 3, group)).as(what).isEqualTo(expected);
            List<List<String>> shown = expected.paths().stream().map(PathRow::events).toList();
            for (List<String> path : shown) {
                List<String> users = local.pathUsers(spec, step, kind, 2, path, group, 0, Integer.MAX_VALUE);
                assertThat(users).as(what + " " + path).hasSize((int) expected.paths().get(shown.indexOf(path))
                        .users());
                assertThat(cluster.pathUsers(spec, step, kind, 2, path, group, 0, Integer.MAX_VALUE))
                        .as(what + " " + path).isEqualTo(users);
                listed += users.size();
            }
            List<String> others = local.otherPathUsers(spec, step, kind, 2, shown, group, 0, Integer.MAX_VALUE);
            assertThat(others).as(what).hasSize((int) expected.otherPathsUsers());
            assertThat(cluster.otherPathUsers(spec, step, kind, 2, shown, group, 0, Integer.MAX_VALUE)).as(what)
                    .isEqualTo(others);
        }
        assertThat(listed).as("users listed").isGreaterThan(20);
        List<String> path = local.paths(sequential, 1, PathKind.AFTER_DROP_OFF, 1, 1).paths().get(0).events();
        List<String> all = local.pathUsers(sequential, 1, PathKind.AFTER_DROP_OFF, 1, path, null, 0, 1000);
        assertThat(all).as("more than one page").hasSizeGreaterThan(5);
        assertThat(cluster.pathUsers(sequential, 1, PathKind.AFTER_DROP_OFF, 1, path, null, 2, 3))
                .isEqualTo(all.subList(2, 5));
        assertThat(cluster.pathUsers(sequential, 1, PathKind.AFTER_DROP_OFF, 1, List.of("no such event"), null, 0,
                10)).isEmpty();
    }

    @Test
    void groupsOptionalStepsAndPagesEqualTheLocalEngine() {
        List<FunnelSpec.Step> steps = List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("x").asOptional(),
                FunnelSpec.Step.event("b"), FunnelSpec.Step.event("c"));
        FunnelSpec funnel = FunnelSpec.of(steps, Duration.ofSeconds(20), OrderMode.SEQUENTIAL);
        List<Explanation> optional = local.explain(funnel, 2, null);
        assertThat(optional).as("some users did the optional step").isNotEmpty();
        assertThat(cluster.explain(funnel, 2, null)).isEqualTo(optional);

        FunnelSpec byCampaign = funnel.withBreakdown("campaign", Attribution.FIRST_TOUCH);
        List<BreakdownGroup> campaigns = local.compute(byCampaign).breakdown();
        assertThat(campaigns).as("a top 25 and Other").hasSize(26);
        for (BreakdownGroup group : List.of(campaigns.get(0), campaigns.get(25),
                new BreakdownGroup(null, false, List.of()), new BreakdownGroup("no such campaign", false, List.of()))) {
            List<Explanation> expected = local.explain(byCampaign, 3, group);
            assertThat(cluster.explain(byCampaign, 3, group)).as(group.toString()).isEqualTo(expected);
        }
        FunnelSpec byScore = funnel.withBreakdown("score", Attribution.LAST_STEP);
        List<BreakdownGroup> ranges = local.compute(byScore).breakdown();
        assertThat(ranges).as("numeric ranges").hasSizeGreaterThan(2);
        BreakdownGroup range = ranges.get(1);
        List<Explanation> inRange = local.explain(byScore, 4, range, null, 0, Integer.MAX_VALUE);
        assertThat(inRange).isNotEmpty();
        assertThat(cluster.explain(byScore, 4, range)).isEqualTo(inRange);

        List<Explanation> dropped = local.explain(funnel, 3, null, Outcome.DROPPED, 0, Integer.MAX_VALUE);
        assertThat(dropped).as("more than one page").hasSizeGreaterThan(10);
        for (long offset : List.of(0L, (long) dropped.size() - 3)) {
            List<Explanation> page = local.explain(funnel, 3, null, Outcome.DROPPED, offset, 7);
            assertThat(page).isEqualTo(dropped.subList((int) offset, (int) Math.min(offset + 7, dropped.size())));
            assertThat(cluster.explain(funnel, 3, null, Outcome.DROPPED, offset, 7)).as("offset " + offset)
                    .isEqualTo(page);
        }
        assertThat(cluster.explain(funnel, 1, null, Outcome.WENT_ON, 5, 9))
                .isEqualTo(local.explain(funnel, 1, null, Outcome.WENT_ON, 5, 9)).hasSize(9);
    }

    @Test
    void aLongQueryIsInterruptedByCancel() throws Exception {
        SparkConnectBackend big = hundredBillionEvents();
        FunnelSpec spec = aThenB();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<FunnelCounts> counts = caller.submit(() -> big.counts(spec));
            Thread.sleep(8_000);
            assertThat(counts).as("still running").isNotDone();
            long cancelled = System.nanoTime();
            big.cancel();
            assertThatThrownBy(() -> counts.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Progress.CancelledException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).as("ended soon").isLessThan(
                    Duration.ofSeconds(30));
        } finally {
            caller.shutdownNow();
        }
        assertThat(cluster.counts(spec).usersPerStep()).as("the session goes on").isEqualTo(
                local.counts(spec).usersPerStep());
    }

    @Test
    void aCallerThatStopsWantingItsCallEndsOnlyThatCall() throws Exception {
        SparkConnectBackend big = hundredBillionEvents();
        FunnelSpec spec = aThenB();
        AtomicBoolean firstWanted = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<FunnelCounts> first = callers.submit(() -> big.whileWanted(() -> !firstWanted.get(),
                    () -> big.counts(spec)));
            Future<FunnelCounts> second = callers.submit(() -> big.whileWanted(() -> false, () -> big.counts(spec)));
            Thread.sleep(8_000);
            assertThat(first).as("still running").isNotDone();
            firstWanted.set(false);
            assertThatThrownBy(() -> first.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Progress.CancelledException.class);
            assertThat(second).as("the other caller's call goes on").isNotDone();
            big.cancel();
            assertThatThrownBy(() -> second.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Progress.CancelledException.class);
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * A hundred billion generated events: the first query's first stage (the time range) runs far longer than a
     * test waits, so a cancel lands while it runs (not while Spark submits its next stage, which a cancel can miss).
     */
    private static SparkConnectBackend hundredBillionEvents() {
        Dataset<Row> rows = spark.range(0, 100_000_000_000L, 1, 2).select(
                concat(lit("u"), col("id").mod(1_000_000L).cast(DataTypes.StringType)).as(EventTable.USER),
                when(col("id").mod(3L).equalTo(0L), "a").otherwise("b").as(EventTable.EVENT),
                col("id").as(EventTable.TIME), col("id").as(EventTable.ROW),
                lit(null).cast(DataTypes.StringType).as(EventTable.SESSION));
        return new SparkConnectBackend(spark, new EventTable(rows, List.of()), dir.resolve("artifact"));
    }

    private static FunnelSpec aThenB() {
        return FunnelSpec.of(List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b")),
                Duration.ofSeconds(20), OrderMode.SEQUENTIAL);
    }

    /**
     * 400 users with up to 16 events each on a grid of seconds (ties are common), each with a campaign (one of 40,
     * or none) and a score on some events; import order shuffled.
     */
    private static EventLog randomLog(Random random) {
        List<Object[]> events = new ArrayList<>();
        for (int u = 1; u <= 400; u++) {
            int n = random.nextInt(17);
            String campaign = random.nextInt(8) == 0 ? null : "c" + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                Map<String, String> properties = new HashMap<>();
                if (campaign != null) {
                    properties.put("campaign", campaign);
                }
                if (random.nextInt(3) > 0) {
                    properties.put("score", Integer.toString(random.nextInt(500)));
                }
                long time = BASE + random.nextInt(30) * SECOND;
                events.add(new Object[] {"u" + u, NAMES.get(random.nextInt(NAMES.size())), time, properties});
            }
        }
        Collections.shuffle(events, random);
        EventLogBuilder builder = new EventLogBuilder();
        for (Object[] e : events) {
            @SuppressWarnings("unchecked")
            Map<String, String> properties = (Map<String, String>) e[3];
            builder.add((String) e[0], (String) e[1], (Long) e[2], null, properties);
        }
        return builder.build();
    }
}
