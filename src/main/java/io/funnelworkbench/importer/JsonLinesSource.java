package io.funnelworkbench.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final JsonLine current;
    private long nextLine = 1;
    private long line;
    private long bytesRead;
    private String lineText;

    JsonLinesSource(BufferedReader reader, List<String> headers, JsonFields fields) {
        this.reader = reader;
        this.headers = List.copyOf(headers);
        this.current = new JsonLine(this.headers, columnIndex(this.headers), fields);
    }

    /** The tree of one line, refusing text after its value ({@link JsonFields#TEXT_AFTER_OBJECT}). */
    static JsonNode readTree(String line) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(line)) {
            JsonNode node = TREES.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(JsonFields.TEXT_AFTER_OBJECT);
            }
            return node;
        }
    }

    /** Each column's position by name. */
    static Map<String, Integer> columnIndex(List<String> headers) {
        Map<String, Integer> columnOf = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            columnOf.put(headers.get(i), i);
        }
        return columnOf;
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
    static ParsedLine parse(String text, JsonFields fields) throws IOException {
        if (JsonLine.readAsTree(text)) {
            JsonNode node = readTree(text);
            RecordKind kind = SegmentCalls.adapt(node);
            return new ParsedLine(kind, fields.flatten(node));
        }
        return new ParsedLine(RecordKind.EVENT, fields.flatten(text));
    }

    /** A line's kind and fields. */
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
        current.parse(text);
        return true;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public int fieldCount() {
        return current.problem() == null ? headers.size() : 0;
    }

    @Override
    public byte[] bytes() {
        return current.bytes();
    }

    @Override
    public int start(int field) {
        return current.start(field);
    }

    @Override
    public int end(int field) {
        return current.end(field);
    }

    @Override
    public String problem() {
        return current.problem();
    }

    @Override
    public RecordKind kind() {
        return current.kind();
    }

    @Override
    public String rawText() {
        return lineText;
    }

    @Override
    public List<String[]> extraFields() {
        return current.extras();
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
