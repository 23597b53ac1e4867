package io.funnelworkbench.store;

import io.funnelworkbench.model.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The generations of {@code event_chunks}: which one is current, reading it, and clearing the others. */
final class EventGenerations {
    static final String CURRENT_KEY = "events_generation";

    private EventGenerations() {
    }

    static int current(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT info_value FROM project_info WHERE info_key = '" + CURRENT_KEY + "'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }

    static void switchTo(Connection c, int generation) throws SQLException {
        ProjectStore.putInfo(c, CURRENT_KEY, Integer.toString(generation));
    }

    /** Deletes chunks of every generation but the current one: old ones, and those of interrupted imports. */
    /** Returns how many chunks were deleted. */
    static int deleteUnused(ProjectStore store) {
        return store.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_chunks WHERE generation <> ?")) {
                ps.setInt(1, current(c));
                return ps.executeUpdate();
            }
        });
    }

    /** The events a generation holds. */
    static long storedRows(Connection c, int generation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(row_count), 0) FROM event_chunks WHERE generation = ?")) {
            ps.setInt(1, generation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Decodes the current generation into columns; the chunks are decoded in parallel. */
    static EventColumns read(Connection c, int propertyCount, Progress progress)
            throws SQLException {
        int generation = current(c);
        long stored = storedRows(c, generation);
        long total = stored;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("A project holds at most about 2 billion events");
        }
        EventColumns columns = new EventColumns((int) total, propertyCount);
        columns.size = (int) total;
        // Chunks are decoded in small parallel batches as they are read, straight into the final arrays, so the
        // encoded bytes of the whole project are never held at once (touching fresh memory is what costs most).
        // A page of chunks per query: one query for all would hold every chunk in its result at once. The page is
        // a range of chunk numbers (they run from 0 without gaps): with only a lower bound and a LIMIT, H2 read
        // every later chunk for each page, quadratic in the size of the project.
        List<byte[]> batch = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        int nextChunkNo = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk_no, row_count, data FROM event_chunks"
                + " WHERE generation = ? AND chunk_no >= ? AND chunk_no < ? ORDER BY chunk_no")) {
            ps.setInt(1, generation);
            while (true) {
                ps.setInt(2, nextChunkNo);
                ps.setInt(3, nextChunkNo + DECODE_BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        nextChunkNo = rs.getInt(1) + 1;
                        offsets.add(offset);
                        offset += rs.getInt(2);
                        batch.add(rs.getBytes(3));
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                boolean last = batch.size() < DECODE_BATCH;
                decode(batch, offsets, columns);
                progress.checkCancelled();
                progress.report(offset, stored, "Loading events");
                if (last) {
                    break;
                }
            }
        }
        return columns;
    }

    private static final int DECODE_BATCH = 16;

    private static void decode(List<byte[]> batch, List<Integer> offsets, EventColumns columns) {
        IntStream.range(0, batch.size()).parallel()
                .forEach(i -> ChunkCodec.decodeInto(batch.get(i), columns, offsets.get(i)));
        batch.clear();
        offsets.clear();
    }
}
