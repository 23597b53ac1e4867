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

    JsonLinesSource(BufferedReader reader, List<String> headers, JsonFields fields) {
        this.reader = reader;
        this.fields = fields;
        this.headers = List.copyOf(headers);
        for (int i = 0; i < headers.size(); i++) {
            columnOf.put(headers.get(i), i);
        }
        starts = new int[headers.size()];
        ends = new int[headers.size()];
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
                JsonNode node = JSON.readTree(text);
                SegmentCalls.adapt(node);
                names.addAll(fields.flatten(node).keySet());
            } catch (JsonProcessingException | IllegalArgumentException malformed) {
                // A broken line is rejected during the import; it does not name columns.
            }
        }
        return new ArrayList<>(names);
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
        extras.clear();
        length = 0;
        Arrays.fill(starts, 0);
        Arrays.fill(ends, 0);
        Map<String, String> values;
        try {
            JsonNode node = TREES.readTree(text);
            kind = SegmentCalls.adapt(node);
            values = fields.flatten(node);
        } catch (JsonProcessingException e) {
            problem = "the line is not valid JSON: " + PlainMessages.clean(e.getOriginalMessage());
            return;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            return;
        }
        for (Map.Entry<String, String> field : values.entrySet()) {
            Integer column = columnOf.get(field.getKey());
            if (column == null) {
                extras.add(new String[] {field.getKey(), field.getValue()});
            } else {
                byte[] value = field.getValue().getBytes(StandardCharsets.UTF_8);
                if (length + value.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + value.length));
                }
                System.arraycopy(value, 0, bytes, length, value.length);
                starts[column] = length;
                length += value.length;
                ends[column] = length;
            }
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
