package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.OrderMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's peer is only a fair peer if it is exact: {@link SparkSqlFunnel} in every form against the local
 * engine on a tie-heavy random log (times on a grid of seconds, so equal times are common, import order shuffled)
 * for sequential funnels of distinct event names, windows from 0 up.
 */
class SparkSqlFunnelTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_780_000_000L * SECOND;
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "x");

    @Test
    void everyFormEqualsTheLocalEngineOnATieHeavyLog() {
        EventLog log = randomLog(new Random(14_014L));
        SparkTables.fromLog(spark, log, dir.resolve("random.json")).rows().createOrReplaceTempView("events");
        LocalBackend local = new LocalBackend(log);
        List<List<String>> funnels = List.of(List.of("a", "b", "c", "d"), List.of("b", "a"), List.of("d", "c", "b"));
        long reachedLast = 0;
        for (List<String> steps : funnels) {
            for (long seconds : new long[] {0, 1, 3}) {
                FunnelSpec spec = FunnelSpec.of(steps.stream().map(FunnelSpec.Step::event).toList(),
                        Duration.ofSeconds(seconds), OrderMode.SEQUENTIAL);
                List<Long> expected = local.counts(spec).usersPerStep();
                for (SparkSqlFunnel.Form form : SparkSqlFunnel.Form.values()) {
                    assertThat(usersPerStep(SparkSqlFunnel.sql("events", steps, seconds * SECOND, form)))
                            .as(form + " " + steps + " within " + seconds + " s").isEqualTo(expected);
                }
                reachedLast += expected.get(expected.size() - 1);
            }
        }
        assertThat(reachedLast).as("some users complete the funnels").isPositive();
    }

    private static List<Long> usersPerStep(String sql) {
        Row row = spark.sql(sql).collectAsList().get(0);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            users.add(row.getLong(i));
        }
        return users;
    }

    private static EventLog randomLog(Random random) {
        List<String[]> events = new ArrayList<>();
        for (int u = 1; u <= 300; u++) {
            int n = random.nextInt(14);
            for (int i = 0; i < n; i++) {
                long time = BASE + random.nextInt(6) * SECOND + (random.nextInt(10) == 0 ? 1 : 0);
                events.add(new String[] {"u" + u, NAMES.get(random.nextInt(NAMES.size())), Long.toString(time)});
            }
        }
        Collections.shuffle(events, random);
        EventLogBuilder builder = new EventLogBuilder();
        for (String[] e : events) {
            builder.add(e[0], e[1], Long.parseLong(e[2]));
        }
        return builder.build();
    }
}
