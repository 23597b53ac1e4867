package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;

/**
 * Funnels on a team's Spark through Spark Connect, computed by our own kernel next to the data
 * (docs/ARCHITECTURE.md, "Team scale"), on an {@link EventTable}.
 *
 * <p>Pushed down before the shuffle: the events whose names a rule needs (strict order keeps every event, the
 * others as bare markers with an empty mask) and, per event, the mask of the rules it matches. Then
 * {@code repartition(user)}, {@code sortWithinPartitions(user, time, order)} and {@link KernelPartition} per
 * partition, one row per user; those rows are counted per step on the cluster and only the counts come back.
 */
public final class SparkConnectBackend implements FunnelBackend {
    private static final String MASK = "mask";

    private final SparkSession session;
    private final Dataset<Row> events;

    /**
     * A back-end on {@code table} through {@code session}; uploads the kernel's jar (made in {@code scratch} when
     * the app runs from a class folder) to the session. Closing the back-end leaves the session open: it belongs
     * to whoever made it.
     */
    public SparkConnectBackend(SparkSession session, EventTable table, Path scratch) {
        this.session = session;
        this.events = table.rows();
        session.addArtifact(KernelArtifact.jarOf(KernelPartition.class, scratch).toString());
    }

    @Override
    public String engine() {
        return "spark-connect " + session.version();
    }

    @Override
    public FunnelResult compute(FunnelSpec spec) {
        throw new UnsupportedOperationException("Whole funnels are not computed on Spark yet");
    }

    @Override
    public GoalMetrics metrics(Goal goal) {
        throw new UnsupportedOperationException("Goal metrics are not computed on Spark yet");
    }

    @Override
    public ImpactResult impact(Goal macro, List<Goal> goals) {
        throw new UnsupportedOperationException("Impact is not computed on Spark yet");
    }

    @Override
    public List<EventCount> events() {
        throw new UnsupportedOperationException("Event counts are not computed on Spark yet");
    }

    @Override
    public List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group) {
        throw new UnsupportedOperationException("User lists are not computed on Spark yet");
    }

    @Override
    public long[] dataRange() {
        Row row = events.agg(min(col(EventTable.TIME)), max(col(EventTable.TIME))).first();
        return row.isNullAt(0) ? new long[] {0, 0} : new long[] {row.getLong(0), row.getLong(1)};
    }

    @Override
    public void close() {
    }

    @Override
    public FunnelCounts counts(FunnelSpec spec) {
        List<MatchRule> rules = FunnelKernel.rules(spec);
        int steps = new FunnelKernel(spec).stepCount();
        Dataset<Row> perUser = perUser(spec, rules);
        long end = dataEnd();
        long windowMicros = spec.window().toNanos() / 1_000;
        Column reached = col("reached");
        // firstTime + window > end, written so that no sum can overflow (ANSI arithmetic fails on overflow).
        Column open = reached.gt(0).and(reached.lt(steps))
                .and(col("first_time").gt(lit(Math.max(Long.MIN_VALUE + windowMicros, end) - windowMicros)));
        List<Row> byReached = perUser.groupBy(reached)
                .agg(count(lit(1)), sum(when(open, 1L).otherwise(0L)))
                .collectAsList();
        long[] atLeast = new long[steps + 2];
        long stillOpen = 0;
        for (Row row : byReached) {
            atLeast[row.getInt(0)] += row.getLong(1);
            stillOpen += row.getLong(2);
        }
        List<Long> users = new ArrayList<>();
        for (int k = steps; k >= 1; k--) {
            atLeast[k] += atLeast[k + 1];
        }
        for (int k = 1; k <= steps; k++) {
            users.add(atLeast[k]);
        }
        return new FunnelCounts(users, stillOpen);
    }

    /** The latest time of the whole table, as the local engine judges still-in-window against its log's end. */
    private long dataEnd() {
        return dataRange()[1];
    }

    /** One row per user who has an event the funnel reads: (user, reached, first_time). */
    private Dataset<Row> perUser(FunnelSpec spec, List<MatchRule> rules) {
        Dataset<Row> read = events;
        if (spec.order() != OrderMode.STRICT) {
            Set<String> names = new LinkedHashSet<>();
            rules.forEach(rule -> names.addAll(rule.eventNames()));
            read = read.filter(col(EventTable.EVENT).isin(names.toArray()));
        }
        Column user = col(EventTable.USER).as("user");
        Column time = col(EventTable.TIME).as("time");
        Dataset<Row> masked = read.select(user, time, mask(rules).as(MASK), col(EventTable.ROW).as("order"));
        return masked.repartition(col("user"))
                .sortWithinPartitions(col("user"), col("time"), col("order"))
                .select(col("user"), col("time"), col(MASK))
                .mapPartitions(new KernelPartition(KernelShape.of(spec)),
                        Encoders.tuple(Encoders.STRING(), Encoders.INT(), Encoders.LONG()))
                .toDF("user", "reached", "first_time");
    }

    /** Each event's mask: bit i set when it matches rule i, in the kernel's bit order. */
    private Column mask(List<MatchRule> rules) {
        Column mask = lit(0L);
        for (int i = 0; i < rules.size(); i++) {
            mask = mask.plus(when(SparkRules.matches(rules.get(i)), lit(1L << i)).otherwise(lit(0L)));
        }
        return mask;
    }
}
