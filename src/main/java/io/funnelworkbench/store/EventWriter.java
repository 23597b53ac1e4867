package io.funnelworkbench.store;

import io.funnelworkbench.model.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Writes the events of one import in a single transaction. Rows are collected in memory as columns; on
 * {@link #commit} they are merged with the project's events, sorted by user then time, and written back with
 * the new dictionary entries. Nothing is visible before commit; {@link #close} without commit rolls back.
 */
public final class EventWriter implements AutoCloseable {
    static final int CHUNK_ROWS = 65_536;
    /**
     * Properties a project may have: each is a column with a value for every event (4 bytes each in memory),
     * so an export with thousands of distinct keys is refused early instead of exhausting memory late.
     */
    public static final int MAX_PROPERTIES = 500;
    private static final int WRITE_BATCH = 8;

    private final ProjectStore store;
    private final Connection connection;
    private final ImportSource source;
    private final int importId;
    private final ProjectDictionaries dictionaries;
    private final List<EventColumns> blocks = new ArrayList<>();
    private EventColumns current;
    private long rows;
    private long repeatedSkipped;
    private LongHashSet insertIds;
    private final LongHashSet newInsertIds = new LongHashSet();
    private boolean committed;

    EventWriter(ProjectStore store, Connection connection, ImportSource source, int importId) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.source = source;
        this.importId = importId;
        this.dictionaries = ProjectDictionaries.load(connection);
    }

    public int importId() {
        return importId;
    }

    /** Rows left out at commit because the project had them already ({@link RepeatedRows#ONLY_NEW}). */
    public long repeatedSkipped() {
        return repeatedSkipped;
    }

    public StringDictionary users() {
        return dictionaries.users;
    }

    public StringDictionary eventNames() {
        return dictionaries.events;
    }

    public StringDictionary sessions() {
        return dictionaries.sessions;
    }

    /** The project-wide id of a property column, creating it when new. */
    public int propertyId(String name) {
        if (dictionaries.properties.size() >= MAX_PROPERTIES && dictionaries.properties.find(name) < 0) {
            throw new TooManyPropertiesException(name);
        }
        int id = dictionaries.properties.idOf(name);
        dictionaries.valuesOf(id, true);
        return id;
    }

    /** The values of a property; id 0 (the empty string) means missing. */
    public StringDictionary values(int propertyId) {
        return dictionaries.valuesOf(propertyId, true);
    }

    /** Adds one event; {@code session} is -1 when there is none; properties not listed are missing. */
    public void add(int user, int event, long timeMicros, int session, int[] propertyIds, int[] valueIds,
                    int propertyCount) {
        if (current == null || current.size == CHUNK_ROWS) {
            current = new EventColumns(CHUNK_ROWS, dictionaries.properties.size());
            blocks.add(current);
        }
        int row = current.size++;
        current.users[row] = user;
        current.events[row] = event;
        current.times[row] = timeMicros;
        current.sessions[row] = session;
        for (int i = 0; i < propertyCount; i++) {
            if (valueIds[i] != 0) {
                current.ensureProperties(propertyIds[i] + 1);
                current.properties[propertyIds[i]][row] = valueIds[i];
            }
        }
        rows++;
    }

    /**
     * Records an insert id (as a 64-bit hash); false when this project or this import already has it, in
     * which case the caller skips the row.
     */
    public boolean firstInsertId(long hash) throws SQLException {
        if (insertIds == null) {
            insertIds = loadInsertIds();
        }
        if (!insertIds.add(hash)) {
            return false;
        }
        newInsertIds.add(hash);
        return true;
    }

    private LongHashSet loadInsertIds() throws SQLException {
        LongHashSet known = new LongHashSet();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT data FROM insert_id_chunks")) {
            while (rs.next()) {
                java.nio.LongBuffer hashes = java.nio.ByteBuffer.wrap(rs.getBytes(1)).asLongBuffer();
                while (hashes.hasRemaining()) {
                    known.add(hashes.get());
                }
            }
        }
        return known;
    }

    public long rows() {
        return rows;
    }

    /** Merges, sorts and stores the events, saves dictionaries and the import record, and commits. */
    public ImportResult commit(long rowsRead, long rowsRejected, String rejectsFile, String contentHash,
                               RepeatedRows repeats, Progress progress) throws SQLException {
        progress.report(0, -1, "Sorting events by user and time");
        int propertyCount = dictionaries.properties.size();
        EventColumns all = mergeWithStored(propertyCount);
        int storedRows = all.size - (int) rows;
        int[] order = SortOrder.byUserThenTime(all, dictionaries.users.size());
        BitSet repeated = storedRows == 0 || repeats == RepeatedRows.APPEND ? new BitSet()
                : Overlaps.repeatedNewRows(all, order, storedRows, propertyCount);
        if (!repeated.isEmpty()) {
            if (repeats == RepeatedRows.REFUSE) {
                throw new RepeatedRowsException(repeated.cardinality(), rows);
            }
            order = Overlaps.without(order, repeated);
            repeatedSkipped = repeated.cardinality();
            rows -= repeatedSkipped;
        }
        progress.checkCancelled();
        progress.report(0, -1, "Saving events");
        int generation = EventGenerations.current(connection) + 1;
        writeGeneration(generation, all, order, propertyCount, progress);
        progress.checkCancelled();
        dictionaries.save(connection);
        saveInsertIds();
        ImportResult result = summarise(all, storedRows, repeated);
        ImportRecord record = new ImportRecord(importId, source.fileName(), source.filePath(), contentHash,
                source.fileSize(), Instant.now(), rowsRead, rows, rowsRejected, rejectsFile, result.firstTime(),
                result.lastTime(), source.mapping());
        ImportRepository.update(connection, record);
        EventGenerations.switchTo(connection, generation);
        connection.commit();
        // The storage writes in the background: only a synced checkpoint tells whether the disk took it all.
        try (java.sql.Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
        committed = true;
        dictionaries.markSaved();
        EventGenerations.deleteUnused(store);
        return result.withRecord(record);
    }

    private EventColumns mergeWithStored(int propertyCount) throws SQLException {
        EventColumns all = EventGenerations.read(connection, propertyCount, rows, Progress.NONE);
        int at = all.size - (int) rows;
        for (EventColumns block : blocks) {
            System.arraycopy(block.users, 0, all.users, at, block.size);
            System.arraycopy(block.events, 0, all.events, at, block.size);
            System.arraycopy(block.times, 0, all.times, at, block.size);
            System.arraycopy(block.sessions, 0, all.sessions, at, block.size);
            for (int p = 0; p < block.properties.length; p++) {
                System.arraycopy(block.properties[p], 0, all.properties[p], at, block.size);
            }
            at += block.size;
        }
        blocks.clear();
        return all;
    }

    /**
     * Writes the sorted events as a new generation on a connection of its own, committing as it goes: the
     * import's transaction then only switches generations, so the bulk of the data is written once.
     */
    private void writeGeneration(int generation, EventColumns all, int[] order, int propertyCount,
                                 Progress progress) throws SQLException {
        int size = order.length;
        int chunks = (size + CHUNK_ROWS - 1) / CHUNK_ROWS;
        try (Connection bulk = store.connect(); PreparedStatement ps = bulk.prepareStatement(
                "INSERT INTO event_chunks (generation, chunk_no, row_count, data) VALUES (?, ?, ?, ?)")) {
            for (int batch = 0; batch < chunks; batch += WRITE_BATCH) {
                int first = batch;
                List<byte[]> encoded = IntStream.range(first, Math.min(chunks, first + WRITE_BATCH)).parallel()
                        .mapToObj(i -> ChunkCodec.encode(all, order, i * CHUNK_ROWS,
                                Math.min(size, (i + 1) * CHUNK_ROWS), propertyCount))
                        .toList();
                for (int i = 0; i < encoded.size(); i++) {
                    int chunk = first + i;
                    ps.setInt(1, generation);
                    ps.setInt(2, chunk);
                    ps.setInt(3, Math.min(size, (chunk + 1) * CHUNK_ROWS) - chunk * CHUNK_ROWS);
                    ps.setBytes(4, encoded.get(i));
                    ps.executeUpdate();
                }
                progress.checkCancelled();
                progress.report(Math.min(chunks, batch + WRITE_BATCH), chunks, "Saving events");
            }
        } catch (SQLException | RuntimeException e) {
            EventGenerations.deleteUnused(store);
            throw e;
        }
    }

    private void saveInsertIds() throws SQLException {
        long[] hashes = newInsertIds.toArray();
        if (hashes.length == 0) {
            return;
        }
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(hashes.length * 8);
        data.asLongBuffer().put(hashes);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO insert_id_chunks (import_id, chunk_no, data) VALUES (?, 0, ?)")) {
            ps.setInt(1, importId);
            ps.setBytes(2, data.array());
            ps.executeUpdate();
        }
    }

    /** Users, events by name and time range of this import's rows (the last {@code rows} of the merge). */
    private ImportResult summarise(EventColumns all, int storedRows, BitSet repeated) {
        BitSet users = new BitSet();
        long[] counts = new long[dictionaries.events.size()];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = storedRows; i < all.size; i++) {
            if (repeated.get(i)) {
                continue;
            }
            users.set(all.users[i]);
            counts[all.events[i]]++;
            first = Math.min(first, all.times[i]);
            last = Math.max(last, all.times[i]);
        }
        Map<String, Long> byName = new TreeMap<>();
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] > 0) {
                byName.put(dictionaries.events.get(e), counts[e]);
            }
        }
        return new ImportResult(null, users, byName, rows == 0 ? null : first, rows == 0 ? null : last);
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
