package io.funnelworkbench.store;

import io.funnelworkbench.model.PlainMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Import history, and the entry point for writing a new import's events. */
public final class ImportRepository {
    private static final String COLUMNS = "id, file_name, file_path, content_hash, file_size, imported_at, rows_read,"
            + " rows_imported, rows_rejected, rejects_file, first_time_us, last_time_us, mapping";

    private final ProjectStore store;

    ImportRepository(ProjectStore store) {
        this.store = store;
    }

    /**
     * Starts an import in its own transaction. The caller appends events and commits, or closes the
     * writer without committing to leave the project untouched.
     */
    public EventWriter begin(ImportSource source) {
        Connection c = null;
        try {
            c = store.connect();
            c.setAutoCommit(false);
            int id = nextId(c);
            ImportRecord placeholder = new ImportRecord(id, source.fileName(), source.filePath(),
                    source.contentHash(), source.fileSize(), Instant.now(), 0, 0, 0, null, null, null,
                    source.mapping());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO imports (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, placeholder);
                ps.executeUpdate();
            }
            return new EventWriter(store, c, source, id);
        } catch (SQLException e) {
            closeAfterFailure(c);
            throw new ProjectException(ProjectException.Reason.STORAGE,
                    "Cannot start an import into " + store.name() + ": " + PlainMessages.of(e) + ".", e);
        }
    }

    private static void closeAfterFailure(Connection c) {
        if (c != null) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException ignored) {
                // The failure that brought us here is reported instead.
            }
        }
    }

    private static int nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM imports");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public List<ImportRecord> list() {
        return store.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM imports ORDER BY id")) {
                return read(ps);
            }
        });
    }

    /** Earlier imports of a file of this size: only these can have the same content. */
    public List<ImportRecord> findBySize(long fileSize) {
        return store.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM imports WHERE file_size = ? AND rows_read > 0 ORDER BY id")) {
                ps.setLong(1, fileSize);
                return read(ps);
            }
        });
    }

    /** Earlier imports of a file with the same content, to refuse an accidental second import. */
    public List<ImportRecord> findByHash(String contentHash) {
        return store.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM imports WHERE content_hash = ? ORDER BY id")) {
                ps.setString(1, contentHash);
                return read(ps);
            }
        });
    }

    private static List<ImportRecord> read(PreparedStatement ps) throws SQLException {
        List<ImportRecord> records = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                records.add(new ImportRecord(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getLong(7),
                        rs.getLong(8), rs.getLong(9), rs.getString(10), (Long) rs.getObject(11, Long.class),
                        (Long) rs.getObject(12, Long.class), rs.getString(13)));
            }
        }
        return records;
    }

    static void bind(PreparedStatement ps, ImportRecord r) throws SQLException {
        ps.setInt(1, r.id());
        ps.setString(2, r.fileName());
        ps.setString(3, r.filePath());
        ps.setString(4, r.contentHash());
        ps.setLong(5, r.fileSize());
        ps.setObject(6, r.importedAt().atOffset(ZoneOffset.UTC));
        ps.setLong(7, r.rowsRead());
        ps.setLong(8, r.rowsImported());
        ps.setLong(9, r.rowsRejected());
        ps.setString(10, r.rejectsFile());
        setLong(ps, 11, r.firstTimeMicros());
        setLong(ps, 12, r.lastTimeMicros());
        ps.setString(13, r.mapping());
    }

    static void update(Connection c, ImportRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE imports SET imported_at = ?, rows_read = ?,"
                + " rows_imported = ?, rows_rejected = ?, rejects_file = ?, first_time_us = ?, last_time_us = ?,"
                + " content_hash = ? WHERE id = ?")) {
            ps.setObject(1, r.importedAt().atOffset(ZoneOffset.UTC));
            ps.setLong(2, r.rowsRead());
            ps.setLong(3, r.rowsImported());
            ps.setLong(4, r.rowsRejected());
            ps.setString(5, r.rejectsFile());
            setLong(ps, 6, r.firstTimeMicros());
            setLong(ps, 7, r.lastTimeMicros());
            ps.setString(8, r.contentHash());
            ps.setInt(9, r.id());
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
