package io.funnelworkbench.store;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The analysis snapshot: all events sorted by user, then time, then import order, kept as compressed
 * chunks inside the project so that opening a project never re-reads events row by row.
 */
public final class SnapshotStore {
    private static final String COVERS_KEY = "snapshot_covers";

    private final ProjectStore store;

    SnapshotStore(ProjectStore store) {
        this.store = store;
    }

    /** Loads the snapshot, rebuilding it first when an import happened after it was made. */
    public EventLog load(Progress progress) {
        if (!isCurrent()) {
            rebuild(progress);
        }
        return store.query(c -> {
            Dictionaries dictionaries = Dictionaries.load(c);
            EventColumns columns = readChunks(c, "SELECT row_count, data FROM snapshot_chunks ORDER BY chunk_no",
                    dictionaries.propertyNames.length, progress);
            return new EventLog(dictionaries.userIds, dictionaries.eventNames, dictionaries.propertyNames,
                    dictionaries.propertyValues, columns.users, columns.events, columns.times, columns.sessions,
                    columns.properties);
        });
    }

    public boolean isCurrent() {
        return store.info(COVERS_KEY).orElse("").equals(store.query(SnapshotStore::importsFingerprint));
    }

    private static String importsFingerprint(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM imports")) {
            rs.next();
            return rs.getLong(1) + ":" + rs.getLong(2);
        }
    }

    /** Re-sorts every imported event into a new snapshot, in one transaction. */
    public void rebuild(Progress progress) {
        store.transaction(c -> {
            int propertyCount = Dictionaries.count(c, "property_names");
            progress.report(0, -1, "Reading events");
            EventColumns raw = readChunks(c, "SELECT row_count, data FROM event_chunks ORDER BY import_id, chunk_no",
                    propertyCount, progress);
            progress.report(0, -1, "Sorting events by user and time");
            EventColumns sorted = sortByUserThenTime(raw, Dictionaries.count(c, "users"));
            progress.report(0, -1, "Saving the analysis snapshot");
            writeSnapshot(c, sorted);
            ProjectStore.putInfo(c, COVERS_KEY, importsFingerprint(c));
            return null;
        });
    }

    private static void writeSnapshot(Connection c, EventColumns sorted) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM snapshot_chunks");
        }
        int chunks = (sorted.size + EventAppender.CHUNK_ROWS - 1) / EventAppender.CHUNK_ROWS;
        List<byte[]> encoded = IntStream.range(0, chunks).parallel()
                .mapToObj(i -> ChunkCodec.encode(sorted, i * EventAppender.CHUNK_ROWS,
                        Math.min(sorted.size, (i + 1) * EventAppender.CHUNK_ROWS)))
                .toList();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO snapshot_chunks (chunk_no, row_count, data) VALUES (?, ?, ?)")) {
            for (int i = 0; i < chunks; i++) {
                ps.setInt(1, i);
                ps.setInt(2, Math.min(sorted.size, (i + 1) * EventAppender.CHUNK_ROWS) - i * EventAppender.CHUNK_ROWS);
                ps.setBytes(3, encoded.get(i));
                ps.executeUpdate();
            }
        }
    }

    private static EventColumns readChunks(Connection c, String sql, int propertyCount, Progress progress)
            throws SQLException {
        List<byte[]> blobs = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                offsets.add(total);
                total += rs.getInt(1);
                blobs.add(rs.getBytes(2));
                progress.checkCancelled();
            }
        }
        EventColumns columns = new EventColumns(total, propertyCount);
        columns.size = total;
        IntStream.range(0, blobs.size()).parallel()
                .forEach(i -> ChunkCodec.decodeInto(blobs.get(i), columns, offsets.get(i)));
        return columns;
    }

    /** A stable sort: counting sort by user, then a stable sort by time within each user's rows. */
    static EventColumns sortByUserThenTime(EventColumns raw, int userCount) {
        int n = raw.size;
        int[] next = new int[userCount + 1];
        for (int i = 0; i < n; i++) {
            next[raw.users[i] + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            next[u + 1] += next[u];
        }
        int[] userStart = next.clone();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[raw.users[i]]++] = i;
        }
        for (int u = 0; u < userCount; u++) {
            sortRangeByTime(order, userStart[u], userStart[u + 1], raw.times);
        }
        EventColumns sorted = new EventColumns(0, 0);
        sorted.size = n;
        sorted.users = permute(raw.users, order);
        sorted.events = permute(raw.events, order);
        sorted.sessions = permute(raw.sessions, order);
        sorted.times = new long[n];
        for (int i = 0; i < n; i++) {
            sorted.times[i] = raw.times[order[i]];
        }
        sorted.properties = new int[raw.properties.length][];
        for (int p = 0; p < raw.properties.length; p++) {
            sorted.properties[p] = permute(raw.properties[p], order);
        }
        return sorted;
    }

    private static void sortRangeByTime(int[] order, int from, int to, long[] times) {
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) {
            sorted = times[order[i - 1]] <= times[order[i]];
        }
        if (sorted) {
            return;
        }
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = order[i];
        }
        // Arrays.sort on objects is stable, so equal times keep import order.
        Arrays.sort(boxed, (a, b) -> Long.compare(times[a], times[b]));
        for (int i = from; i < to; i++) {
            order[i] = boxed[i - from];
        }
    }

    private static int[] permute(int[] column, int[] order) {
        int[] result = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = column[order[i]];
        }
        return result;
    }

    /** The string dictionaries an {@link EventLog} needs, read in id order. */
    private record Dictionaries(String[] userIds, String[] eventNames, String[] propertyNames,
                                String[][] propertyValues) {
        static Dictionaries load(Connection c) throws SQLException {
            String[] users = strings(c, "SELECT id, external_id FROM users ORDER BY id", count(c, "users"));
            String[] events = strings(c, "SELECT id, name FROM event_names ORDER BY id", count(c, "event_names"));
            String[] properties = strings(c, "SELECT id, name FROM property_names ORDER BY id",
                    count(c, "property_names"));
            String[][] values = new String[properties.length][];
            for (int p = 0; p < properties.length; p++) {
                int size;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT COALESCE(MAX(id), 0) + 1 FROM property_values WHERE property_id = " + p)) {
                    rs.next();
                    size = rs.getInt(1);
                }
                values[p] = strings(c, "SELECT id, val FROM property_values WHERE property_id = " + p, size);
                values[p][EventLog.MISSING_VALUE] = null;
            }
            return new Dictionaries(users, events, properties, values);
        }

        static int count(Connection c, String table) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        }

        private static String[] strings(Connection c, String sql, int size) throws SQLException {
            String[] result = new String[size];
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    result[rs.getInt(1)] = rs.getString(2);
                }
            }
            return result;
        }
    }
}
