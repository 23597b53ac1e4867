package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A few users' events fetched from an {@link EventTable} into a local {@link EventLog}, every event of theirs with
 * its session and properties, in import order ({@link EventTable#ROW}): the local engine then gives those users
 * exactly the outcomes it gives them in the whole log (a user's outcome reads that user's events only), so a drill-
 * down's reasons and a verification can be computed on this machine. Also picks users at random on the cluster.
 */
public final class SparkUserEvents {
    private final EventTable table;

    public SparkUserEvents(EventTable table) {
        this.table = table;
    }

    /**
     * Up to {@code count} users picked at random on the cluster, the same ones for the same {@code seed} and table
     * however it is partitioned: the users with the smallest hash of (seed, user).
     */
    public List<String> sample(int count, long seed) {
        Column user = col(EventTable.USER);
        return table.rows().select(user).distinct()
                .orderBy(xxhash64(lit(seed), user), user)
                .limit(count)
                .collectAsList().stream().map(row -> row.getString(0)).toList();
    }

    /** The events of {@code users}. */
    public EventLog of(Collection<String> users) {
        return collect(table.rows().filter(col(EventTable.USER).isin(users.toArray())));
    }

    /** The events of the users in {@code users}' column {@code user}, joined on the cluster. */
    public EventLog of(Dataset<Row> users) {
        Dataset<Row> wanted = users.select(col("user").as(EventTable.USER)).distinct();
        return collect(table.rows().join(wanted, EventTable.USER, "left_semi"));
    }

    private EventLog collect(Dataset<Row> rows) {
        List<String> properties = table.properties();
        List<Column> columns = new ArrayList<>(List.of(col(EventTable.ROW), col(EventTable.USER),
                col(EventTable.EVENT), col(EventTable.TIME), col(EventTable.SESSION)));
        properties.forEach(p -> columns.add(SparkRules.property(p)));
        List<Row> events = new ArrayList<>(rows.select(columns.toArray(Column[]::new)).collectAsList());
        // Sorted here rather than on the cluster: the rows are few, and the builder needs import order.
        events.sort(Comparator.comparingLong(row -> row.getLong(0)));
        EventLogBuilder builder = new EventLogBuilder();
        for (Row row : events) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int p = 0; p < properties.size(); p++) {
                if (!row.isNullAt(5 + p)) {
                    values.put(properties.get(p), row.getString(5 + p));
                }
            }
            builder.add(row.getString(1), row.getString(2), row.getLong(3), row.isNullAt(4) ? null : row.getString(4),
                    values);
        }
        return builder.build();
    }
}
