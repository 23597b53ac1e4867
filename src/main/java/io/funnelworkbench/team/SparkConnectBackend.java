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
import io.funnelworkbench.model.PropertyContainers;
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
import org.apache.spark.sql.types.DataTypes;

/**
 * Funnels on a team's Spark through Spark Connect, computed by our own kernel next to the data
 * (docs/ARCHITECTURE.md, "Team scale"), on an {@link EventTable}.
 *
 * <p>Pushed down before the shuffle: the events whose names a rule needs (strict order keeps every event, the
 * others as bare markers with an empty mask) and, per event, the mask of the rules it matches. Then
 * {@code repartition(user)}, {@code sortWithinPartitions(user, time, order)} and {@link KernelPartition} per
 * partition, one row per user ({@link #userOutcomes}); those rows are aggregated on the cluster (counts here,
 * whole funnels in {@link SparkFunnelAggregation}) and only the aggregates come back.
 */
public final class SparkConnectBackend implements FunnelBackend {
    private static final String MASK = "mask";
    /** Where a user's events go among equal times of an account: the user's first row in import order. */
    private static final String USER_ORDER = "_fw_user_order";
    private static final String FIRST_USER_ROW = "_fw_first_user_row";

    private final SparkSession session;
    private final Dataset<Row> events;
    private final List<String> properties;

    /**
     * A back-end on {@code table} through {@code session}; uploads the kernel's jar (made in {@code scratch} when
     * the app runs from a class folder) to the session. Closing the back-end leaves the session open: it belongs
     * to whoever made it.
     */
    public SparkConnectBackend(SparkSession session, EventTable table, Path scratch) {
        this.session = session;
        this.events = table.rows();
        this.properties = table.properties();
        session.addArtifact(KernelArtifact.jarOf(KernelPartition.class, scratch).toString());
    }

    @Override
    public String engine() {
        return "spark-connect " + session.version();
    }

