package io.funnelworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.Map;

/**
 * Writes the events of one import in a single transaction. Nothing is visible to other connections until
 * {@link #commit}; {@link #close} without commit rolls everything back, leaving the project as it was.
 */
public final class EventAppender implements AutoCloseable {
    static final int CHUNK_ROWS = 65_536;

    private final ProjectStore store;
    private final Connection connection;
    private final ImportSource source;
    private final int importId;
    private final Dictionary users;
    private final Dictionary eventNames;
    private final Dictionary sessions;
    private final Dictionary propertyNames;
    private final Map<Integer, Dictionary> propertyValues = new HashMap<>();
    private final EventColumns buffer;
    private final BitSet usersSeen = new BitSet();
    private final Map<String, Long> eventCounts = new TreeMap<>();
    private int chunkNo;
    private long rowsImported;
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private boolean committed;

    EventAppender(ProjectStore store, Connection connection, ImportSource source, int importId) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.source = source;
        this.importId = importId;
        users = Dictionary.load(connection, "users", "external_id", null,
                "INSERT INTO users (id, external_id) VALUES (?, ?)", -1);
        eventNames = Dictionary.load(connection, "event_names", "name", null,
                "INSERT INTO event_names (id, name) VALUES (?, ?)", -1);
        sessions = Dictionary.load(connection, "sessions", "external_id", null,
                "INSERT INTO sessions (id, external_id) VALUES (?, ?)", -1);
        propertyNames = Dictionary.load(connection, "property_names", "name", null,
                "INSERT INTO property_names (id, name) VALUES (?, ?)", -1);
        buffer = new EventColumns(CHUNK_ROWS, propertyNames.size());
    }

    public int importId() {
        return importId;
    }

    /** The global id of a property column, creating it when the project has not seen it. */
    public int propertyId(String name) throws SQLException {
        int id = propertyNames.idOf(name);
        // Property names must exist before their values reference them.
        propertyNames.flush(connection);
        buffer.ensureProperties(propertyNames.size());
        return id;
    }

    private Dictionary valuesOf(int propertyId) throws SQLException {
        Dictionary values = propertyValues.get(propertyId);
        if (values == null) {
            values = Dictionary.load(connection, "property_values", "val", "property_id = " + propertyId,
                    "INSERT INTO property_values (property_id, id, val) VALUES (?, ?, ?)", propertyId);
            // Id 0 is reserved for "missing" in every property.
            if (values.size() == 0) {
                values.idOf("\u0000missing");
            }
            propertyValues.put(propertyId, values);
        }
        return values;
    }

    /**
     * Adds one event. {@code propertyIds[i]} names the property of {@code values[i]}; null or empty values are
     * stored as missing. {@code session} may be null.
     */
    public void append(String user, String eventName, long timeMicros, String session, int[] propertyIds,
                       String[] values) throws SQLException {
        int row = buffer.size;
        int userId = users.idOf(user);
        buffer.users[row] = userId;
        usersSeen.set(userId);
        eventCounts.merge(eventName, 1L, Long::sum);
        buffer.events[row] = eventNames.idOf(eventName);
        buffer.times[row] = timeMicros;
        buffer.sessions[row] = session == null || session.isEmpty() ? -1 : sessions.idOf(session);
        for (int i = 0; i < propertyIds.length; i++) {
            String value = values[i];
            if (value != null && !value.isEmpty()) {
                buffer.properties[propertyIds[i]][row] = valuesOf(propertyIds[i]).idOf(value);
            }
        }
        firstTime = Math.min(firstTime, timeMicros);
        lastTime = Math.max(lastTime, timeMicros);
        rowsImported++;
        if (++buffer.size == buffer.capacity()) {
            writeChunk();
        }
    }

    public long rowsImported() {
        return rowsImported;
    }

    /** The distinct users of this import's events. */
    public BitSet usersSeen() {
        return (BitSet) usersSeen.clone();
    }

    /** Events of this import by name, in name order. */
    public Map<String, Long> eventCounts() {
        return new TreeMap<>(eventCounts);
    }

    private void writeChunk() throws SQLException {
        if (buffer.size == 0) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO event_chunks (import_id, chunk_no, row_count, data) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, importId);
            ps.setInt(2, chunkNo++);
            ps.setInt(3, buffer.size);
            ps.setBytes(4, ChunkCodec.encode(buffer, 0, buffer.size));
            ps.executeUpdate();
        }
        buffer.clear();
    }

    /** Makes the import permanent and records it in the history. */
    public ImportRecord commit(long rowsRead, long rowsRejected, String rejectsFile) throws SQLException {
        writeChunk();
        users.flush(connection);
        eventNames.flush(connection);
        sessions.flush(connection);
        for (Dictionary values : propertyValues.values()) {
            values.flush(connection);
        }
        Instant now = Instant.now();
        ImportRecord record = new ImportRecord(importId, source.fileName(), source.filePath(), source.contentHash(),
                source.fileSize(), now, rowsRead, rowsImported, rowsRejected, rejectsFile,
                rowsImported == 0 ? null : firstTime, rowsImported == 0 ? null : lastTime, source.mapping());
        ImportRepository.update(connection, record);
        connection.commit();
        committed = true;
        return record;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

}
