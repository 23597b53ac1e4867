package io.funnelworkbench.importer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records of an export, one at a time, with field values as UTF-8 byte slices so the importer can encode
 * them without building Strings. Fields are in {@link #headers()} order.
 */
interface RecordSource extends Closeable {
    List<String> headers();

    /** Moves to the next record; false at the end of the file. */
    boolean next() throws IOException;

    /** The physical line (1-based) where the current record starts. */
    long line();

    int fieldCount();

    byte[] bytes();

    int start(int field);

    int end(int field);

    default String text(int field) {
        return new String(bytes(), start(field), end(field) - start(field), StandardCharsets.UTF_8);
    }

    /** Why the current record cannot be read at all (e.g. invalid JSON), or null. */
    default String problem() {
        return null;
    }

    /** Name/value pairs of the current record beyond the headers (JSON lines with keys seen late). */
    default List<String[]> extraFields() {
        return List.of();
    }

    /** Whether the current record is an event, or a call that only links identities or is no event at all. */
    default RecordKind kind() {
        return RecordKind.EVENT;
    }

    /** The current record as the file wrote it (a JSON line), or null when only its fields are kept (CSV). */
    default String rawText() {
        return null;
    }

    /** Bytes of the file consumed so far, for progress. */
    long bytesRead();
}
