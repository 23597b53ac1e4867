package io.funnelworkbench.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and splits records of another source on a thread of its own, in blocks, so that tokenising the file
 * and encoding its values use both cores. Each block copies its records' fields into one byte arena.
 */
final class PrefetchingSource implements RecordSource {
    private static final int BLOCK_RECORDS = 16_384;
    private static final Block END = new Block();

    private final RecordSource source;
    private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(4);
    /** Blocks the consumer is done with, reused so the import does not allocate a block per 16k records. */
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Block block;
    private int record = -1;

    PrefetchingSource(RecordSource source) {
        this.source = source;
        this.reader = new Thread(this::readBlocks, "import-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readBlocks() {
        try {
            Block next = emptyBlock();
            while (!closed && source.next()) {
                next.add(source);
                if (next.records == BLOCK_RECORDS) {
                    next.bytesRead = source.bytesRead();
                    queue.put(next);
                    next = emptyBlock();
                }
            }
            next.bytesRead = source.bytesRead();
            if (next.records > 0) {
                queue.put(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            // Any failure, running out of memory included, reaches the importing thread: never taken for the
            // end of the file, which would import part of it as if it were all.
            failure = e;
        } finally {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Block emptyBlock() {
        Block block = free.poll();
        if (block == null) {
            return new Block();
        }
        block.clear();
        return block;
    }

    /**
     * A reading thread's failure, thrown on the importing thread as it was (an I/O failure, running out of memory)
     * or wrapped: never taken for the end of the file. Nothing when {@code failure} is null.
     */
    static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new UncheckedIOException(new IOException(failure.getMessage(), failure));
        }
    }

    @Override
    public List<String> headers() {
        return source.headers();
    }

    @Override
    public boolean next() throws IOException {
        if (block != null && ++record < block.records) {
            return true;
        }
        if (block != null && block != END) {
            free.offer(block);
        }
        try {
            block = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading", e);
        }
        record = 0;
        if (block == END) {
            block = END;
            queue.offer(END); // later calls see the end too
            rethrow(failure);
            return false;
        }
        return true;
    }

    @Override
    public long line() {
        return block.lines[record];
    }

    @Override
    public int fieldCount() {
        return block.fieldCounts[record];
    }

    @Override
    public byte[] bytes() {
        return block.arena;
    }

    @Override
    public int start(int field) {
        return block.bounds[block.firstField[record] + field * 2];
    }

    @Override
    public int end(int field) {
        return block.bounds[block.firstField[record] + field * 2 + 1];
    }

    @Override
    public String problem() {
        return block.problems == null ? null : block.problems[record];
    }

    @Override
    public long bytesRead() {
        return block == null ? 0 : block.bytesRead;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        queue.clear();
        reader.interrupt();
        source.close();
    }

    /** Records copied out of the reader's buffer: field bounds index one shared arena. */
    private static final class Block {
        byte[] arena = new byte[1 << 20];
        int arenaSize;
        int[] bounds = new int[BLOCK_RECORDS * 16];
        int boundsSize;
        int[] firstField = new int[BLOCK_RECORDS];
        int[] fieldCounts = new int[BLOCK_RECORDS];
        long[] lines = new long[BLOCK_RECORDS];
        String[] problems;
        int records;
        long bytesRead;

        void clear() {
            arenaSize = 0;
            boundsSize = 0;
            records = 0;
            bytesRead = 0;
            if (problems != null) {
                Arrays.fill(problems, null);
            }
        }

        void add(RecordSource source) {
            int fields = source.fieldCount();
            if (boundsSize + fields * 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, Math.max(bounds.length * 2, boundsSize + fields * 2));
            }
            firstField[records] = boundsSize;
            fieldCounts[records] = fields;
            lines[records] = source.line();
            if (source.problem() != null) {
                if (problems == null) {
                    problems = new String[BLOCK_RECORDS];
                }
                problems[records] = source.problem();
            }
            byte[] from = source.bytes();
            for (int f = 0; f < fields; f++) {
                int start = source.start(f);
                int length = source.end(f) - start;
                if (arenaSize + length > arena.length) {
                    arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
                }
                System.arraycopy(from, start, arena, arenaSize, length);
                bounds[boundsSize++] = arenaSize;
                arenaSize += length;
                bounds[boundsSize++] = arenaSize;
            }
            records++;
        }
    }
}
