package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.EventValues;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.analysis.ImpactStatistics;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
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
    private final SparkRules rules;
    private final SparkUserEvents userEvents;

    /**
     * A back-end on {@code table} through {@code session}; uploads the kernel's jar (made in {@code scratch} when
     * the app runs from a class folder) to the session. Closing the back-end leaves the session open: it belongs
     * to whoever made it.
     */
    public SparkConnectBackend(SparkSession session, EventTable table, Path scratch) {
        this.session = session;
        this.events = table.rows();
        this.rules = new SparkRules(table);
        this.userEvents = new SparkUserEvents(table);
        KernelArtifact.uploadTo(session, scratch);
    }

    @Override
    public String engine() {
        return "spark-connect " + session.version();
    }

    @Override
    public FunnelResult compute(FunnelSpec spec) {
        throw new UnsupportedOperationException("Whole funnels are not computed on Spark yet");
    }

    /**
     * Counted on the cluster per (user, session), then in one row; only the amounts' distinct values and their
     * counts come back, which add up exactly here ({@link EventValues#total}) as locally.
     */
    @Override
    public GoalMetrics metrics(Goal goal) {
        Column matched = rules.matches(goal.rule());
        Column goalEvents = col("goal_events");
        Row counts = events.select(col(EventTable.USER).as("user"), col(EventTable.SESSION).as("session"),
                        when(matched, 1L).otherwise(0L).as("matched"))
                .groupBy(col("user"), col("session")).agg(sum(col("matched")).as("goal_events"))
                .agg(countDistinct(when(goalEvents.gt(0), col("user"))), coalesce(sum(goalEvents), lit(0L)),
                        count(when(goalEvents.gt(0), lit(1))), count(lit(1)), countDistinct(col("user")))
                .first();
        double total = 0;
        if (goal.value().fromProperty() != null) {
            List<Row> amounts = events.filter(matched).groupBy(rules.value(goal.value()).as("amount")).count()
                    .collectAsList();
            total = EventValues.total(amounts.stream().mapToDouble(row -> row.getDouble(0)).toArray(),
                    amounts.stream().mapToLong(row -> row.getLong(1)).toArray());
        }
        return GoalAnalysis.metrics(goal, new GoalAnalysis.GoalCounts(counts.getLong(0), counts.getLong(1),
                counts.getLong(2), counts.getLong(3), counts.getLong(4), total));
    }

    /**
     * Each user's first macro conversion and first event of each micro goal, as (time, import order), found on the
     * cluster; a micro goal counts when it comes before that conversion. Summed there; the statistics here.
     */
    @Override
    public ImpactResult impact(Goal macro, List<Goal> goals) {
        List<Goal> micros = goals.stream().filter(g -> g.kind() == GoalKind.MICRO).toList();
        Column at = struct(col(EventTable.TIME), col(EventTable.ROW));
        List<Column> firsts = new ArrayList<>();
        for (int i = 0; i < micros.size(); i++) {
            firsts.add(min(when(rules.matches(micros.get(i).rule()), at)).as("micro" + i));
        }
        Dataset<Row> perUser = events.groupBy(col(EventTable.USER))
                .agg(min(when(rules.matches(macro.rule()), at)).as("macro"), firsts.toArray(Column[]::new));
        Column converted = col("macro").isNotNull();
        List<Column> sums = new ArrayList<>(List.of(count(when(converted, lit(1)))));
        for (int i = 0; i < micros.size(); i++) {
            Column micro = col("micro" + i);
            Column did = micro.isNotNull().and(col("macro").isNull().or(micro.lt(col("macro"))));
            sums.add(count(when(did, lit(1))));
            sums.add(count(when(did.and(converted), lit(1))));
        }
        Row totals = perUser.agg(count(lit(1)), sums.toArray(Column[]::new)).first();
        long activeUsers = totals.getLong(0);
        long convertedUsers = totals.getLong(1);
        List<ImpactRow> rows = new ArrayList<>();
        for (int i = 0; i < micros.size(); i++) {
            rows.add(ImpactStatistics.row(micros.get(i), totals.getLong(2 + 2 * i), totals.getLong(3 + 2 * i),
                    activeUsers, convertedUsers));
        }
        return ImpactStatistics.table(macro.name(), activeUsers, convertedUsers, rows);
    }

    @Override
    public List<EventCount> events() {
        List<EventCount> counts = new ArrayList<>();
        for (Row row : events.groupBy(col(EventTable.EVENT)).agg(count(lit(1)), countDistinct(col(EventTable.USER)))
                .collectAsList()) {
            counts.add(new EventCount(row.getString(0), row.getLong(1), row.getLong(2)));
        }
        counts.sort(EventStats.ORDER);
        return counts;
    }

    /**
     * The users at the step come from the cluster's per-user kernel rows; their events are pulled and explained
     * here by the local engine, with still-in-window judged against the whole table's end.
     */
    @Override
    public List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group) {
        if (group != null) {
            throw new UnsupportedOperationException("The Spark Connect back-end cannot list a breakdown group's users"
                    + " yet; ask for every user at the step (no group).");
        }
        refuseAccounts(spec, "list users");
        if (step < 1 || step > spec.steps().size()) {
            throw new IllegalArgumentException("The funnel has no step " + step);
        }
        if (spec.steps().get(step - 1).optional()) {
            throw new UnsupportedOperationException("The Spark Connect back-end cannot list the users of an optional"
                    + " step yet; ask for a required step.");
        }
        int required = (int) spec.steps().subList(0, step).stream().filter(s -> !s.optional()).count();
        Dataset<Row> atStep = perUser(spec, FunnelKernel.rules(spec)).filter(col("reached").geq(required));
        EventLog log = userEvents.of(atStep);
        FunnelOutcome outcome = new FunnelEngine(log).scanEndingAt(spec, dataEnd());
        return new StepExplanations(log, spec, outcome).explain(step);
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
    long dataEnd() {
        return dataRange()[1];
    }

    /** The table's users' events, for pulling a few users' events here. */
    SparkUserEvents userEvents() {
        return userEvents;
    }

    /** Refuses a funnel counted by account: the kernel rows here are per user. */
    static void refuseAccounts(FunnelSpec spec, String what) {
        if (spec.countBy() != null) {
            throw new UnsupportedOperationException("The Spark Connect back-end cannot " + what + " for a funnel"
                    + " counted by " + spec.countBy() + " yet; only per user.");
        }
    }

    /** One row per user who has an event the funnel reads: (user, reached, first_time). */
    Dataset<Row> perUser(FunnelSpec spec, List<MatchRule> rules) {
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
            mask = mask.plus(when(this.rules.matches(rules.get(i)), lit(1L << i)).otherwise(lit(0L)));
        }
        return mask;
    }
}
