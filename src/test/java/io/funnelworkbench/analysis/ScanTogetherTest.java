package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.ReferenceFunnel.Ev;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Funnels scanned together (comparing two periods) give exactly what each gives scanned alone, on random tie-heavy
 * logs in every order: the pass is shared, never the attempts.
 */
class ScanTogetherTest {
    private static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);

    @ParameterizedTest
    @EnumSource(OrderMode.class)
    void twoEntryRangesScannedTogetherEqualEachScannedAlone(OrderMode mode) {
        int compared = 0;
        for (long seed = 1; seed <= 400; seed++) {
            Random random = new Random(seed);
            List<Ev> events = FunnelEngineRandomizedTest.randomLog(random, FunnelEngineRandomizedTest.SMALL);
            EventLog log = FunnelEngineRandomizedTest.build(events);
            FunnelSpec spec = FunnelEngineRandomizedTest.randomSpec(random, FunnelEngineRandomizedTest.SMALL, mode,
                    mode != OrderMode.ANY, true);
            LocalDate from = DAY0.plusDays(random.nextInt(3) - 1);
            FunnelSpec other = spec.withEntryRange(from, from.plusDays(random.nextInt(2)));
            FunnelEngine engine = new FunnelEngine(log);

            List<FunnelResult> together = engine.computeTogether(List.of(spec, other), Cancellation.NEVER);

            assertThat(together.get(0)).as("seed %d, the funnel", seed).isEqualTo(engine.compute(spec));
            assertThat(together.get(1)).as("seed %d, the other period", seed).isEqualTo(engine.compute(other));
            compared++;
        }
        assertThat(compared).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(value = OrderMode.class, names = {"SEQUENTIAL", "STRICT"})
    void periodsComparedInOnePassEqualTheComparisonOfTwoScans(OrderMode mode) {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            EventLog log = FunnelEngineRandomizedTest.build(
                    FunnelEngineRandomizedTest.randomLog(random, FunnelEngineRandomizedTest.SMALL));
            FunnelSpec spec = FunnelEngineRandomizedTest.randomSpec(random, FunnelEngineRandomizedTest.SMALL, mode,
                    true, false).withEntryRange(DAY0.plusDays(1), DAY0.plusDays(1));
            PeriodComparison.Range before = PeriodComparison.previous(spec);
            FunnelEngine engine = new FunnelEngine(log);
            FunnelResult alone = engine.compute(spec);
            Comparison separately = PeriodComparison.compare(engine,
                    spec.withBreakdown(null, null).withTrendPeriod(null), alone, before, Cancellation.NEVER);

            PeriodComparison.Compared both = PeriodComparison.computeWith(engine, spec, before, Cancellation.NEVER);

            assertThat(both.result()).as("seed %d", seed).isEqualTo(alone);
            assertThat(both.comparison()).as("seed %d", seed).isEqualTo(separately);
        }
    }
}
