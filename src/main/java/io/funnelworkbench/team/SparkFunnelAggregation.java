package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.FunnelAssembly;
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
 * 1 + g for breakdown group g, so one query per kind of aggregate serves the funnel and every group:
 * <ol>
 * <li>breakdown groups: users per value (the top 26 for text; every number for a numeric property) ranked on the
 *     cluster, assigned to groups by the shared rules, and the value-to-group table joined back;</li>
 * <li>per key: users per step, goal values read from properties, optional-step users, excluded, still in
 *     window;</li>
 * <li>per key, step and kind (from the previous, from step 1): how many durations, their exact sum and the
 *     histogram; then the durations at the ranks the median and p90 need, found exactly by a running count over
 *     the distinct durations in order (never from partial medians);</li>
 * <li>per key and UTC day: entered, completed, still open, for the trends.</li>
 * </ol>
 */
final class SparkFunnelAggregation {
    private static final String KEY = "key";
    private static final String GROUP_INDEX = "group_index";
    private static final int SIDES = 2;
    /** Beyond the top 25, one more value tells whether Other exists. */
    private static final int RANKED_VALUES = FunnelAssembly.TOP_GROUPS + 1;

    private final SparkSession session;
    private final SparkConnectBackend backend;
    private final FunnelSpec spec;
    private final FunnelAssembly assembly;
    private final int steps;
    private final int optionalSteps;

    /** For {@code spec} over the back-end's table, whose first and last times are {@code dataRange}. */
    SparkFunnelAggregation(SparkSession session, SparkConnectBackend backend, FunnelSpec spec, long[] dataRange) {
        this.session = session;
        this.backend = backend;
        this.spec = spec;
        this.assembly = new FunnelAssembly(spec, dataRange[0], dataRange[1]);
        this.steps = assembly.requiredSteps();
        this.optionalSteps = (int) spec.steps().stream().filter(FunnelSpec.Step::optional).count();
    }

