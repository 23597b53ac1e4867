package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Spark Connect back-end against the local engine on the same events: the fixture project's log and a
 * tie-heavy random log, in all three orders, users per step and still in window equal.
 */
class SparkConnectBackendTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_780_000_000L * SECOND;
    private static final List<String> NAMES = List.of("a", "b", "c", "x");

    @Test
    void fixtureFunnelsEqualTheLocalEngineInEveryOrder() throws IOException {
        Backends backends = backends(fixtureLog(), "fixture.json");
        List<FunnelSpec.Step> checkout = Stream.of("page_view", "view_product", "add_to_cart", "begin_checkout",
                "purchase").map(FunnelSpec.Step::event).toList();
        for (OrderMode order : OrderMode.values()) {
            FunnelSpec spec = FunnelSpec.of(checkout, Duration.ofDays(7), order);
            FunnelCounts local = backends.local().counts(spec);
            assertThat(backends.spark().counts(spec)).as(order.name()).isEqualTo(local);
            assertThat(local.usersPerStep().get(0)).as("the funnel has users").isPositive();
        }
        FunnelSpec strictPair = FunnelSpec.of(List.of(FunnelSpec.Step.event("view_product"),
                FunnelSpec.Step.event("add_to_cart")), Duration.ofHours(2), OrderMode.STRICT);
        assertThat(backends.spark().counts(strictPair)).isEqualTo(backends.local().counts(strictPair));
    }

    @Test
    void tieHeavyRandomLogEqualsTheLocalEngineInEveryOrder() {
        Random random = new Random(14_000L);
        List<String[]> events = randomLog(random);
        EventLogBuilder builder = new EventLogBuilder();
        for (String[] e : events) {
            builder.add(e[0], e[1], Long.parseLong(e[2]));
        }
        Backends backends = backends(builder.build(), "random.json");
        FunnelSpec.Step a = FunnelSpec.Step.event("a");
        FunnelSpec.Step b = FunnelSpec.Step.event("b");
        FunnelSpec.Step c = FunnelSpec.Step.event("c");
        FunnelSpec.Step aOrB = new FunnelSpec.Step("a|b", new MatchRule(List.of("a", "b"), List.of()),
                GoalValue.NONE);
        List<FunnelSpec> specs = new ArrayList<>();
        for (OrderMode order : OrderMode.values()) {
            specs.add(FunnelSpec.of(List.of(a, b, a, c), Duration.ofSeconds(3), order));
            specs.add(FunnelSpec.of(List.of(aOrB, c, b), Duration.ofSeconds(2), order));
        }
        FunnelSpec.ExclusionSpec x = new FunnelSpec.ExclusionSpec("x", MatchRule.event("x"), 1, 3, true);
        specs.add(FunnelSpec.of(List.of(a, b, c), Duration.ofSeconds(4), OrderMode.SEQUENTIAL)
                .withExclusions(List.of(x)));
        specs.add(FunnelSpec.of(List.of(a, b, c), Duration.ofSeconds(4), OrderMode.STRICT)
                .withExclusions(List.of(x)));
        specs.add(FunnelSpec.of(List.of(a, b.asOptional(), c), Duration.ofSeconds(5), OrderMode.SEQUENTIAL));
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(BASE / SECOND, 86_400L));
        specs.add(FunnelSpec.of(List.of(b, c), Duration.ofSeconds(5), OrderMode.ANY).withEntryRange(day, day));
        long stillOpen = 0;
        for (FunnelSpec spec : specs) {
            FunnelCounts local = backends.local().counts(spec);
            assertThat(backends.spark().counts(spec)).as(spec.order() + " " + spec.steps()).isEqualTo(local);
            stillOpen += local.stillInWindow();
        }
        assertThat(stillOpen).as("the still-in-window judgement is exercised").isPositive();
    }

    private record Backends(FunnelBackend local, FunnelBackend spark) {
    }

    private static Backends backends(EventLog log, String file) {
        return new Backends(new LocalBackend(new FunnelEngine(log)), onSpark(log, file));
    }

    /**
     * As the engine's randomized test: times on a grid of seconds, a few a microsecond off, so equal times are
     * common; users interleaved and the import order shuffled, so ties go both ways. Rows are (user, name, time).
     */
    private static List<String[]> randomLog(Random random) {
        List<String[]> events = new ArrayList<>();
        for (int u = 1; u <= 400; u++) {
            int n = random.nextInt(13);
            for (int i = 0; i < n; i++) {
                long time = BASE + random.nextInt(7) * SECOND + (random.nextInt(12) == 0 ? 1 : 0);
                String name = NAMES.get(random.nextInt(random.nextInt(6) == 0 ? NAMES.size() : NAMES.size() - 1));
                events.add(new String[] {"u" + u, name, Long.toString(time)});
            }
        }
        Collections.shuffle(events, random);
        return events;
    }
}
