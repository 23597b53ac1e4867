package io.funnelworkbench.team;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The events as the Spark back-end reads them, one row per event: the user ({@link #USER}, string), the event
 * name ({@link #EVENT}, string), the time ({@link #TIME}, epoch microseconds), the import order ({@link #ROW},
 * long: equal times of a user are taken in this order, as the local engine takes them), the session
 * ({@link #SESSION}, string or null) and one string column per property, named as the property (null when the
 * event has no value). The reserved names start with {@code _fw_} so that no property can take them.
 */
public record EventTable(Dataset<Row> rows, List<String> properties) {
    public static final String USER = "_fw_user";
    public static final String EVENT = "_fw_event";
    public static final String TIME = "_fw_time";
    public static final String ROW = "_fw_row";
    public static final String SESSION = "_fw_session";

    public EventTable {
        properties = List.copyOf(properties);
    }
}
