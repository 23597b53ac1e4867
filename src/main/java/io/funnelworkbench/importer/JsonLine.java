package io.funnelworkbench.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.model.PlainMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON line read into the columns of a file: its fields written straight into a byte arena by column (a field
 * not among the columns goes to the extra fields), its kind (an event, or a Segment call that is none), or why it
 * cannot be read. One instance per thread; the {@link JsonFields} naming is shared.
 */
final class JsonLine {
    private final List<String> headers;
    private final Map<String, Integer> columnOf;
    private final JsonFields fields;
    private final Row row;
    private byte[] bytes = new byte[4096];
    private final int[] starts;
    private final int[] ends;
    private final boolean[] present;
    private int length;
    private final List<String[]> extras = new ArrayList<>();
    private String problem;
    private RecordKind kind = RecordKind.EVENT;

    JsonLine(List<String> headers, Map<String, Integer> columnOf, JsonFields fields) {
        this.headers = headers;
        this.columnOf = columnOf;
        this.fields = fields;
        starts = new int[headers.size()];
        ends = new int[headers.size()];
        present = new boolean[headers.size()];
        row = new Row();
    }

    /** Lines that may be a Segment call or hold Snowplow's self-describing JSON: their rules need the tree. */
    static boolean readAsTree(String text) {
        return text.contains("\"type\"") || text.contains("\"iglu:");
    }

    /** Reads {@code text}; afterwards {@link #problem()} says why it could not be read, or is null. */
    void parse(String text) {
        problem = null;
        kind = RecordKind.EVENT;
        row.clear();
        try {
            if (readAsTree(text)) {
                JsonNode node = JsonLinesSource.readTree(text);
                kind = SegmentCalls.adapt(node);
                fields.flattenInto(node, row);
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

    String problem() {
        return problem;
    }

    int columnCount() {
        return headers.size();
    }

    RecordKind kind() {
        return kind;
    }

    byte[] bytes() {
        return bytes;
    }

    int start(int column) {
        return starts[column];
    }

    int end(int column) {
        return ends[column];
    }

    List<String[]> extras() {
        return extras;
    }

    /** The row as a map for {@link JsonFields}, writing into the arena. */
    private final class Row extends AbstractMap<String, String> {
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
        public Set<Map.Entry<String, String>> entrySet() {
            Map<String, String> entries = new LinkedHashMap<>();
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
}