    /**
     * The whole funnel: the per-user outcomes ({@link #userOutcomes}) are computed once and kept on the cluster
     * while {@link SparkFunnelAggregation} aggregates them there; only the aggregates come back.
     */
    @Override
    public FunnelResult compute(FunnelSpec spec) {
        return new SparkFunnelAggregation(session, this, spec).compute();
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
        int steps = new FunnelKernel(spec).stepCount();
        Column reached = col("reached");
        // Counts read neither the breakdown nor the values: the outcomes are made without them.
        FunnelSpec bare = spec.withBreakdown(null, spec.attribution());
        List<Row> byReached = userOutcomes(bare, dataEnd(), false).groupBy(reached)
                .agg(count(lit(1)), sum(when(col("still_open"), 1L).otherwise(0L)))
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

    /**
     * Every user's outcome of {@code spec}, computed on the cluster by our kernel: one row per user who entered the
     * funnel or whom an exclusion removed (others have no row). Columns ({@link KernelPartition#schema}):
     * <ul>
     * <li>{@code user} (string); {@code reached} (int): the furthest required step, 0 when an exclusion removed
     *     the user;</li>
     * <li>{@code excluded} (boolean): an exclusion removed the user or cut the attempt short;</li>
     * <li>{@code still_open} (boolean): stopped short of the last step while the window reaches past the table's
     *     latest time;</li>
     * <li>{@code optional_done} (long): bit o set when the counted attempt did optional step o (in step order);</li>
     * <li>{@code group} (string): the breakdown property's value at the event that places the user (first touch
     *     or last step), null when missing, empty or without a breakdown;</li>
     * <li>{@code t1} .. {@code tN} (long): epoch microseconds of each required step's event, null past
     *     {@code reached}; {@code t1} is the entry time the trend counts by;</li>
     * <li>{@code v1} .. {@code vN} (double): each required step's goal value at its event (0 past {@code reached}
     *     or without a value).</li>
     * </ul>
     * Nothing runs until the dataset is read; each read runs the shuffle and the kernel again unless persisted.
     */
    Dataset<Row> userOutcomes(FunnelSpec spec) {
        return userOutcomes(spec, dataEnd());
    }

    /** {@link #userOutcomes(FunnelSpec)} with the table's latest time already known. */
    Dataset<Row> userOutcomes(FunnelSpec spec, long dataEnd) {
        return userOutcomes(spec, dataEnd, true);
    }

    /** The outcomes; without {@code withValues}, every v column is 0 and no value is read. */
    private Dataset<Row> userOutcomes(FunnelSpec spec, long dataEnd, boolean withValues) {
        Dataset<Row> table = spec.countBy() == null ? events : byAccount(spec.countBy());
        List<MatchRule> rules = FunnelKernel.rules(spec);
        Dataset<Row> read = table;
        if (spec.order() != OrderMode.STRICT) {
            Set<String> names = new LinkedHashSet<>();
            rules.forEach(rule -> names.addAll(rule.eventNames()));
            read = read.filter(col(EventTable.EVENT).isin(names.toArray()));
        }
        List<FunnelSpec.Step> steps = spec.requiredOnly().steps();
        // The kernel's input, in KernelPartition's column order; the import order only sorts.
        List<Column> columns = new ArrayList<>(List.of(col(EventTable.USER).as("user"),
                col(EventTable.TIME).as("time"), mask(rules).as(MASK)));
        List<Column> kernelInput = new ArrayList<>(List.of(col("user"), col("time"), col(MASK)));
        if (spec.breakdownProperty() != null) {
            columns.add(breakdownValue(spec.breakdownProperty()).as("group"));
            kernelInput.add(col("group"));
        }
        boolean[] valued = new boolean[steps.size()];
        for (int j = 0; j < valued.length; j++) {
            valued[j] = withValues && !steps.get(j).value().isNone();
            if (valued[j]) {
                columns.add(SparkRules.value(steps.get(j).value()).cast(DataTypes.DoubleType).as("value" + j));
                kernelInput.add(col("value" + j));
            }
        }
        columns.add(col(EventTable.ROW).as("order"));
        columns.add((spec.countBy() == null ? lit(0L) : col(USER_ORDER)).as("user_order"));
        return read.select(columns.toArray(Column[]::new))
                .repartition(col("user"))
                .sortWithinPartitions(col("user"), col("time"), col("user_order"), col("order"))
                .select(kernelInput.toArray(Column[]::new))
                .mapPartitions(new KernelPartition(KernelShape.of(spec), valued, dataEnd),
                        Encoders.row(KernelPartition.schema(steps.size())));
    }

    /**
     * The events regrouped by account as the local engine regroups them ({@link
     * io.funnelworkbench.analysis.AccountLogs}): the account (the value of {@code property}) in the user column,
     * events without one (missing or empty) left out, and equal times of an account taken in the project's user
     * order (the order in which users first appeared in the imports), then in import order.
     */
    private Dataset<Row> byAccount(String property) {
        String column = propertyColumn(property);
        if (column == null) {
            throw new IllegalArgumentException("There is no property '" + property + "' to count by in this project.");
        }
        Column account = col("`" + column + "`");
        Dataset<Row> firstRows = events.groupBy(col(EventTable.USER).as("first_user"))
                .agg(min(col(EventTable.ROW)).as(FIRST_USER_ROW));
        return events.filter(account.isNotNull().and(account.notEqual("")))
                .join(firstRows, col(EventTable.USER).equalTo(col("first_user")), "inner")
                .withColumn(USER_ORDER, col(FIRST_USER_ROW))
                .withColumn(EventTable.USER, account)
                .drop("first_user", FIRST_USER_ROW);
    }

    /**
     * The breakdown property's value on each event as a string column, null when missing or empty (an empty
     * value is a missing one, as on import); a property the table lacks is missing everywhere. A name the table
     * lacks finds the property by its short form, as the local log does ({@link PropertyContainers}).
     */
    Column breakdownValue(String property) {
        String column = propertyColumn(property);
        if (column == null) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column value = col("`" + column + "`");
        return when(value.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(value);
    }

    /** The table's column of {@code property}: its own name, else its short form's; null when neither. */
    String propertyColumn(String property) {
        if (properties.contains(property)) {
            return property;
        }
        String shortName = PropertyContainers.shortName(property);
        return shortName != null && properties.contains(shortName) ? shortName : null;
    }

    /** The table's events. */
    Dataset<Row> eventRows() {
        return events;
    }

    /** The latest time of the whole table, as the local engine judges still-in-window against its log's end. */
    private long dataEnd() {
        return dataRange()[1];
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