    /** The funnel's result from {@code outcomes} (better persisted: it is read by several queries). */
    FunnelResult compute(Dataset<Row> outcomes) {
        List<BreakdownGroup> groups = List.of();
        Dataset<Row> grouped = outcomes.withColumn(GROUP_INDEX, lit(null).cast(DataTypes.IntegerType));
        if (spec.breakdownProperty() != null) {
            Grouping grouping = grouping(outcomes);
            groups = grouping.groups();
            grouped = grouping.assigned();
        }
        Column entered = col("reached").gt(0);
        Column keys = when(entered.and(col(GROUP_INDEX).isNotNull()), array(lit(0), col(GROUP_INDEX).plus(1)))
                .otherwise(array(lit(0)));
        Dataset<Row> keyed = grouped.withColumn(KEY, explode(keys));
        int keyCount = groups.size() + 1;
        Column[] countColumns = countColumns();
        Map<Integer, Row> counts = byKey(keyed.groupBy(col(KEY))
                .agg(countColumns[0], Arrays.copyOfRange(countColumns, 1, countColumns.length)).collectAsList());
        TimeStats[][][] times = timeStats(keyed, keyCount);
        Map<Integer, Map<Long, long[]>> days = days(keyed);
        List<TrendPoint> trend = assembly.trend(days.getOrDefault(0, Map.of()));
        List<BreakdownGroup> filled = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            filled.add(FunnelAssembly.filled(groups.get(g), steps(counts.get(g + 1), times[g + 1]),
                    assembly.groupTrend(days.getOrDefault(g + 1, Map.of()), trend)));
        }
        Row overall = counts.get(0);
        List<StepResult> overallSteps = steps(overall, times[0]);
        return assembly.result(overallSteps, filled, overall == null ? 0 : longAt(overall, "still_open"),
                overall == null ? 0 : longAt(overall, "excluded"), trend);
    }

    // ---- Users per step, values, optional steps, flags ----

    private Column[] countColumns() {
        List<Column> columns = new ArrayList<>();
        Column reached = col("reached");
        for (int j = 1; j <= steps; j++) {
            columns.add(sum(when(reached.geq(j), 1L).otherwise(0L)).as("users" + j));
            if (assembly.valueFromProperty(j)) {
                Column value = col(KernelPartition.valueColumn(j));
                columns.add(sum(when(reached.geq(j), value).otherwise(0.0)).as("value" + j));
            }
        }
        for (int o = 0; o < optionalSteps; o++) {
            Column done = col("optional_done").bitwiseAND(1L << o).notEqual(0L);
            columns.add(sum(when(reached.gt(0).and(done), 1L).otherwise(0L)).as("optional" + o));
        }
        columns.add(sum(when(col("excluded"), 1L).otherwise(0L)).as("excluded"));
        columns.add(sum(when(col("still_open"), 1L).otherwise(0L)).as("still_open"));
        columns.add(count(lit(1)).as("rows"));
        return columns.toArray(Column[]::new);
    }

    /** One key's steps from its counts row (null: nobody) and its time statistics. */
    private List<StepResult> steps(Row counts, TimeStats[][] times) {
        long[] reached = new long[steps + 2];
        double[] values = new double[steps + 1];
        long[] optional = new long[optionalSteps];
        for (int j = 1; j <= steps && counts != null; j++) {
            reached[j] = longAt(counts, "users" + j);
        }
        for (int j = 1; j <= steps; j++) {
            double sum = counts != null && assembly.valueFromProperty(j)
                    ? counts.getDouble(counts.fieldIndex("value" + j)) : 0;
            values[j] = assembly.stepValue(j, reached[j], sum);
        }
        for (int o = 0; o < optionalSteps && counts != null; o++) {
            optional[o] = longAt(counts, "optional" + o);
        }
        return assembly.steps(reached, times, values, optional);
    }

    // ---- Time to convert ----

    /**
     * Per key, required step j and side (0 from the previous step, 1 from step 1) the statistics of the durations;
     * step 1's are empty and step 2's two sides are the same durations.
     */
    private TimeStats[][][] timeStats(Dataset<Row> keyed, int keyCount) {
        Dataset<Row> durations = durations(keyed);
        long[] edges = FunnelAssembly.histogramEdgesMicros();
        Column micros = col("micros");
        List<Column> columns = new ArrayList<>(List.of(count(lit(1)).as("n"),
                sum(micros.cast(DataTypes.createDecimalType(38, 0))).as("total")));
        for (int b = 0; b < edges.length; b++) {
            Column inBin = b + 1 < edges.length ? micros.lt(edges[b + 1]) : lit(true);
            inBin = b == 0 ? inBin : inBin.and(micros.geq(edges[b]));
            columns.add(sum(when(inBin, 1L).otherwise(0L)).as("bin" + b));
        }
        List<Row> aggregates = durations.groupBy(col(KEY), col("step"), col("side"))
                .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new)).collectAsList();
        Map<List<Integer>, long[]> atRanks = atRanks(durations, aggregates);
        TimeStats[][][] stats = new TimeStats[keyCount][steps + 1][SIDES];
        for (TimeStats[][] key : stats) {
            for (TimeStats[] step : key) {
                Arrays.fill(step, FunnelAssembly.noTimes());
            }
        }
        for (Row row : aggregates) {
            int key = row.getInt(0);
            int step = row.getInt(1);
            int side = row.getInt(2);
            long[] bins = new long[edges.length];
            for (int b = 0; b < bins.length; b++) {
                bins[b] = longAt(row, "bin" + b);
            }
            BigInteger total = ((BigDecimal) row.get(row.fieldIndex("total"))).toBigIntegerExact();
            TimeStats timeStats = FunnelAssembly.timeStats(longAt(row, "n"), total,
                    atRanks.get(List.of(key, step, side)), bins);
            stats[key][step][side] = timeStats;
            if (step == 2) {
                stats[key][step][1] = timeStats;
            }
        }
        return stats;
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
        if (items.isEmpty()) {
            items.add(struct(lit(0).as("step"), lit(0).as("side"), lit(null).cast(DataTypes.LongType).as("micros")));
        }
        return keyed.filter(col("reached").geq(2))
                .select(col(KEY), explode(array(items.toArray(Column[]::new))).as("d"))
                .select(col(KEY), col("d.step").as("step"), col("d.side").as("side"), col("d.micros").as("micros"))
                .filter(col("micros").isNotNull());
    }

    /**
     * The durations at each (key, step, side)'s {@link FunnelAssembly#statisticRanks}: the distinct durations
     * with their counts, a running count in duration order, and each wanted rank matched to the duration whose
     * run of equal values holds it. Exact, as sorting all durations would be.
     */
    private Map<List<Integer>, long[]> atRanks(Dataset<Row> durations, List<Row> aggregates) {
        List<Column> wanted = new ArrayList<>();
        for (Row row : aggregates) {
            long[] ranks = FunnelAssembly.statisticRanks(longAt(row, "n"));
            for (int i = 0; i < ranks.length; i++) {
                wanted.add(struct(lit(row.getInt(0)).as("w_key"), lit(row.getInt(1)).as("w_step"),
                        lit(row.getInt(2)).as("w_side"), lit(i).as("w_index"), lit(ranks[i]).as("w_rank")));
            }
        }
        Map<List<Integer>, long[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Dataset<Row> ranks = literalTable(wanted);
        Dataset<Row> runs = durations.groupBy(col(KEY), col("step"), col("side"), col("micros"))
                .agg(count(lit(1)).as("equal"))
                .withColumn("through", sum(col("equal")).over(Window.partitionBy(col(KEY), col("step"), col("side"))
                        .orderBy(col("micros"))));
        Column match = col(KEY).equalTo(col("w_key")).and(col("step").equalTo(col("w_step")))
                .and(col("side").equalTo(col("w_side"))).and(col("w_rank").leq(col("through")))
                .and(col("w_rank").gt(col("through").minus(col("equal"))));
        for (Row row : runs.join(broadcast(ranks), match, "inner")
                .select(col("w_key"), col("w_step"), col("w_side"), col("w_index"), col("micros")).collectAsList()) {
            found.computeIfAbsent(List.of(row.getInt(0), row.getInt(1), row.getInt(2)), k -> new long[3])
                    [row.getInt(3)] = row.getLong(4);
        }
        return found;
    }

    // ---- Trend ----

    /** Per key, the entered, completed and still-open users per UTC day of their step-1 event. */
    private Map<Integer, Map<Long, long[]>> days(Dataset<Row> keyed) {
        long day = FunnelAssembly.MICROS_PER_DAY;
        String t1 = KernelPartition.timeColumn(1);
        Column epochDay = expr("(" + t1 + " - pmod(" + t1 + ", " + day + "L)) div " + day + "L");
        List<Row> rows = keyed.filter(col("reached").gt(0))
                .groupBy(col(KEY), epochDay.as("day"))
                .agg(count(lit(1)), sum(when(col("reached").equalTo(steps), 1L).otherwise(0L)),
                        sum(when(col("still_open"), 1L).otherwise(0L)))
                .orderBy(col(KEY), col("day"))
                .collectAsList();
        Map<Integer, Map<Long, long[]>> days = new HashMap<>();
        for (Row row : rows) {
            days.computeIfAbsent(row.getInt(0), k -> new LinkedHashMap<>())
                    .put(row.getLong(1), new long[] {row.getLong(2), row.getLong(3), row.getLong(4)});
        }
        return days;
    }

    // ---- Breakdown groups ----

    /** The groups (without steps yet) and the outcomes with each entered user's group index. */
    private record Grouping(List<BreakdownGroup> groups, Dataset<Row> assigned) {
    }

    private Grouping grouping(Dataset<Row> outcomes) {
        Dataset<Row> perValue = outcomes.filter(col("reached").gt(0)).groupBy(col("group"))
                .agg(count(lit(1)).as("entered"));
        String column = backend.propertyColumn(spec.breakdownProperty());
        List<String> values = new ArrayList<>();
        List<Long> entered = new ArrayList<>();
        int[] groupOfValue;
        List<BreakdownGroup> groups;
        if (column != null && isNumeric(column)) {
            for (Row row : perValue.collectAsList()) {
                values.add(row.getString(0));
                entered.add(row.getLong(1));
            }
            double[] numbers = values.stream().map(FunnelAssembly::number)
                    .mapToDouble(n -> n == null ? Double.NaN : n).toArray();
            groupOfValue = new int[values.size()];
            groups = FunnelAssembly.rangeGroups(numbers, entered.stream().mapToLong(Long::longValue).toArray(),
                    groupOfValue);
        } else {
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
            groupOfValue = new int[values.size()];
            groups = FunnelAssembly.rankedGroups(values.toArray(String[]::new),
                    entered.stream().mapToLong(Long::longValue).toArray(), groupOfValue);
        }
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

    /**
     * Whether the property is numeric as the local engine decides it: some value is not blank, and every
     * non-blank value of the whole table is plain decimal text with a finite value. Values the pattern accepts but
     * that could overflow (long, or with a three-digit exponent; rare) are checked here with the same parser.
     */
    private boolean isNumeric(String column) {
        Column value = col("`" + column + "`");
        Column blank = value.isNull().or(value.rlike("^\\p{javaWhitespace}*$"));
        Column decimal = value.rlike(FunnelAssembly.numberPattern());
        Column mayOverflow = decimal.and(length(value).gt(300).or(value.rlike("[eE][-+]?0*[0-9]{3,}")));
        Row check = backend.eventRows().agg(sum(when(blank, 0L).otherwise(1L)),
                sum(when(blank.or(decimal), 0L).otherwise(1L))).first();
        if (check.isNullAt(0) || check.getLong(0) == 0 || check.getLong(1) > 0) {
            return false;
        }
        return backend.eventRows().filter(mayOverflow).select(value).distinct().collectAsList().stream()
                .allMatch(row -> FunnelAssembly.number(row.getString(0)) != null);
    }

    /** A small table that travels with the query: one row per struct of {@code rows}, its fields the columns. */
    private Dataset<Row> literalTable(List<Column> rows) {
        return session.range(1).select(explode(array(rows.toArray(Column[]::new))).as("r")).select(col("r.*"));
    }

    private static Map<Integer, Row> byKey(List<Row> rows) {
        Map<Integer, Row> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.getInt(0), row));
        return byKey;
    }

    private static long longAt(Row row, String field) {
        return row.getLong(row.fieldIndex(field));
    }
}
