package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.analysis.PropertyCatalog.Entry;
import io.funnelworkbench.analysis.PropertyCatalog.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The property catalog ({@link PropertyCatalog}: each property's kind, distinct values and the events that carry
 * it) of an event table, counted on the cluster in two queries: one pass for the distinct values, the rows and
 * whether the values are numbers, and the rows per event name and property. Only those counts come back; the kinds
 * are decided here by the local catalog's rule.
 */
final class SparkPropertyCatalog {
    private SparkPropertyCatalog() {
    }

    static PropertyCatalog of(Dataset<Row> events, List<String> properties) {
        if (properties.isEmpty()) {
            return new PropertyCatalog(List.of());
        }
        List<Column> facts = new ArrayList<>();
        for (String property : properties) {
            facts.add(countDistinct(present(property)));
            facts.add(sum(carried(property)));
            facts.addAll(SparkNumbers.checks(column(property)));
        }
        Row totals = events.agg(count(lit(1)), facts.toArray(Column[]::new)).first();
        List<Row> byEvent = events.groupBy(col(EventTable.EVENT)).agg(sum(carried(properties.get(0))),
                properties.stream().skip(1).map(p -> sum(carried(p))).toArray(Column[]::new)).collectAsList();
        long allRows = totals.getLong(0);
        List<Entry> entries = new ArrayList<>();
        for (int p = 0; p < properties.size(); p++) {
            int at = 1 + p * (2 + SparkNumbers.CHECKS);
            int distinct = (int) totals.getLong(at);
            long rows = totals.isNullAt(at + 1) ? 0 : totals.getLong(at + 1);
            Kind kind = SparkNumbers.numeric(totals, at + 2) ? Kind.NUMBER
                    : PropertyCatalog.isIdLike(distinct, rows) ? Kind.ID_LIKE : Kind.TEXT;
            entries.add(new Entry(properties.get(p), kind, distinct, rows, carriers(byEvent, p + 1), rows > 0
                    && rows == allRows));
        }
        entries.sort(Comparator.comparing(Entry::name));
        return new PropertyCatalog(entries);
    }

    /** The event names whose rows carry the property in column {@code at}, most rows first, ties by name. */
    private static List<String> carriers(List<Row> byEvent, int at) {
        return byEvent.stream().filter(row -> !row.isNullAt(at) && row.getLong(at) > 0)
                .sorted(Comparator.<Row>comparingLong(row -> -row.getLong(at)).thenComparing(row -> row.getString(0)))
                .map(row -> row.getString(0)).toList();
    }

    private static Column column(String property) {
        return col("`" + property + "`");
    }

    /** The property's value where an event carries one (an empty value is a missing one, as on import). */
    private static Column present(String property) {
        return when(column(property).notEqual(""), column(property));
    }

    private static Column carried(String property) {
        return when(column(property).isNotNull().and(column(property).notEqual("")), 1L).otherwise(0L);
    }
}
