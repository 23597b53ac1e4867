package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Numeric breakdowns on Spark, whose ranges are decided from the quantile rows the cluster sends back
 * ({@link SparkNumericRanges}): equal to the local engine on many distinct numbers with long runs of equal numbers
 * at the rounded edges and at the quantiles' ranks, and on at most 6 numbers spelled in several ways ("-0", "0",
 * "0.0", " 5 ", "5e0").
 */
class SparkNumericRangesTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_700_000_000L * SECOND;
    /** Round numbers, so that rounded edges fall on values many users hold. */
    private static final List<String> RUNS = List.of("100", "200", "1000", "1e3", "50", "0");

    @Test
    void manyDistinctNumbersWithTiesAtTheEdgesEqualTheLocalEngine() {
        Random random = new Random(369L);
        EventLog log = log(random, 600, () -> random.nextInt(3) == 0
                ? RUNS.get(random.nextInt(RUNS.size()))
                : Integer.toString(random.nextInt(1500) - 20) + (random.nextInt(5) == 0 ? ".5" : ""));
        assertEqualInEveryOrder(log, "many.json", true);
    }

    @Test
    void atMostSixNumbersSpelledInSeveralWaysEqualTheLocalEngine() {
        Random random = new Random(370L);
        List<String> spellings = List.of("-0", "0", "0.0", "+0", " 5 ", "5e0", "-2.5", "7", "1e1");
        EventLog log = log(random, 300, () -> spellings.get(random.nextInt(spellings.size())));
        assertEqualInEveryOrder(log, "few.json", false);
    }

    private static void assertEqualInEveryOrder(EventLog log, String file, boolean ranges) {
        SparkConnectBackend onSpark = onSpark(log, file);
        LocalBackend local = new LocalBackend(log);
        for (OrderMode order : OrderMode.values()) {
            for (Attribution attribution : List.of(Attribution.FIRST_TOUCH, Attribution.LAST_STEP)) {
                FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b"),
                        FunnelSpec.Step.event("c")), Duration.ofMinutes(10), order)
                        .withBreakdown("price", attribution);
                FunnelResult expected = local.compute(spec);
                assertThat(onSpark.compute(spec)).as(order + " " + attribution).isEqualTo(expected);
                List<String> labels = expected.breakdown().stream().map(BreakdownGroup::label).toList();
                assertThat(labels).as("groups").hasSizeGreaterThan(2).contains("(none)");
                assertThat(labels.stream().anyMatch(label -> label != null && label.contains("–")))
                        .as("ranges").isEqualTo(ranges);
            }
        }
    }

    /**
     * {@code users} users, each with a, b and c (c for two in three) a few seconds apart, in a shuffled order of
     * events at equal times now and then; each event's price from {@code price}, missing on one in eight.
     */
    private static EventLog log(Random random, int users, Supplier<String> price) {
        EventLogBuilder builder = new EventLogBuilder();
        for (int u = 0; u < users; u++) {
            long start = BASE + random.nextInt(5) * 86_400L * SECOND + random.nextInt(100) * SECOND;
            int events = random.nextInt(3) == 0 ? 2 : 3;
            for (int e = 0; e < events; e++) {
                Map<String, String> props = random.nextInt(8) == 0 ? Map.of() : Map.of("price", price.get());
                builder.add("u" + u, List.of("a", "b", "c").get(e), start + e * random.nextInt(3) * SECOND, null,
                        props);
            }
        }
        return builder.build();
    }
}
