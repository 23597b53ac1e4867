package io.funnelworkbench.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The import's reader of JSON lines: a thread reads lines in batches, parser threads read the batches ahead, and
 * the importing thread takes the records in file order. Names of properties are decided in file order only
 * ({@link JsonFields}): a line read ahead that needed a new naming decision, or was read before a decision an
 * earlier line took, is read again in order. The records, and the names, are exactly those of reading the file on
 * one thread ({@link JsonLinesSource}); parsing, the costly part, uses every core.
 */
final class ParallelJsonSource implements RecordSource {
    private static final int BATCH_LINES = 512;
    private static final int BATCHES_AHEAD = 8;
    private static final Future<Batch> END = CompletableFuture.completedFuture(null);

    private final BufferedReader reader;
    private final List<String> headers;
    private final Map<String, Integer> columnOf;
    private final JsonFields fields;
    private final JsonLine inOrder;
    private final ExecutorService parsers;
    private final ThreadLocal<JsonLine> parserLine;
    private final BlockingQueue<Future<Batch>> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread lineReader;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile long charsRead;
    private Batch batch;
    private int index;
    private boolean readAgain;

    ParallelJsonSource(BufferedReader reader, List<String> headers, JsonFields fields) {
        this.reader = reader;
        this.headers = List.copyOf(headers);
        this.columnOf = JsonLinesSource.columnIndex(this.headers);
        this.fields = fields;
        this.inOrder = new JsonLine(this.headers, columnOf, fields);
        this.parserLine = ThreadLocal.withInitial(() -> new JsonLine(this.headers, columnOf, fields));
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.parsers = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(() -> {
                JsonFields.FROZEN.set(Boolean.TRUE);
                work.run();
            }, "import-json-parser");
            thread.setDaemon(true);
            return thread;
        });
        this.lineReader = new Thread(this::readLines, "import-reader");
        lineReader.setDaemon(true);
        lineReader.start();
    }

    /** The reading thread: lines in batches, each handed to a parser, the batches queued in file order. */
    private void readLines() {
        try {
            long lineNumber = 0;
            Batch next = new Batch();
            String text;
            while (!closed && (text = reader.readLine()) != null) {
                lineNumber++;
                charsRead += text.length() + 1;
                if (text.isBlank()) {
                    continue;
                }
                next.add(text, lineNumber);
                if (next.count == BATCH_LINES) {
                    queue(next);
                    next = new Batch();
                }
            }
            if (next.count > 0) {
                queue(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failure = e; // reaches the importing thread: never taken for the end of the file
        } finally {
            try {
                batches.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void queue(Batch lines) throws InterruptedException {
        batches.put(parsers.submit(() -> lines.parse(parserLine.get(), fields)));
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public boolean next() throws IOException {
        while (batch == null || ++index >= batch.count) {
            Future<Batch> future;
            try {
                future = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading", e);
            }
            if (future == END) {
                batches.offer(END); // later calls see the end too
                PrefetchingSource.rethrow(failure);
                batch = null;
                return false;
            }
            batch = await(future);
            index = -1;
        }
        // Read again in order when a decision was due or was taken since this line was read ahead.
        readAgain = batch.needsOrder[index] || batch.decisions[index] != fields.decisions();
        if (readAgain) {
            inOrder.parse(batch.texts[index]);
        }
        return true;
    }

    private static Batch await(Future<Batch> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    @Override
    public long line() {
        return batch.lines[index];
    }

    @Override
    public int fieldCount() {
        return problem() == null ? headers.size() : 0;
    }

    @Override
    public byte[] bytes() {
        return readAgain ? inOrder.bytes() : batch.arena;
    }

    @Override
    public int start(int field) {
        return readAgain ? inOrder.start(field) : batch.bounds[index][field * 2];
    }

    @Override
    public int end(int field) {
        return readAgain ? inOrder.end(field) : batch.bounds[index][field * 2 + 1];
    }

    @Override
    public String problem() {
        return readAgain ? inOrder.problem() : batch.problems[index];
    }

    @Override
    public RecordKind kind() {
        return readAgain ? inOrder.kind() : batch.kinds[index];
    }

    @Override
    public String rawText() {
        return batch.texts[index];
    }

    @Override
    public List<String[]> extraFields() {
        return readAgain ? inOrder.extras() : batch.extras[index];
    }

    @Override
    public long bytesRead() {
        return charsRead;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        batches.clear();
        lineReader.interrupt();
        parsers.shutdownNow();
        reader.close();
    }

    /** Lines of the file and, once parsed ahead, their fields copied into one arena. */
    private static final class Batch {
        final String[] texts = new String[BATCH_LINES];
        final long[] lines = new long[BATCH_LINES];
        int count;
        long[] decisions;
        boolean[] needsOrder;
        String[] problems;
        RecordKind[] kinds;
        int[][] bounds;
        List<String[]>[] extras;
        byte[] arena;

        void add(String text, long line) {
            texts[count] = text;
            lines[count++] = line;
        }

        @SuppressWarnings("unchecked")
        Batch parse(JsonLine line, JsonFields fields) {
            decisions = new long[count];
            needsOrder = new boolean[count];
            problems = new String[count];
            kinds = new RecordKind[count];
            bounds = new int[count][];
            extras = new List[count];
            byte[] bytes = new byte[1 << 16];
            int size = 0;
            for (int i = 0; i < count; i++) {
                decisions[i] = fields.decisions();
                try {
                    line.parse(texts[i]);
                } catch (JsonFields.NeedsOrder decisionDue) {
                    needsOrder[i] = true;
                    continue;
                }
                problems[i] = line.problem();
                kinds[i] = line.kind();
                extras[i] = line.extras().isEmpty() ? List.of() : new ArrayList<>(line.extras());
                int columns = line.problem() == null ? line.columnCount() : 0;
                int[] own = new int[columns * 2];
                for (int c = 0; c < columns; c++) {
                    int from = line.start(c);
                    int length = line.end(c) - from;
                    if (size + length > bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
                    }
                    System.arraycopy(line.bytes(), from, bytes, size, length);
                    own[c * 2] = size;
                    size += length;
                    own[c * 2 + 1] = size;
                }
                bounds[i] = own;
            }
            arena = bytes;
            return this;
        }
    }
}
