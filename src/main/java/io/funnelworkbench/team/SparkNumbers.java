package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.FunnelAssembly;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * Whether a property holds numbers as the local engine decides it (a breakdown in ranges, a Numbers entry of the
 * property catalog): some value is not blank, and every non-blank value of the whole table is plain decimal text
 * with a finite value. Counted on the cluster in the aggregation that asks; values the pattern accepts but that
 * could overflow (long, or with a three-digit exponent; rare) come back to be checked with the same parser.
 */
final class SparkNumbers {
    /** How many columns {@link #checks} adds to an aggregation. */
    static final int CHECKS = 3;

    private SparkNumbers() {
    }

    /** The aggregate columns that {@link #numeric} reads back, in this order. */
    static List<Column> checks(Column value) {
        Column blank = value.isNull().or(value.rlike("^\\p{javaWhitespace}*$"));
        Column decimal = value.rlike(FunnelAssembly.numberPattern());
        Column mayOverflow = decimal.and(length(value).gt(300).or(value.rlike("[eE][-+]?0*[0-9]{3,}")));
        return List.of(sum(when(blank, 0L).otherwise(1L)), sum(when(blank.or(decimal), 0L).otherwise(1L)),
                collect_set(when(mayOverflow, value)));
    }

    /** Whether the checks at {@code at} (the first of {@link #CHECKS} columns of {@code row}) find numbers. */
    static boolean numeric(Row row, int at) {
        return !row.isNullAt(at) && row.getLong(at) > 0 && row.getLong(at + 1) == 0
                && row.<String>getList(at + 2).stream().allMatch(text -> FunnelAssembly.number(text) != null);
    }
}
