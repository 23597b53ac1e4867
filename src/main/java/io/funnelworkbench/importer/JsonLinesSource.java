package io.funnelworkbench.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelworkbench.model.PlainMessages;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one event object per line, its nested values named by {@link JsonFields}, Segment's calls told
 * apart by {@link SegmentCalls}. Columns are the fields seen in the first lines; fields that appear later
 * become extra fields.
 */
final class JsonLinesSource implements RecordSource {
    static final int DISCOVERY_LINES = 1000;
    /** Decimals kept exact, so 1704067200.123456 stays that text rather than a double's 1.704067200123456E9. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Made once: ObjectMapper.readTree(String) would resolve the tree type on every line. */
    static final com.fasterxml.jackson.databind.ObjectReader TREES = JSON.readerFor(JsonNode.class);

    private final BufferedReader reader;
    private final List<String> headers;
    private final Map<String, Integer> columnOf = new HashMap<>();
    private byte[] bytes = new byte[4096];
    private int[] starts;
    private int[] ends;
    private int length;
    private long nextLine = 1;
    private long line;
    private long bytesRead;
    private String problem;
    private final List<String[]> extras = new ArrayList<>();
    private final JsonFields fields;
    private String lineText;
    private RecordKind kind = RecordKind.EVENT;
    private final Row row;

    JsonLinesSource(BufferedReader reader, List<String> headers, JsonFields fields) {
        this.reader = reader;
        this.fields = fields;
        this.headers = List.copyOf(headers);
        for (int i = 0; i < headers.size(); i++) {
            columnOf.put(headers.get(i), i);
        }
        starts = new int[headers.size()];
        ends = new int[headers.size()];
        row = new Row();
    }

    /** The column names of the first lines, in order of first appearance, named as {@code fields} names them. */
    static List<String> discoverHeaders(BufferedReader reader, JsonFields fields) throws IOException {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        String text;
        int lines = 0;
        while (lines < DISCOVERY_LINES && (text = reader.readLine()) != null) {
            lines++;
            if (text.isBlank()) {
                continue;
            }
            try {
                names.addAll(parse(text, fields).fields().keySet());
            } catch (JsonProcessingException | IllegalArgumentException malformed) {
                // A broken line is rejected during the import; it does not name columns.
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The fields of one line. Lines that may be a Segment call or hold Snowplow's self-describing JSON are read as
     * a tree (their rules look at several fields at once); the others stream ({@link JsonFields#flatten(String)}).
     */
    private static boolean readAsTree(String text) {
        return text.contains("\"type\"") || text.contains("\"iglu:");
    }

    static ParsedLine parse(String text, JsonFields fields) throws IOException {
        if (readAsTree(text)) {
            JsonNode node = TREES.readTree(text);
            RecordKind kind = SegmentCalls.adapt(node);
            return new ParsedLine(kind, fields.flatten(node));
        }
        return new ParsedLine(RecordKind.EVENT, fields.flatten(text));
    }

    /** A line's kind and fields (the map is the flattener's, reused by the next line). */
    record ParsedLine(RecordKind kind, Map<String, String> fields) {
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public boolean next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            if (text == null) {
                return false;
            }
            line = nextLine++;
            bytesRead += text.length() + 1;
        } while (text.isBlank());
        lineText = text;
        read(text);
        return true;
    }

    private void read(String text) {
        problem = null;
        kind = RecordKind.EVENT;
        row.clear();
        try {
            if (readAsTree(text)) {
                JsonNode node = TREES.readTree(text);
                kind = SegmentCalls.adapt(node);
                row.putAll(fields.flatten(node));
            } else {
                fields.flattenInto(text, row);
            }
        } catch (JsonProcessingException e) {
            problem = "the line is not valid JSON: " + PlainMessages.clean(e.getOriginalMessage());
        } catch (IOException e) {
            problem = "the line could not be read: " + PlainMessages.of(e);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            kind = RecordKind.EVENT;
        }
    }

    /**
     * The current line's fields, written straight into the record's byte arena by column (a field seen after the
     * first lines goes to the extra fields): no map entry per field on the import's hot path.
     */
    private final class Row extends java.util.AbstractMap<String, String> {
        private boolean[] present = new boolean[headers.size()];

        @Override
        public void clear() {
            extras.clear();
            length = 0;
            Arrays.fill(starts, 0);
            Arrays.fill(ends, 0);
            Arrays.fill(present, false);
        }

        @Override
        public String put(String name, String value) {
            Integer column = columnOf.get(name);
            if (column == null) {
                extras.removeIf(extra -> extra[0].equals(name));
                extras.add(new String[] {name, value});
                return null;
            }
            byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
            if (length + encoded.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + encoded.length));
            }
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            starts[column] = length;
            length += encoded.length;
            ends[column] = length;
            present[column] = true;
            return null;
        }

        @Override
        public boolean containsKey(Object name) {
            Integer column = columnOf.get(name);
            return column != null ? present[column] : extras.stream().anyMatch(extra -> extra[0].equals(name));
        }

        @Override
        public String remove(Object name) {
            Integer column = columnOf.get(name);
            if (column == null) {
                String[] found = extras.stream().filter(extra -> extra[0].equals(name)).findFirst().orElse(null);
                extras.remove(found);
                return found == null ? null : found[1];
            }
            if (!present[column]) {
                return null;
            }
            present[column] = false;
            String value = new String(bytes, starts[column], ends[column] - starts[column], StandardCharsets.UTF_8);
            starts[column] = 0;
            ends[column] = 0;
            return value;
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
            Map<String, String> entries = new java.util.LinkedHashMap<>();
            for (int c = 0; c < headers.size(); c++) {
                if (present[c]) {
                    entries.put(headers.get(c), new String(bytes, starts[c], ends[c] - starts[c],
                            StandardCharsets.UTF_8));
                }
            }
            extras.forEach(extra -> entries.put(extra[0], extra[1]));
            return entries.entrySet();
        }
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public int fieldCount() {
        return problem == null ? headers.size() : 0;
    }

    @Override
    public byte[] bytes() {
        return bytes;
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
    public RecordKind kind() {
        return kind;
    }

    @Override
    public String rawText() {
        return lineText;
    }

    @Override
    public List<String[]> extraFields() {
        return extras;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
