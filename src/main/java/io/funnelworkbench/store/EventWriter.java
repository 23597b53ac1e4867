package io.funnelworkbench.store;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Writes the events of one import in a single transaction. Rows are collected in memory as columns; every
 * {@link #runRows()} rows are sorted by user then time and spilled to a run file beside the project, so an
 * import of any size needs bounded memory. On {@link #commit} the runs, the rows still in memory and the
 * project's events are merged ({@link EventMerge}) into a new generation with the new dictionary entries.
 * Nothing is visible before commit; {@link #close} without commit rolls back and removes the runs.
 */
public final class EventWriter implements AutoCloseable {
    static final int CHUNK_ROWS = 65_536;
    /**
     * Properties a project may have: each is a column with a value for every event (4 bytes each in memory),
     * so an export with thousands of distinct keys is refused early instead of exhausting memory late.
     */
    public static final int MAX_PROPERTIES = 500;
    private static final int WRITE_BATCH = 8;
    /** Rows kept in memory before a sorted run is spilled (about 120 MB); the system property tunes it. */
    static final int DEFAULT_RUN_ROWS = 64 * CHUNK_ROWS;
    /** Insert ids (8-byte hashes) stored a row: 4 MB rows, however many the import has. */
    private static final int INSERT_IDS_PER_ROW = 1 << 19;

    private final ProjectStore store;
    private final Connection connection;
    private final ImportSource source;
    private final int importId;
    private final ProjectDictionaries dictionaries;
    private final List<EventColumns> blocks = new ArrayList<>();
    private final int runRows = Integer.getInteger("funnelworkbench.importRunRows", DEFAULT_RUN_ROWS);
    private final List<Path> runs = new ArrayList<>();
    private EventColumns current;
    private long blockRows;
    private long rows;
    private long repeatedSkipped;
    private LongHashSet insertIds;
    private final LongHashSet newInsertIds = new LongHashSet();
    private boolean committed;
    private final int propertiesAtStart;

    EventWriter(ProjectStore store, Connection connection, ImportSource source, int importId) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.source = source;
        this.importId = importId;
        this.dictionaries = ProjectDictionaries.load(connection);
        this.propertiesAtStart = dictionaries.properties.size();
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
        if (++blockRows >= runRows) {
            spill();
        }
    }

    int runRows() {
        return runRows;
    }

    /** The rows collected so far as one block of columns, with every property the import has now. */
    private EventColumns collected() {
        int propertyCount = dictionaries.properties.size();
        EventColumns all = new EventColumns((int) blockRows, propertyCount);
        for (EventColumns block : blocks) {
            for (int row = 0; row < block.size; row++) {
                all.append(block, row);
            }
        }
        blocks.clear();
        current = null;
        blockRows = 0;
        return all;
    }

    /** Sorts the rows in memory and writes them as a run file of chunks (a length, then the chunk's bytes). */
    private void spill() {
        Path file = ProjectPaths.importRunsFolder(store.databaseFile(), importId).resolve("run-" + runs.size());
        writeRun(collected(), file);
        runs.add(file);
    }

    /**
     * Gives the rows of some users of this import to others (identity stitching): a row of user {@code u} belongs
     * to {@code canonical[u]} from now on (users beyond the array keep their rows). Runs already spilled are read
     * back, reassigned and sorted again, one at a time. Call before {@link #commit}.
     */
    public void reassignUsers(int[] canonical) {
        for (EventColumns block : blocks) {
            reassign(block, canonical);
        }
        int propertyCount = dictionaries.properties.size();
        for (Path run : runs) {
            EventColumns rows = new EventColumns(CHUNK_ROWS, propertyCount);
            try (SortedEvents.Run in = new SortedEvents.Run(run, propertyCount)) {
                while (in.nextChunk()) {
                    for (int row = 0; row < in.columns.size; row++) {
                        rows.append(in.columns, row);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read back a sorted run of the import from " + run, e);
            }
            reassign(rows, canonical);
            writeRun(rows, run);
        }
    }

    private static void reassign(EventColumns rows, int[] canonical) {
        for (int row = 0; row < rows.size; row++) {
            int user = rows.users[row];
            if (user < canonical.length) {
                rows.users[row] = canonical[user];
            }
        }
    }

    private void writeRun(EventColumns run, Path file) {
        int[] order = SortOrder.byUserThenTime(run, dictionaries.users.size());
        int propertyCount = dictionaries.properties.size();
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    1 << 16))) {
                int chunks = (run.size + CHUNK_ROWS - 1) / CHUNK_ROWS;
                for (int batch = 0; batch < chunks; batch += WRITE_BATCH) {
                    int first = batch;
                    List<byte[]> encoded = IntStream.range(first, Math.min(chunks, first + WRITE_BATCH)).parallel()
                            .mapToObj(i -> ChunkCodec.encode(run, order, i * CHUNK_ROWS,
                                    Math.min(run.size, (i + 1) * CHUNK_ROWS), propertyCount))
                            .toList();
                    for (byte[] chunk : encoded) {
                        out.writeInt(chunk.length);
                        out.write(chunk);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a sorted run of the import to " + file.getParent(), e);
        }
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
                LongBuffer hashes = ByteBuffer.wrap(rs.getBytes(1)).asLongBuffer();
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

    /** Properties this import added to the project. */
    public int newProperties() {
        return dictionaries.properties.size() - propertiesAtStart;
    }

    /** Merges, sorts and stores the events, saves dictionaries and the import record, and commits. */
    public ImportResult commit(long rowsRead, long rowsRejected, String rejectsFile, String contentHash,
                               RepeatedRows repeats, Progress progress) throws SQLException {
        progress.importing(ImportProgress.of(ImportProgress.Phase.SORTING));
        int propertyCount = dictionaries.properties.size();
        EventColumns memory = collected();
        int[] order = SortOrder.byUserThenTime(memory, dictionaries.users.size());
        progress.checkCancelled();
        progress.importing(ImportProgress.of(ImportProgress.Phase.SAVING));
        int stored = EventGenerations.current(connection);
        int generation = stored + 1;
        EventMerge.Result merged;
        List<SortedEvents> sources = new ArrayList<>();
        try {
            // Stored events first, then the runs and the last rows in file order: ties keep import order.
            sources.add(new SortedEvents.Stored(connection, stored, propertyCount));
            for (Path run : runs) {
                sources.add(new SortedEvents.Run(run, propertyCount));
            }
            sources.add(new SortedEvents.InMemory(memory, order, propertyCount));
            merged = new EventMerge(sources, propertyCount, dictionaries.events.size(), repeats)
                    .write(store, generation, EventGenerations.storedRows(connection, stored) + rows, progress);
        } catch (IOException e) {
            EventGenerations.deleteUnused(store);
            throw new UncheckedIOException("Reading back a sorted run of the import failed", e);
        } catch (SQLException | RuntimeException e) {
            EventGenerations.deleteUnused(store);
            throw e;
        } finally {
            closeAll(sources);
        }
        if (repeats == RepeatedRows.REFUSE && merged.repeated() > 0) {
            EventGenerations.deleteUnused(store);
            throw new RepeatedRowsException(merged.repeated(), rows);
        }
        repeatedSkipped = repeats == RepeatedRows.ONLY_NEW ? merged.repeated() : 0;
        rows = merged.freshRows();
        progress.checkCancelled();
        dictionaries.save(connection);
        saveInsertIds();
        ImportResult result = summarise(merged);
        ImportRecord record = new ImportRecord(importId, source.fileName(), source.filePath(), contentHash,
                source.fileSize(), Instant.now(), rowsRead, rows, rowsRejected, rejectsFile, result.firstTime(),
                result.lastTime(), source.mapping());
        ImportRepository.update(connection, record);
        EventGenerations.switchTo(connection, generation);
        connection.commit();
        // The storage writes in the background: only a synced checkpoint tells whether the disk took it all.
        try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
        committed = true;
        dictionaries.markSaved();
        EventGenerations.deleteUnused(store);
        return result.withRecord(record);
    }

    private static void closeAll(List<SortedEvents> sources) {
        for (SortedEvents source : sources) {
            try {
                source.close();
            } catch (IOException | SQLException ignored) {
                // Reading is over; a failure to close a run or a cursor changes nothing stored.
            }
        }
    }

    private void saveInsertIds() throws SQLException {
        long[] hashes = newInsertIds.toArray();
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO insert_id_chunks (import_id, chunk_no, data) VALUES (?, ?, ?)")) {
            for (int from = 0, chunk = 0; from < hashes.length; from += INSERT_IDS_PER_ROW, chunk++) {
                int to = Math.min(hashes.length, from + INSERT_IDS_PER_ROW);
                ByteBuffer data = ByteBuffer.allocate((to - from) * 8);
                data.asLongBuffer().put(hashes, from, to - from);
                ps.setInt(1, importId);
                ps.setInt(2, chunk);
                ps.setBytes(3, data.array());
                ps.executeUpdate();
            }
        }
    }

    /** Users, events by name and time range of the rows this import stored. */
    private ImportResult summarise(EventMerge.Result merged) {
        Map<String, Long> byName = new TreeMap<>();
        long[] counts = merged.freshByEvent();
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] > 0) {
                byName.put(dictionaries.events.get(e), counts[e]);
            }
        }
        return new ImportResult(null, merged.freshUsers(), byName, merged.firstFresh(), merged.lastFresh());
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        } finally {
            ProjectPaths.deleteImportRuns(store.databaseFile(), importId);
            connection.close();
        }
    }
}
