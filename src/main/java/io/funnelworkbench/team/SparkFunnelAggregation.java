package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.ExactSum;
import io.funnelworkbench.analysis.FunnelAssembly;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * A whole funnel on the cluster, from its per-user outcomes ({@link SparkConnectBackend#userOutcomes}): every
 * aggregate is computed with Spark SQL where the outcomes are, and {@link FunnelAssembly} (shared with the local
 * engine) turns the aggregates that come back into the result. Each user's row is keyed 0 for the whole funnel and
 * 1 + g for breakdown group g, so one query per kind of aggregate serves the funnel and every group (see
 * {@link #compute()} and docs/ARCHITECTURE.md, "Team scale").
 */
final class SparkFunnelAggregation {
    private static final String KEY = "key";
    private static final String GROUP_INDEX = "group_index";
    private static final int SIDES = 2;
    /** Beyond the top 25, one more value tells whether Other exists. */
    private static final int RANKED_VALUES = FunnelAssembly.TOP_GROUPS + 1;
    private static final int BINS = FunnelAssembly.histogramEdgesMicros().length;

    private final SparkSession session;
    private final SparkConnectBackend backend;
    private final FunnelSpec spec;
    private final int steps;
    private final int optionalSteps;
    /** The breakdown property's column in the table, null when it has none (or the funnel no breakdown). */
    private final String breakdownColumn;

    SparkFunnelAggregation(SparkSession session, SparkConnectBackend backend, FunnelSpec spec) {
        this.session = session;
        this.backend = backend;
        this.spec = spec;
        this.steps = spec.requiredOnly().steps().size();
        this.optionalSteps = (int) spec.steps().stream().filter(FunnelSpec.Step::optional).count();
        this.breakdownColumn = spec.breakdownProperty() == null ? null
                : backend.propertyColumn(spec.breakdownProperty());
    }

    /**
     * The funnel's result, in four queries (three without a breakdown): the table's facts, the breakdown's values,
     * the counts per key and day, the durations' statistics. The per-user outcomes they read are computed once and
     * kept (persisted) on the cluster meanwhile.
     */
    FunnelResult compute() {
        TableFacts facts = tableFacts();
        FunnelAssembly assembly = new FunnelAssembly(spec, facts.firstTime(), facts.lastTime());
        Dataset<Row> outcomes = backend.userOutcomes(spec, facts.lastTime()).persist();
        try {
            return compute(assembly, outcomes, facts.numeric());
        } finally {
            outcomes.unpersist();
        }
    }

    /**
     * The per-user outcomes ({@link SparkConnectBackend#userOutcomes}, on the cluster) of the users the breakdown
     * puts in {@code group}, the groups decided as {@link #compute()} decides them (the same ranking and ranges);
     * empty when the breakdown has no such group. {@code outcomes} are this funnel's, persisted by the caller
     * as they are read more than once.
     */
    Dataset<Row> members(Dataset<Row> outcomes, BreakdownGroup group) {
        Grouping grouping = grouping(outcomes, tableFacts().numeric());
        int wanted = FunnelEngine.groupIndex(grouping.groups(), group);
        return grouping.assigned().filter(col(GROUP_INDEX).equalTo(wanted)).drop(GROUP_INDEX);
    }

    private FunnelResult compute(FunnelAssembly assembly, Dataset<Row> outcomes, boolean numeric) {
        List<BreakdownGroup> groups = List.of();
        Dataset<Row> grouped = outcomes.withColumn(GROUP_INDEX, lit(null).cast(DataTypes.IntegerType));
        if (spec.breakdownProperty() != null) {
            Grouping grouping = grouping(outcomes, numeric);
            groups = grouping.groups();
            grouped = grouping.assigned();
        }
        Column entered = col("reached").gt(0);
        Column keys = when(entered.and(col(GROUP_INDEX).isNotNull()), array(lit(0), col(GROUP_INDEX).plus(1)))
                .otherwise(array(lit(0)));
        Dataset<Row> keyed = grouped.withColumn(KEY, explode(keys));
        int keyCount = groups.size() + 1;
        KeyCounts[] counts = counts(assembly, keyed, keyCount);
        TimeStats[][][] times = timeStats(keyed, counts);
        List<TrendPoint> trend = assembly.trend(counts[0].days());
        List<BreakdownGroup> filled = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            KeyCounts group = counts[g + 1];
            filled.add(FunnelAssembly.filled(groups.get(g), assembly.steps(group.reached(), times[g + 1],
                    group.values(), group.optional()), assembly.groupTrend(group.days(), trend)));
        }
        KeyCounts overall = counts[0];
        List<StepResult> overallSteps = assembly.steps(overall.reached(), times[0], overall.values(),
                overall.optional());
        return assembly.result(overallSteps, filled, overall.stillOpen(), overall.excluded(), trend);
    }

    // ---- The table ----

    /** The table's first and last times, and whether the breakdown property is numeric. */
    private record TableFacts(long firstTime, long lastTime, boolean numeric) {
    }

    /**
     * One pass over the table: its time range (the local engine's data range, 0 and 0 when empty) and, with a
     * breakdown, whether its property is numeric as the local engine decides it ({@link SparkNumbers}).
     */
    private TableFacts tableFacts() {
        List<Column> columns = new ArrayList<>(List.of(min(col(EventTable.TIME)), max(col(EventTable.TIME))));
        if (breakdownColumn != null) {
            columns.addAll(SparkNumbers.checks(col("`" + breakdownColumn + "`")));
        }
        Row row = backend.eventRows().agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new))
                .first();
        long first = row.isNullAt(0) ? 0 : row.getLong(0);
        long last = row.isNullAt(1) ? 0 : row.getLong(1);
        return new TableFacts(first, last, breakdownColumn != null && SparkNumbers.numeric(row, 2));
    }

    // ---- Users per step, values, optional steps, flags, trend ----

    /** One key's counts: users per step (at least), values, optional-step users, flags, and days for the trend. */
    private record KeyCounts(long[] reached, double[] values, long[] optional, long excluded, long stillOpen,
                             Map<Long, long[]> days) {
    }

    /**
     * Per key and UTC day of the step-1 event: users per step, property-valued sums, optional-step users,
     * excluded and still open, entered and completed; the days are summed per key here (users excluded before
     * entering have no day).
     */
    private KeyCounts[] counts(FunnelAssembly assembly, Dataset<Row> keyed, int keyCount) {
        Column reached = col("reached");
        List<Column> columns = new ArrayList<>();
        for (int j = 1; j <= steps; j++) {
            columns.add(sum(when(reached.geq(j), 1L).otherwise(0L)).as("users" + j));
            if (assembly.valueFromProperty(j)) {
                // Exact parts added exactly, and how many amounts were not finite: ExactSum, as locally.
                Column value = col(KernelPartition.valueColumn(j));
                Column atStep = reached.geq(j);
                columns.add(sum(when(atStep, col(KernelPartition.exactValueColumn(j)))).as("value" + j));
                columns.add(sum(when(atStep.and(isnan(value)), 1L).otherwise(0L)).as("nan" + j));
                columns.add(sum(when(atStep.and(value.equalTo(lit(Double.POSITIVE_INFINITY))), 1L).otherwise(0L))
                        .as("plus_infinity" + j));
                columns.add(sum(when(atStep.and(value.equalTo(lit(Double.NEGATIVE_INFINITY))), 1L).otherwise(0L))
                        .as("minus_infinity" + j));
            }
        }
        for (int o = 0; o < optionalSteps; o++) {
            Column done = col("optional_done").bitwiseAND(1L << o).notEqual(0L);
            columns.add(sum(when(reached.gt(0).and(done), 1L).otherwise(0L)).as("optional" + o));
        }
        columns.add(sum(when(col("excluded"), 1L).otherwise(0L)).as("excluded"));
        columns.add(sum(when(col("still_open"), 1L).otherwise(0L)).as("still_open"));
        columns.add(sum(when(reached.equalTo(steps), 1L).otherwise(0L)).as("completed"));
        long day = FunnelAssembly.MICROS_PER_DAY;
        String t1 = KernelPartition.timeColumn(1);
        Column epochDay = expr("(" + t1 + " - pmod(" + t1 + ", " + day + "L)) div " + day + "L");
        List<Row> rows = keyed.groupBy(col(KEY), epochDay.as("day"))
                .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new))
                .orderBy(col(KEY), col("day")).collectAsList();
        KeyCounts[] counts = new KeyCounts[keyCount];
        for (int k = 0; k < keyCount; k++) {
            counts[k] = new KeyCounts(new long[steps + 2], new double[steps + 1], new long[optionalSteps], 0, 0,
                    new LinkedHashMap<>());
        }
        ExactSum[][] sums = new ExactSum[keyCount][steps + 1];
        for (ExactSum[] keySums : sums) {
            Arrays.setAll(keySums, j -> new ExactSum());
        }
        for (Row row : rows) {
            KeyCounts c = counts[row.getInt(0)];
            for (int j = 1; j <= steps; j++) {
                c.reached()[j] += longAt(row, "users" + j);
                if (assembly.valueFromProperty(j)) {
                    sums[row.getInt(0)][j].addParts(row.getDecimal(row.fieldIndex("value" + j)),
                            longAt(row, "nan" + j), longAt(row, "plus_infinity" + j),
                            longAt(row, "minus_infinity" + j));
                }
            }
            for (int o = 0; o < optionalSteps; o++) {
                c.optional()[o] += longAt(row, "optional" + o);
            }
            counts[row.getInt(0)] = new KeyCounts(c.reached(), c.values(), c.optional(),
                    c.excluded() + longAt(row, "excluded"), c.stillOpen() + longAt(row, "still_open"), c.days());
            if (!row.isNullAt(1)) {
                c.days().put(row.getLong(1), new long[] {longAt(row, "users1"), longAt(row, "completed"),
                    longAt(row, "still_open")});
            }
        }
        for (int k = 0; k < keyCount; k++) {
            for (int j = 1; j <= steps; j++) {
                counts[k].values()[j] = assembly.stepValue(j, counts[k].reached()[j], sums[k][j].value());
            }
        }
        return counts;
    }

    // ---- Time to convert ----

    /**
     * Per key, required step j and side (0 from the previous step, 1 from step 1) the statistics of the durations,
     * in one query: per distinct duration its count and a running count in duration order; from those, per key,
     * step and side the count, the exact sum and the histogram, and the durations at the ranks the median and p90
     * need ({@link FunnelAssembly#statisticRanks} of the step's users, known from the counts), each matched to the
     * run of equal durations that holds it. Exact, as sorting all durations would be; never partial medians.
     * Step 1's statistics are empty and step 2's two sides are the same durations.
     */
    private TimeStats[][][] timeStats(Dataset<Row> keyed, KeyCounts[] counts) {
        TimeStats[][][] stats = new TimeStats[counts.length][steps + 1][SIDES];
        for (TimeStats[][] key : stats) {
            for (TimeStats[] step : key) {
                Arrays.fill(step, FunnelAssembly.noTimes());
            }
        }
        List<Column> wanted = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            for (int j = 2; j <= steps; j++) {
                long[] ranks = FunnelAssembly.statisticRanks(counts[k].reached()[j]);
                for (int side = 0; side < (j == 2 ? 1 : SIDES) && counts[k].reached()[j] > 0; side++) {
                    for (int i = 0; i < ranks.length; i++) {
                        wanted.add(struct(lit(k).as("w_key"), lit(j).as("w_step"), lit(side).as("w_side"),
                                lit(i).as("w_index"), lit(ranks[i]).as("w_rank")));
                    }
                }
            }
        }
        if (wanted.isEmpty()) {
            return stats;
        }
        Column micros = col("micros");
        Dataset<Row> runs = durations(keyed).groupBy(col(KEY), col("step"), col("side"), micros)
                .agg(count(lit(1)).as("equal"))
                .withColumn("through", sum(col("equal")).over(Window.partitionBy(col(KEY), col("step"), col("side"))
                        .orderBy(micros)));
        long[] edges = FunnelAssembly.histogramEdgesMicros();
        List<Column> sums = new ArrayList<>();
        sums.add(sum(micros.cast(DataTypes.createDecimalType(38, 0)).multiply(col("equal"))).as("total"));
        for (int b = 0; b < edges.length; b++) {
            Column inBin = b + 1 < edges.length ? micros.lt(edges[b + 1]) : lit(true);
            inBin = b == 0 ? inBin : inBin.and(micros.geq(edges[b]));
            sums.add(sum(when(inBin, col("equal")).otherwise(0L)).as("bin" + b));
        }
        Dataset<Row> totals = runs.groupBy(col(KEY), col("step"), col("side"))
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
                .select(resultColumns(true).toArray(Column[]::new));
        Column match = col(KEY).equalTo(col("w_key")).and(col("step").equalTo(col("w_step")))
                .and(col("side").equalTo(col("w_side"))).and(col("w_rank").leq(col("through")))
                .and(col("w_rank").gt(col("through").minus(col("equal"))));
        Dataset<Row> atRanks = runs.join(broadcast(literalTable(wanted)), match, "inner")
                .select(resultColumns(false).toArray(Column[]::new));
        Map<List<Integer>, long[]> ranked = new HashMap<>();
        Map<List<Integer>, Row> totalRows = new HashMap<>();
        for (Row row : totals.unionByName(atRanks).collectAsList()) {
            List<Integer> at = List.of(row.getInt(0), row.getInt(1), row.getInt(2));
            if (row.getInt(3) < 0) {
                totalRows.put(at, row);
            } else {
                ranked.computeIfAbsent(at, k -> new long[3])[row.getInt(3)] = row.getLong(4);
            }
        }
        totalRows.forEach((at, row) -> {
            long[] bins = new long[BINS];
            for (int b = 0; b < BINS; b++) {
                bins[b] = longAt(row, "bin" + b);
            }
            BigInteger total = ((BigDecimal) row.get(row.fieldIndex("total"))).toBigIntegerExact();
            int key = at.get(0);
            int step = at.get(1);
            TimeStats timeStats = FunnelAssembly.timeStats(counts[key].reached()[step], total, ranked.get(at), bins);
            stats[key][step][at.get(2)] = timeStats;
            if (step == 2) {
                stats[key][step][1] = timeStats;
            }
        });
        return stats;
    }

    /**
     * The columns of the durations query's one result: (key, step, side, rank index, duration at the rank, total,
     * bins), the totals' rows with index -1 and no duration, the ranks' rows with no total and no bins.
     */
    private static List<Column> resultColumns(boolean totals) {
        List<Column> columns = new ArrayList<>(List.of(col(totals ? KEY : "w_key").as("r_key"),
                col(totals ? "step" : "w_step").as("r_step"), col(totals ? "side" : "w_side").as("r_side"),
                totals ? lit(-1).as("r_index") : col("w_index").as("r_index"),
                totals ? lit(null).cast(DataTypes.LongType).as("r_micros") : col("micros").as("r_micros"),
                totals ? col("total") : lit(null).cast(DataTypes.createDecimalType(38, 0)).as("total")));
        for (int b = 0; b < BINS; b++) {
            columns.add(totals ? col("bin" + b) : lit(null).cast(DataTypes.LongType).as("bin" + b));
        }
        return columns;
    }

    /**
     * One row per user, step j ≥ 2 reached and side: (key, step, side, micros), from the previous step's event
     * (side 0) and from step 1's (side 1, from step 3 on: for step 2 it is side 0).
     */
    private Dataset<Row> durations(Dataset<Row> keyed) {
        List<Column> items = new ArrayList<>();
        for (int j = 2; j <= steps; j++) {
            Column time = col(KernelPartition.timeColumn(j));
            items.add(struct(lit(j).as("step"), lit(0).as("side"),
                    time.minus(col(KernelPartition.timeColumn(j - 1))).as("micros")));
            if (j >= 3) {
                items.add(struct(lit(j).as("step"), lit(1).as("side"),
                        time.minus(col(KernelPartition.timeColumn(1))).as("micros")));
            }
        }
        return keyed.filter(col("reached").geq(2))
                .select(col(KEY), explode(array(items.toArray(Column[]::new))).as("d"))
                .select(col(KEY), col("d.step").as("step"), col("d.side").as("side"), col("d.micros").as("micros"))
                .filter(col("micros").isNotNull());
    }

    // ---- Breakdown groups ----

    /** The groups (without steps yet) and the outcomes with each entered user's group index. */
    private record Grouping(List<BreakdownGroup> groups, Dataset<Row> assigned) {
    }

    private Grouping grouping(Dataset<Row> outcomes, boolean numeric) {
        if (numeric) {
            SparkNumericRanges.Decided ranges = SparkNumericRanges.decide(outcomes);
            return new Grouping(ranges.groups(), outcomes.withColumn(GROUP_INDEX, ranges.groupIndex()));
        }
        Dataset<Row> perValue = outcomes.filter(col("reached").gt(0)).groupBy(col("group"))
                .agg(count(lit(1)).as("entered"));
        List<String> values = new ArrayList<>();
        List<Long> entered = new ArrayList<>();
        // Ties go to the value that first appeared in the table's import order, the missing value first.
        Dataset<Row> firstSeen = backend.eventRows()
                .select(backend.breakdownValue(spec.breakdownProperty()).as("value"), col(EventTable.ROW))
                .filter(col("value").isNotNull()).groupBy(col("value")).agg(min(col(EventTable.ROW)).as("first"));
        Column tieOrder = when(col("group").isNull(), lit(-1L)).otherwise(col("first"));
        List<Row> top = perValue.join(firstSeen, col("group").equalTo(col("value")), "left")
                .select(col("group"), col("entered"), tieOrder.as("tie"))
                .orderBy(col("entered").desc(), col("tie").asc()).limit(RANKED_VALUES).collectAsList();
        List<Row> inTieOrder = top.stream().sorted(Comparator.comparingLong(row -> row.getLong(2))).toList();
        inTieOrder.forEach(row -> {
            values.add(row.getString(0));
            entered.add(row.getLong(1));
        });
        int[] groupOfValue = new int[values.size()];
        List<BreakdownGroup> groups = FunnelAssembly.rankedGroups(values::get,
                entered.stream().mapToLong(Long::longValue).toArray(), groupOfValue);
        return new Grouping(groups, assign(outcomes, values, groupOfValue, groups));
    }

    /**
     * The outcomes with {@link #GROUP_INDEX}: the group of the user's value from the value-to-group table (sent to
     * the cluster and broadcast), Other for a value beyond the ranked ones.
     */
    private Dataset<Row> assign(Dataset<Row> outcomes, List<String> values, int[] groupOfValue,
                                List<BreakdownGroup> groups) {
        int other = groups.isEmpty() || !groups.get(groups.size() - 1).other() ? -1 : groups.size() - 1;
        List<Column> table = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            table.add(struct(lit(values.get(v)).cast(DataTypes.StringType).as("g_value"),
                    lit(groupOfValue[v]).as("g_index")));
        }
        if (table.isEmpty()) {
            table.add(struct(lit(null).cast(DataTypes.StringType).as("g_value"), lit(-1).as("g_index")));
        }
        Dataset<Row> groupOf = literalTable(table);
        Column index = when(col("reached").gt(0), coalesce(col("g_index"), lit(other)));
        return outcomes.join(broadcast(groupOf), col("group").eqNullSafe(col("g_value")), "left")
                .withColumn(GROUP_INDEX, when(index.geq(0), index)).drop("g_value", "g_index");
    }

    /** A small table that travels with the query: one row per struct of {@code rows}, its fields the columns. */
    private Dataset<Row> literalTable(List<Column> rows) {
        return session.range(1).select(explode(array(rows.toArray(Column[]::new))).as("r")).select(col("r.*"));
    }

    private static long longAt(Row row, String field) {
        return row.getLong(row.fieldIndex(field));
    }
}
