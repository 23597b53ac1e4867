package io.funnelworkbench.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A fast CSV reader over UTF-8 bytes: RFC 4180 quoting (doubled quotes, delimiters and newlines inside
 * quotes), CRLF or LF, lenient about stray quotes. Each record is first located whole in the buffer (a quote-
 * aware scan for its end), then split into fields, unescaping quoted fields in place.
 */
final class CsvRecordSource implements RecordSource {
    private static final byte QUOTE = '"';
    /**
     * A quoted value may hold newlines, but one still open after this many lines or bytes is a stray quote:
     * its row is read to the end of its first line (and rejected), and reading goes on at the next line, instead
     * of taking the rest of the file as one value.
     */
    static final int MAX_QUOTED_LINES = 1_000;
    static final int MAX_QUOTED_BYTES = 8 << 20;
    /** No row of an event export is this long; the buffer never grows past it (doubling would overflow). */
    static final int MAX_RECORD_BYTES = 256 << 20;

    private final InputStream in;
    private final byte delimiter;
    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean endOfInput;
    private long bytesRead;
    private long nextLine = 1;
    private long line;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int fields;
    private String problem;
    private boolean runawayQuote;
    private List<String> headers;

    private final int maxRecordBytes;

    CsvRecordSource(InputStream in, char delimiter) {
        this(in, delimiter, MAX_RECORD_BYTES);
    }

    CsvRecordSource(InputStream in, char delimiter, int maxRecordBytes) {
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads the first record as the header row, or names columns column_1.. when it looks like data. */
    void readHeader(boolean firstRowIsHeader, int columnCount) throws IOException {
        if (firstRowIsHeader) {
            if (!next()) {
                headers = List.of();
                return;
            }
            headers = uniqueNames(this);
        } else {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columnCount; i++) {
                names.add("column_" + i);
            }
            headers = names;
        }
    }

    /** Names the columns of a file without a header row by a format's known field order. */
    void nameColumns(List<String> names) {
        headers = List.copyOf(names);
    }

    private static List<String> uniqueNames(CsvRecordSource header) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < header.fieldCount(); i++) {
            String name = header.text(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int n = 2; taken.contains(unique); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
            taken.add(unique);
        }
        return names;
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            int end = findRecordEnd();
            if (end < 0) {
                return false;
            }
            line = nextLine;
            int recordEnd = end;
            int consumedTo = end;
            if (recordEnd < limit && buffer[recordEnd] == '\n') {
                consumedTo = recordEnd + 1;
                if (recordEnd > position && buffer[recordEnd - 1] == '\r') {
                    recordEnd--;
                }
            } else if (recordEnd < limit && buffer[recordEnd] == '\r') {
                consumedTo = recordEnd + 1;
            }
            boolean blank = recordEnd == position;
            split(position, recordEnd);
            if (runawayQuote) {
                problem = "a quote opened in this row is not closed within " + MAX_QUOTED_LINES + " lines; the row"
                        + " was read to the end of its line, and reading went on at the next";
                runawayQuote = false;
            }
            countLines(position, consumedTo);
            position = consumedTo;
            if (!blank) {
                return true;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b == '\n' || (b == '\r' && (i + 1 >= limit || buffer[i + 1] != '\n'))) {
                nextLine++;
            }
        }
    }

    /**
     * The index of the newline that ends the record starting at {@code position} (or {@code limit} at the end
     * of input); -1 when there is no record left. Refills and grows the buffer as needed.
     */
    private int findRecordEnd() throws IOException {
        int scanned = position;
        boolean quoted = false;
        boolean justClosed = false;
        boolean fieldStart = true;
        int quotedLines = 0;
        while (true) {
            int i = scanned;
            for (; i < limit; i++) {
                byte b = buffer[i];
                if (quoted) {
                    if (b == QUOTE) {
                        quoted = false;
                        justClosed = true;
                    } else if (b == '\n' && ++quotedLines > MAX_QUOTED_LINES || i - position > MAX_QUOTED_BYTES) {
                        runawayQuote = true;
                        return endOfFirstLine();
                    }
                    continue;
                }
                if (b == QUOTE && (fieldStart || justClosed)) {
                    quoted = true; // opening quote, or the second half of an escaped ""
                } else if (b == '\n' || b == '\r') {
                    if (b == '\r' && i + 1 == limit && !endOfInput) {
                        break; // cannot tell CRLF from a lone CR until the next byte is read
                    }
                    return i;
                }
                fieldStart = b == delimiter;
                justClosed = false;
            }
            int scannedSoFar = i - position;
            if (endOfInput) {
                return position < limit ? limit : -1;
            }
            fill();
            scanned = position + scannedSoFar;
        }
    }

    /** The end of the physical line the record starts on, reading further when the line itself is long. */
    private int endOfFirstLine() throws IOException {
        int i = position;
        while (true) {
            for (; i < limit; i++) {
                if (buffer[i] == '\n' || buffer[i] == '\r') {
                    return i;
                }
            }
            if (endOfInput) {
                return limit;
            }
            int offset = i - position;
            fill();
            i = position + offset;
        }
    }

    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            if (buffer.length >= maxRecordBytes) {
                throw new IOException(String.format(Locale.ROOT, "the row starting on line %,d is longer"
                        + " than %,d MB, so the file is not one event per row", nextLine, maxRecordBytes >> 20));
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            endOfInput = true;
        } else {
            limit += n;
            bytesRead += n;
        }
    }

    private void split(int from, int to) {
        fields = 0;
        problem = null;
        int i = from;
        while (true) {
            if (i < to && buffer[i] == QUOTE) {
                i = quotedField(i, to);
            } else {
                int start = i;
                while (i < to && buffer[i] != delimiter) {
                    i++;
                }
                addField(start, i);
            }
            if (i >= to) {
                return;
            }
            i++; // the delimiter
            if (i == to) {
                addField(to, to);
                return;
            }
        }
    }

    /** Unescapes a quoted field in place; returns the index just after it (at a delimiter or the end). */
    private int quotedField(int openingQuote, int to) {
        int read = openingQuote + 1;
        int write = openingQuote;
        boolean closed = false;
        while (read < to) {
            byte b = buffer[read];
            if (b == QUOTE) {
                if (read + 1 < to && buffer[read + 1] == QUOTE) {
                    buffer[write++] = QUOTE;
                    read += 2;
                    continue;
                }
                closed = true;
                read++;
                break;
            }
            buffer[write++] = b;
            read++;
        }
        // Text between the closing quote and the delimiter is kept, as spreadsheets do.
        while (read < to && buffer[read] != delimiter) {
            buffer[write++] = buffer[read++];
        }
        if (!closed) {
            problem = "a quoted value is not closed (a missing \" before the end of the file)";
        }
        addField(openingQuote, write);
        return read;
    }

    private void addField(int start, int end) {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = start;
        ends[fields] = end;
        fields++;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public int fieldCount() {
        return fields;
    }

    @Override
    public byte[] bytes() {
        return buffer;
    }

    @Override
    public int start(int field) {
        return starts[field];
    }

    @Override
    public int end(int field) {
        return ends[field];
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
