package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelEngineRandomizedTest;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The engine's randomized test on the Spark back-end: per order, a tie-heavy random log (as
 * {@link FunnelEngineRandomizedTest} makes them: times on a coarse grid, some a microsecond off, conditions,
 * repeated steps, exclusions and entry ranges at random) and random funnels on it; the whole result and every
 * user's furthest step equal the local engine's.
 */
class SparkRandomizedTest extends SparkSessionTest {
    private static final int FUNNELS_PER_ORDER = 4;

    @Test
    void randomFunnelsOnATieHeavyLogEqualTheLocalEngineUserByUser() {
        Random random = new Random(14_014L);
        for (OrderMode order : OrderMode.values()) {
            EventLog log = FunnelEngineRandomizedTest.randomLog(random, 400);
            SparkConnectBackend onSpark = onSpark(log, order + ".json");
            LocalBackend local = new LocalBackend(log);
            for (int f = 0; f < FUNNELS_PER_ORDER; f++) {
                FunnelSpec spec = FunnelEngineRandomizedTest.randomSpec(random, order);
                String what = order + " " + spec;
                assertThat(onSpark.compute(spec)).as(what).isEqualTo(local.compute(spec));
                assertThat(stepsOnSpark(onSpark, spec)).as(what).isEqualTo(localSteps(log, spec));
            }
        }
    }

    /** Every user's furthest step from the cluster's kernel rows (users without a row are at step 0). */
    private static Map<String, Integer> stepsOnSpark(SparkConnectBackend backend, FunnelSpec spec) {
        Map<String, Integer> steps = new HashMap<>();
        for (Row row : backend.perUser(spec).select("user", "reached").collectAsList()) {
            if (row.getInt(1) > 0) {
                steps.put(row.getString(0), row.getInt(1));
            }
        }
        return steps;
    }

    private static Map<String, Integer> localSteps(EventLog log, FunnelSpec spec) {
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
        Map<String, Integer> steps = new HashMap<>();
        for (int u = 0; u < outcome.userCount(); u++) {
            if (outcome.furthest(u) > 0) {
                steps.put(log.userId(u), outcome.furthest(u));
            }
        }
        return steps;
    }
}
