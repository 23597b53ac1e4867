package io.funnelworkbench.store;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Merges sorted sources (the stored events, the import's runs) into a new generation of chunks, in bounded
 * memory: one chunk per source and a few being written. Ties of user and time keep the sources' order, stored
 * events first, so the result is sorted by user, then time, then import order. Within each run of equal user
 * and time, new rows identical to stored ones are the repeats of {@link RepeatedRows}, matched one for one.
 */
final class EventMerge {
    /** Chunks encoded and inserted ahead of the merge, on a thread of their own. */
    private static final int WRITES_IN_FLIGHT = 3;

    private final List<SortedEvents> sources;
    private final int propertyCount;
    private final RepeatedRows repeats;
    private final int[] position;
    private final PriorityQueue<Integer> heads;
    private EventColumns out;
    private BitSet outFresh = new BitSet();
    private int groupStart;
    private long repeated;
    private long freshRows;
    private final BitSet freshUsers = new BitSet();
    private final long[] freshByEvent;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    EventMerge(List<SortedEvents> sources, int propertyCount, int eventCount, RepeatedRows repeats) {
        this.sources = sources;
        this.propertyCount = propertyCount;
        this.repeats = repeats;
        this.position = new int[sources.size()];
        this.freshByEvent = new long[eventCount];
        this.heads = new PriorityQueue<>(Math.max(1, sources.size()), this::compareHeads);
        this.out = new EventColumns(EventWriter.CHUNK_ROWS, propertyCount);
    }

    /** What the merge did with the import's rows. */
    record Result(long chunks, long rows, long freshRows, long repeated, BitSet freshUsers, long[] freshByEvent,
                  Long firstFresh, Long lastFresh) {
    }

    private int compareHeads(int a, int b) {
        EventColumns ca = sources.get(a).columns();
        EventColumns cb = sources.get(b).columns();
        int byUser = Integer.compare(ca.users[position[a]], cb.users[position[b]]);
        if (byUser != 0) {
            return byUser;
        }
        int byTime = Long.compare(ca.times[position[a]], cb.times[position[b]]);
        return byTime != 0 ? byTime : Integer.compare(a, b);
    }

    /**
     * Writes the merged events as {@code generation} through {@code store}'s bulk connection, reporting the
     * rows written of about {@code expectedRows}.
     */
    Result write(ProjectStore store, int generation, long expectedRows, Progress progress)
            throws SQLException, IOException {
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "import-writer");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
        long chunks = 0;
        long rows = 0;
        try (Connection bulk = store.connect(); PreparedStatement insert = bulk.prepareStatement(
                "INSERT INTO event_chunks (generation, chunk_no, row_count, data) VALUES (?, ?, ?, ?)")) {
            for (int s = 0; s < sources.size(); s++) {
                if (sources.get(s).nextChunk()) {
                    heads.add(s);
                }
            }
            while (!heads.isEmpty()) {
                int s = heads.poll();
                EventColumns from = sources.get(s).columns();
                int row = position[s];
                if (out.size > groupStart && !sameInstant(out, out.size - 1, from, row)) {
                    endGroup();
                    if (out.size >= EventWriter.CHUNK_ROWS) {
                        EventColumns full = out;
                        long chunkNo = chunks++;
                        rows += full.size;
                        inFlight.add(writer.submit(() -> insert(insert, generation, chunkNo, full)));
                        if (inFlight.size() > WRITES_IN_FLIGHT) {
                            finish(inFlight.poll());
                            progress.checkCancelled();
                        }
                        progress.importing(ImportProgress.saving(rows, expectedRows));
                        out = new EventColumns(EventWriter.CHUNK_ROWS, propertyCount);
                        outFresh = new BitSet();
                        groupStart = 0;
                    }
                }
                if (sources.get(s).fresh()) {
                    outFresh.set(out.size);
                }
                out.append(from, row);
                if (++position[s] < from.size) {
                    heads.add(s);
                } else if (sources.get(s).nextChunk()) {
                    position[s] = 0;
                    heads.add(s);
                }
            }
            endGroup();
            if (out.size > 0) {
                EventColumns rest = out;
                long chunkNo = chunks++;
                rows += rest.size;
                inFlight.add(writer.submit(() -> insert(insert, generation, chunkNo, rest)));
            }
            while (!inFlight.isEmpty()) {
                finish(inFlight.poll());
            }
        } finally {
            // Never interrupted: H2 closes its file when a thread is interrupted in the middle of a write.
            writer.shutdown();
            awaitQuietly(writer);
        }
        return new Result(chunks, rows, freshRows, repeated, freshUsers, freshByEvent,
                freshRows == 0 ? null : first, freshRows == 0 ? null : last);
    }

    private static boolean sameInstant(EventColumns a, int rowA, EventColumns b, int rowB) {
        return a.users[rowA] == b.users[rowB] && a.times[rowA] == b.times[rowB];
    }

    /**
     * The rows since {@link #groupStart} share a user and a time: new rows identical to stored ones among them
     * are repeats, dropped unless they are appended; the others count for the import's summary.
     */
    private void endGroup() {
        int end = out.size;
        if (repeats != RepeatedRows.APPEND && end - groupStart > 1 && hasStored(groupStart, end)) {
            boolean[] used = new boolean[end - groupStart];
            BitSet drop = new BitSet();
            for (int row = groupStart; row < end; row++) {
                if (!outFresh.get(row)) {
                    continue;
                }
                for (int stored = groupStart; stored < end; stored++) {
                    if (!outFresh.get(stored) && !used[stored - groupStart] && same(row, stored)) {
                        used[stored - groupStart] = true;
                        drop.set(row);
                        break;
                    }
                }
            }
            repeated += drop.cardinality();
            if (repeats == RepeatedRows.ONLY_NEW && !drop.isEmpty()) {
                end = removeRows(groupStart, end, drop);
            }
        }
        for (int row = groupStart; row < end; row++) {
            if (outFresh.get(row)) {
                freshRows++;
                freshUsers.set(out.users[row]);
                freshByEvent[out.events[row]]++;
                first = Math.min(first, out.times[row]);
                last = Math.max(last, out.times[row]);
            }
        }
        groupStart = out.size;
    }

    private boolean hasStored(int from, int to) {
        int fresh = outFresh.get(from, to).cardinality();
        return fresh > 0 && fresh < to - from;
    }

    private boolean same(int a, int b) {
        if (out.events[a] != out.events[b] || out.sessions[a] != out.sessions[b]) {
            return false;
        }
        for (int p = 0; p < propertyCount; p++) {
            if (out.properties[p][a] != out.properties[p][b]) {
                return false;
            }
        }
        return true;
    }

    /** Removes the rows in {@code drop} from {@code from..to}; returns the new end (also the new size). */
    private int removeRows(int from, int to, BitSet drop) {
        int write = from;
        BitSet keptFresh = new BitSet();
        for (int read = from; read < to; read++) {
            if (drop.get(read)) {
                continue;
            }
            copyRow(read, write);
            if (outFresh.get(read)) {
                keptFresh.set(write);
            }
            write++;
        }
        outFresh.clear(from, to);
        outFresh.or(keptFresh);
        out.size = write;
        return write;
    }

    private void copyRow(int from, int to) {
        out.users[to] = out.users[from];
        out.events[to] = out.events[from];
        out.times[to] = out.times[from];
        out.sessions[to] = out.sessions[from];
        for (int p = 0; p < propertyCount; p++) {
            out.properties[p][to] = out.properties[p][from];
        }
    }

    private Void insert(PreparedStatement insert, int generation, long chunkNo, EventColumns chunk)
            throws SQLException {
        byte[] data = ChunkCodec.encode(chunk, null, 0, chunk.size, propertyCount);
        insert.setInt(1, generation);
        insert.setInt(2, Math.toIntExact(chunkNo));
        insert.setInt(3, chunk.size);
        insert.setBytes(4, data);
        insert.executeUpdate();
        return null;
    }

    private static void awaitQuietly(ExecutorService writer) {
        try {
            writer.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void finish(Future<?> write) throws SQLException {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while saving events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
