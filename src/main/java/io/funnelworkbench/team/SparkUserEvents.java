package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.xxhash64;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
    /** Where the properties start among the columns {@link #read} reads. */
    private static final int FIRST_PROPERTY = 7;
    private static final String ACCOUNT = "_fw_account";
    private static final String ACCOUNT_ORDER = "_fw_account_order";
    private static final String MEMBER = "_fw_member";
    private static final String MEMBER_ORDER = "_fw_member_order";

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

    /**
     * Up to {@code count} values of the property column {@code column} (none missing or empty) picked at random
     * on the cluster as {@link #sample} picks users: the accounts a funnel counted by it is verified on.
     */
    public List<String> sampleValues(String column, int count, long seed) {
        Column value = col("`" + column + "`");
        return table.rows().select(value).where(value.isNotNull().and(value.notEqual(""))).distinct()
                .orderBy(xxhash64(lit(seed), value), value)
                .limit(count)
                .collectAsList().stream().map(row -> row.getString(0)).toList();
    }

    /** The values of the property column {@code column} among {@code values}, each once, as a column "user". */
    public Dataset<Row> valuesNamed(String column, List<String> values) {
        Column value = col("`" + column + "`");
        return table.rows().select(value.as("user")).where(value.isin(values.toArray())).distinct();
    }

    /** The events of {@code users}. */
    public EventLog of(Collection<String> users) {
        return log(read(table.rows().filter(col(EventTable.USER).isin(users.toArray())), lit(0L), lit(0L)));
    }

    /** The events of the users in {@code users}' column {@code user}, joined on the cluster. */
    public EventLog of(Dataset<Row> users) {
        Dataset<Row> wanted = users.select(col("user").as(EventTable.USER)).distinct();
        // Every event of each user is pulled: the import order alone gives the users their order.
        return log(read(table.rows().join(wanted, EventTable.USER, "left_semi"), lit(0L), lit(0L)));
    }

    /**
     * Accounts' events pulled here: a log of each event whose {@code property} names one of them, and each
     * account's place in the project's order of accounts (a smaller number comes first).
     */
    public record AccountEvents(EventLog log, Map<String, Long> order) {
    }

    /**
     * The events of the accounts in {@code accounts}' column {@code user} (values of {@code property}), each
     * account's place given by the column {@code first_row}. The log keeps the users in the project's order
     * (each by its first row of the whole table), so equal times of an account are taken in the order the
     * local engine takes them ({@link io.funnelworkbench.analysis.AccountLogs}): by user, then import order.
     */
    public AccountEvents ofAccounts(Dataset<Row> accounts, String property) {
        Dataset<Row> wanted = accounts.select(col("user").as(ACCOUNT), col("first_row").as(ACCOUNT_ORDER));
        Dataset<Row> userOrder = table.rows().groupBy(col(EventTable.USER).as(MEMBER))
                .agg(min(col(EventTable.ROW)).as(MEMBER_ORDER));
        Dataset<Row> rows = table.rows()
                .join(wanted, SparkRules.property(property).equalTo(col(ACCOUNT)), "inner")
                .join(userOrder, col(EventTable.USER).equalTo(col(MEMBER)), "inner");
        List<Row> events = read(rows, col(MEMBER_ORDER), col(ACCOUNT_ORDER));
        Map<String, Long> order = new HashMap<>();
        int account = FIRST_PROPERTY + table.properties().indexOf(property);
        for (Row row : events) {
            order.put(row.getString(account), row.getLong(1));
        }
        return new AccountEvents(log(events), order);
    }

    /**
     * The rows' user order, account order (0 when listing users), import order, user, event, time, session and
     * properties, sorted by user order then import order: the order in which the log's builder must see them.
     */
    private List<Row> read(Dataset<Row> rows, Column userOrder, Column accountOrder) {
        // Named, as two literal columns would both be named "0", which the client cannot read apart.
        List<Column> columns = new ArrayList<>(List.of(userOrder.as("_fw_read_user_order"),
                accountOrder.as("_fw_read_account_order"), col(EventTable.ROW), col(EventTable.USER),
                col(EventTable.EVENT), col(EventTable.TIME), col(EventTable.SESSION)));
        table.properties().forEach(p -> columns.add(SparkRules.property(p)));
        List<Row> events = new ArrayList<>(rows.select(columns.toArray(Column[]::new)).collectAsList());
        // Sorted here rather than on the cluster: the rows are few.
        events.sort(Comparator.<Row>comparingLong(row -> row.getLong(0)).thenComparingLong(row -> row.getLong(2)));
        return events;
    }

    private EventLog log(List<Row> events) {
        List<String> properties = table.properties();
        EventLogBuilder builder = new EventLogBuilder();
        for (Row row : events) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int p = 0; p < properties.size(); p++) {
                if (!row.isNullAt(FIRST_PROPERTY + p)) {
                    values.put(properties.get(p), row.getString(FIRST_PROPERTY + p));
                }
            }
            builder.add(row.getString(3), row.getString(4), row.getLong(5), row.isNullAt(6) ? null : row.getString(6),
                    values);
        }
        return builder.build();
    }
}
