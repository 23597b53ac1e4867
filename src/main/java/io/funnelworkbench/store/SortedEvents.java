package io.funnelworkbench.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;

/**
 * Events sorted by user, then time, then import order, read a chunk at a time into {@link #columns()}: the
 * project's stored events, a run of the import spilled to a file, or the import's last rows still in memory.
 * An import merges them into the project's next generation (see {@link EventMerge}).
 */
abstract class SortedEvents implements AutoCloseable {
    protected final EventColumns columns;
    private final boolean fresh;

    SortedEvents(int propertyCount, boolean fresh) {
        this.columns = new EventColumns(EventWriter.CHUNK_ROWS, propertyCount);
        this.fresh = fresh;
    }

    /** Loads the next chunk into {@link #columns()}, rows 0 to its size; false when there is none. */
    abstract boolean nextChunk() throws IOException, SQLException;

    EventColumns columns() {
        return columns;
    }

    /** True for rows of the import under way, false for events the project had. */
    boolean fresh() {
        return fresh;
    }

    @Override
    public void close() throws IOException, SQLException {
    }

    /**
     * The current generation of the project's events, read from the database a few chunks at a time (one query
     * for all of them would hold every chunk in its result at once).
     */
    static final class Stored extends SortedEvents {
        private static final int PAGE = 8;
        private final PreparedStatement page;
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        private int nextChunkNo;
        private boolean exhausted;

        Stored(Connection c, int generation, int propertyCount) throws SQLException {
            super(propertyCount, false);
            // A range of chunk numbers (they have no gaps): with a LIMIT alone H2 reads every later chunk.
            page = c.prepareStatement("SELECT chunk_no, data FROM event_chunks WHERE generation = ? AND chunk_no >= ?"
                    + " AND chunk_no < ? ORDER BY chunk_no");
            page.setInt(1, generation);
        }

        @Override
        boolean nextChunk() throws SQLException {
            if (pending.isEmpty() && !exhausted) {
                page.setInt(2, nextChunkNo);
                page.setInt(3, nextChunkNo + PAGE);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        nextChunkNo = rs.getInt(1) + 1;
                        pending.add(rs.getBytes(2));
                    }
                }
                exhausted = pending.size() < PAGE;
            }
            byte[] chunk = pending.poll();
            if (chunk == null) {
                return false;
            }
            ChunkCodec.decodeReusing(chunk, columns);
            return true;
        }

        @Override
        public void close() throws SQLException {
            page.close();
        }
    }

    /** A sorted run of the import written to a file: chunks as a length and the chunk's bytes. */
    static final class Run extends SortedEvents {
        private final DataInputStream in;

        Run(Path file, int propertyCount) throws IOException {
            super(propertyCount, true);
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        @Override
        boolean nextChunk() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return false;
            }
            ChunkCodec.decodeReusing(in.readNBytes(length), columns);
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The import's last rows, sorted in memory by {@code order}. */
    static final class InMemory extends SortedEvents {
        private final EventColumns rows;
        private final int[] order;
        private int next;

        InMemory(EventColumns rows, int[] order, int propertyCount) {
            super(propertyCount, true);
            this.rows = rows;
            this.order = order;
        }

        @Override
        boolean nextChunk() {
            if (next == order.length) {
                return false;
            }
            columns.size = 0;
            int end = Math.min(order.length, next + EventWriter.CHUNK_ROWS);
            for (; next < end; next++) {
                columns.append(rows, order[next]);
            }
            return true;
        }
    }
}
