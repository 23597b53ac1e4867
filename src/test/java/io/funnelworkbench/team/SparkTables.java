package io.funnelworkbench.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.EventLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.connect.SparkSession;

/**
 * A local event log as an {@link EventTable} on the test's Spark Connect server: written as JSON lines (which
 * keep a missing property apart from an empty one) and read back with the table's schema. The import order is the
 * log's row order unless given.
 */
final class SparkTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkTables() {
    }

    static EventTable fromLog(SparkSession spark, EventLog log, Path file) {
        long[] rows = new long[log.size()];
        Arrays.setAll(rows, row -> row);
        return fromLog(spark, log, rows, file);
    }

    /**
     * As {@link #fromLog(SparkSession, EventLog, Path)}, with row {@code r} of the log imported as the {@code
     * importRows[r]}-th event (an import that interleaves users, a time-ordered export's, say).
     */
    static EventTable fromLog(SparkSession spark, EventLog log, long[] importRows, Path file) {
        List<String> properties = Arrays.asList(log.propertyNames());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int row = 0; row < log.size(); row++) {
                ObjectNode line = JSON.createObjectNode();
                line.put(EventTable.USER, log.userId(log.user(row)));
                line.put(EventTable.EVENT, log.eventName(log.event(row)));
                line.put(EventTable.TIME, log.time(row));
                line.put(EventTable.ROW, importRows[row]);
                if (log.session(row) != EventLog.NO_SESSION) {
                    line.put(EventTable.SESSION, Integer.toString(log.session(row)));
                }
                for (int p = 0; p < properties.size(); p++) {
                    int value = log.property(p, row);
                    if (value != EventLog.MISSING_VALUE) {
                        line.put(properties.get(p), log.propertyValue(p, value));
                    }
                }
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String schema = EventTable.USER + " STRING, " + EventTable.EVENT + " STRING, " + EventTable.TIME + " LONG, "
                + EventTable.ROW + " LONG, " + EventTable.SESSION + " STRING"
                + properties.stream().map(p -> ", `" + p + "` STRING").collect(Collectors.joining());
        return new EventTable(spark.read().schema(schema).json(file.toAbsolutePath().toString()), properties);
    }
}
