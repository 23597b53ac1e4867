package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The entry range pushed down as a time filter before the shuffle ({@link SparkConnectBackend#kernelEvents}):
 * random funnels with entry ranges, in every order, with exclusions, optional steps, breakdowns, counting by account
 * and windows from 0 to two days, on a log of six days whose times often sit a microsecond from the range's edges,
 * equal the local engine's whole result; and fewer events reach the kernel, all within the filter's bounds.
 */
class SparkEntryRangePushdownTest extends SparkSessionTest {
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final LocalDate DAY0 = LocalDate.of(2024, 3, 1);
    private static final List<String> NAMES = List.of("a", "b", "c", "x");
    private static final List<Duration> WINDOWS = List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(2).plusNanos(1_000));
    private static final int FUNNELS_PER_ORDER = 6;

    @Test
    void randomFunnelsWithEntryRangesEqualTheLocalEngineAndReadFewerEvents() {
        Random random = new Random(2_024L);
        EventLog log = randomLog(random);
        SparkConnectBackend onSpark = onSpark(log, "entry.json");
        LocalBackend local = new LocalBackend(log);
        long allEvents = onSpark.eventRows().count();
        long entered = 0;
        for (OrderMode order : OrderMode.values()) {
            for (int f = 0; f < FUNNELS_PER_ORDER; f++) {
                FunnelSpec spec = randomSpec(random, order);
                FunnelResult expected = local.compute(spec);
                assertThat(onSpark.compute(spec)).as(order + " " + spec).isEqualTo(expected);
                entered += expected.steps().get(0).users();
            }
        }
        assertThat(entered).as("users entering the funnels").isGreaterThan(100);
        FunnelSpec oneDay = FunnelSpec.of(List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b")),
                Duration.ofHours(1), OrderMode.STRICT).withEntryRange(DAY0.plusDays(2), DAY0.plusDays(2));
        Row read = onSpark.kernelEvents(oneDay).agg(min(col(EventTable.TIME)), max(col(EventTable.TIME)),
                count(col(EventTable.TIME))).first();
        assertThat(read.getLong(2)).as("events the kernel reads of " + allEvents).isPositive()
                .isLessThan(allEvents / 4);
        assertThat(read.getLong(0)).isGreaterThanOrEqualTo(FunnelKernel.entryFrom(oneDay));
        assertThat(read.getLong(1)).isLessThanOrEqualTo(FunnelKernel.entryTo(oneDay) + HOUR);
        assertThat(onSpark.compute(oneDay)).isEqualTo(local.compute(oneDay));
    }

    private static FunnelSpec randomSpec(Random random, OrderMode order) {
        int k = 2 + random.nextInt(3);
        List<FunnelSpec.Step> steps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String name = NAMES.get(random.nextInt(3));
            steps.add(random.nextInt(5) == 0
                    ? new FunnelSpec.Step(name + "|c", new MatchRule(List.of(name, "c"), List.of()),
                            GoalValue.NONE)
                    : FunnelSpec.Step.event(name));
        }
        boolean exclusion = order != OrderMode.ANY && random.nextBoolean();
        if (!exclusion && k >= 3 && random.nextInt(3) == 0) {
            steps.set(1, steps.get(1).asOptional());
        }
        FunnelSpec spec = FunnelSpec.of(steps, WINDOWS.get(random.nextInt(WINDOWS.size())), order);
        if (exclusion) {
            int a = 1 + random.nextInt(k - 1);
            spec = spec.withExclusions(List.of(new FunnelSpec.ExclusionSpec("x", MatchRule.event("x"), a,
                    a + 1 + random.nextInt(k - a), random.nextBoolean())));
        }
        int by = random.nextInt(4);
        if (by > 0) {
            spec = spec.withBreakdown(by == 1 ? "p" : "plan",
                    random.nextBoolean() ? Attribution.FIRST_TOUCH : Attribution.LAST_STEP);
        }
        if (random.nextInt(4) == 0) {
            spec = spec.withCountBy("acct");
        }
        LocalDate from = random.nextInt(4) == 0 ? null : DAY0.plusDays(random.nextInt(5));
        LocalDate to = from != null && random.nextInt(4) == 0 ? null
                : (from == null ? DAY0.plusDays(random.nextInt(4)) : from.plusDays(random.nextInt(3)));
        return spec.withEntryRange(from, to);
    }

    /**
     * 300 users over six days from the day before DAY0, on a grid of hours, a third of the times a microsecond
     * before or after a grid point (so at the last microsecond of a day, of a day + a window); a numeric "p", a
     * text "plan" and an account "acct" (a few users each, sometimes none).
     */
    private static EventLog randomLog(Random random) {
        EventLogBuilder builder = new EventLogBuilder();
        long start = DAY0.minusDays(1).toEpochDay() * DAY;
        for (int u = 0; u < 300; u++) {
            long home = start + random.nextInt(6) * DAY;
            int events = random.nextInt(14);
            for (int e = 0; e < events; e++) {
                long time = home + random.nextInt(60) * HOUR + (random.nextInt(3) == 0 ? random.nextInt(3) - 1 : 0);
                Map<String, String> props = new HashMap<>();
                if (random.nextInt(5) != 0) {
                    props.put("p", Integer.toString(random.nextInt(50)));
                }
                props.put("plan", "p" + random.nextInt(4));
                if (random.nextInt(6) != 0) {
                    props.put("acct", "c" + (u % 40));
                }
                builder.add("u" + u, NAMES.get(random.nextInt(NAMES.size())), time, null, props);
            }
        }
        return builder.build();
    }
}
