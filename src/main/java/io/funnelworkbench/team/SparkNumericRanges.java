package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.FunnelAssembly;
import io.funnelworkbench.analysis.NumericBuckets;
import io.funnelworkbench.analysis.NumericBuckets.Edges;
import io.funnelworkbench.analysis.NumericBuckets.Ranges;
import io.funnelworkbench.model.BreakdownGroup;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * A numeric breakdown's ranges decided from a few rows computed where the per-user outcomes are, never one row per
 * distinct number: the entering users are counted per distinct number on the cluster with a running count in number
 * order, and only the first 7 numbers (at most 6 are each a range) and the numbers at the ranks of the five
 * quantiles come back; with more than 6 numbers a second query counts the users per range of the edges decided
 * here ({@link NumericBuckets}, the local engine's rules), as ranges without users are left out. Exact: the same
 * ranks, the same edges and the same labels as the local engine.
 */
final class SparkNumericRanges {
    private static final String NUMBER = "number";
    private static final String NEGATIVE_ZERO = "negative_zero";
    private static final String USERS = "users";
    private static final String THROUGH = "through";
    private static final String TOTAL = "total";

    /** The groups and, over the outcomes' columns, each user's group index (null for a user who did not enter). */
    record Decided(List<BreakdownGroup> groups, Column groupIndex) {
    }

    private SparkNumericRanges() {
    }

    /** The ranges of the entering users' numbers in {@code outcomes} (their "group" column holds the value). */
    static Decided decide(Dataset<Row> outcomes) {
        Column entered = col("reached").gt(0);
        List<Row> rows = numberRows(outcomes.filter(entered));
        boolean anyNone = rows.stream().anyMatch(row -> row.isNullAt(0));
        List<Row> withNumbers = rows.stream().filter(row -> !row.isNullAt(0)).toList();
        long distinct = rows.isEmpty() ? 0 : longAt(rows.get(0), "distinct");
        Edges edges;
        long[] usersPerRange;
        if (distinct <= NumericBuckets.maxSingleValues()) {
            edges = Edges.single(withNumbers.stream().mapToDouble(SparkNumericRanges::numberOf).toArray());
            usersPerRange = new long[edges.ranges()];
            withNumbers.forEach(row -> usersPerRange[edges.rangeOf(numberOf(row))] += longAt(row, USERS));
        } else {
            edges = Edges.rounded(numberOf(withNumbers.get(0)), quantiles(withNumbers));
            usersPerRange = usersPerRange(outcomes.filter(entered), edges);
        }
        Ranges ranges = Ranges.of(edges, usersPerRange);
        Column bucketOfRange = array(Arrays.stream(ranges.bucketOfRange()).mapToObj(b -> lit(b))
                .toArray(Column[]::new));
        Column index = when(number().isNull(), lit(ranges.labels().size()))
                .otherwise(element_at(bucketOfRange, range(edges).plus(1)));
        return new Decided(FunnelAssembly.rangeGroups(ranges.labels(), anyNone),
                when(entered, index).cast(DataTypes.IntegerType));
    }

    /**
     * One query: the entering users per distinct number (null: no number) with the running count in number order,
     * the total and the count of distinct numbers; only the first 7 numbers, the numbers at a quantile's rank
     * and the row without a number come back, in number order.
     */
    private static List<Row> numberRows(Dataset<Row> entered) {
        // -0 and 0 are two numbers to the local engine (Double.equals), one to Spark's grouping: a flag keeps both.
        Column negativeZero = number().equalTo(0).and(col("group").rlike("^\\p{javaWhitespace}*-"));
        Dataset<Row> perNumber = entered.select(number().as(NUMBER), negativeZero.as(NEGATIVE_ZERO))
                .groupBy(col(NUMBER), col(NEGATIVE_ZERO)).agg(count(lit(1)).as(USERS));
        WindowSpec inOrder = Window.orderBy(col(NUMBER).asc_nulls_last(), col(NEGATIVE_ZERO).desc());
        Column numbered = when(col(NUMBER).isNotNull(), col(USERS)).otherwise(0L);
        int parts = NumericBuckets.quantileCount() + 1;
        Column atQuantile = lit(false);
        for (int k = 1; k < parts; k++) {
            // NumericBuckets.atQuantile as a column.
            atQuantile = atQuantile.or(col(THROUGH).multiply(parts).geq(col(TOTAL).multiply(k))
                    .and(col(THROUGH).minus(col(USERS)).multiply(parts).lt(col(TOTAL).multiply(k))));
        }
        return perNumber
                .withColumn(THROUGH, sum(numbered).over(inOrder.rowsBetween(Window.unboundedPreceding(),
                        Window.currentRow())))
                .withColumn(TOTAL, sum(numbered).over())
                .withColumn("distinct", count(col(NUMBER)).over())
                .withColumn("index", row_number().over(inOrder))
                .filter(col("index").leq(NumericBuckets.maxSingleValues() + 1).or(col(NUMBER).isNull())
                        .or(col(NUMBER).isNotNull().and(atQuantile)))
                .orderBy(col("index")).collectAsList();
    }

    /** The five quantiles from the rows that hold them, each row's ranks told by {@link NumericBuckets#atQuantile}. */
    private static double[] quantiles(List<Row> rows) {
        double[] quantiles = new double[NumericBuckets.quantileCount()];
        for (Row row : rows) {
            long through = longAt(row, THROUGH);
            for (int k = 1; k <= quantiles.length; k++) {
                if (NumericBuckets.atQuantile(k, through - longAt(row, USERS), through, longAt(row, TOTAL))) {
                    quantiles[k - 1] = numberOf(row);
                }
            }
        }
        return quantiles;
    }

    /** The entering users with a number per range of {@code edges} (ranges without users have no row). */
    private static long[] usersPerRange(Dataset<Row> entered, Edges edges) {
        long[] users = new long[edges.ranges()];
        Dataset<Row> numbered = entered.filter(number().isNotNull());
        for (Row row : numbered.groupBy(range(edges).as("range")).agg(count(lit(1))).collectAsList()) {
            users[row.getInt(0)] = row.getLong(1);
        }
        return users;
    }

    /** The range of each outcome's number: how many edges are at or below it ({@link Edges#rangeOf}). */
    private static Column range(Edges edges) {
        Column range = lit(0);
        for (double edge : edges.values()) {
            range = range.plus(when(number().geq(lit(edge)), 1).otherwise(0));
        }
        return range;
    }

    /** The number of an outcome's breakdown value, null for none. */
    private static Column number() {
        return udf(new NumberUdf(), DataTypes.DoubleType).apply(col("group"));
    }

    /** A result row's number, -0 where the flag says so (Spark's grouping made it 0). */
    private static double numberOf(Row row) {
        double number = row.getDouble(0);
        return row.getBoolean(1) ? -0.0 : number;
    }

    private static long longAt(Row row, String field) {
        return row.getLong(row.fieldIndex(field));
    }
}
