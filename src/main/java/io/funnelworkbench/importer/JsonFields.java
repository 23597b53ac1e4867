package io.funnelworkbench.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.model.PropertyContainers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the nested JSON of an event into named text fields, by the rules in docs/IMPORT-FORMATS.md:
 * <ul>
 *   <li>the fields of a property container ({@code properties}, {@code event_properties}, {@code user_properties},
 *   GA4's {@code event_params}...) keep their own name ({@code plan}); when an earlier column or container already
 *   gave that name, the later one keeps its container's prefix ({@code user_properties.plan});</li>
 *   <li>other objects become dotted names ({@code device.web_info.browser});</li>
 *   <li>arrays of {@code {key, value}} objects (GA4) become one field per key, the value being the one of
 *   {@code string_value}, {@code int_value}, {@code float_value}, {@code double_value} that is set;</li>
 *   <li>Snowplow's self-describing JSON names fields by their schema ({@code web_page.id});</li>
 *   <li>other arrays of objects (GA4 {@code items}) give their count and their first element's fields
 *   ({@code items.count}, {@code items.first.item_name}); an array of one plain value is that value (Amplitude's
 *   {@code groups}); other arrays of plain values stay JSON text;</li>
 *   <li>beyond {@link #MAX_DEPTH} levels a value stays JSON text;</li>
 *   <li>null values and empty objects or arrays are missing, not properties.</li>
 * </ul>
 * One instance reads one file, so a name once given to a container's field stays the same on every row.
 */
final class JsonFields {
    static final int MAX_DEPTH = 6;
    /** Why a line whose object is followed by more text is refused: taking the first object would drop the rest. */
    static final String TEXT_AFTER_OBJECT = "the line is not valid JSON: text follows the end of its object (two"
            + " events on one line?)";
    /** Objects whose fields are properties under their own names (by the tools that write them). */
    static final Set<String> CONTAINERS = PropertyContainers.NAMES;
    private static final List<String> TYPED_VALUES = List.of("string_value", "int_value", "float_value",
            "double_value");

    /** Dotted names built so far, by parent then key: the same String objects row after row (hashes kept). */
    private final Map<String, Map<String, String>> childNames = new ConcurrentHashMap<>();
    private final Map<String, Boolean> containerNames = new ConcurrentHashMap<>();
    /** The container that owns each short name given so far. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    /** Names that belong to top-level fields (columns): a container's field never takes them. */
    private final Set<String> columns = ConcurrentHashMap.newKeySet();
    /**
     * Counts the naming decisions taken (a container claiming a name, a name becoming a column's). Lines read on
     * other threads are named with the decisions taken so far and must not take new ones ({@link #frozen}); the
     * ordered reader reads a line again in order when the count moved since, so names never depend on threads.
     */
    private volatile long decisions;
    /** Set on threads that read lines ahead: a new naming decision there throws {@link NeedsOrder}. */
    static final ThreadLocal<Boolean> FROZEN = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** A line read ahead needed a naming decision: it is read again in order. */
    static final class NeedsOrder extends RuntimeException {
        static final NeedsOrder INSTANCE = new NeedsOrder();

        private NeedsOrder() {
            super("a naming decision is taken in file order", null, false, false);
        }
    }

    long decisions() {
        return decisions;
    }

    /** Before a naming decision: on a thread reading ahead there is none to take. */
    private void decide() {
        if (FROZEN.get()) {
            throw NeedsOrder.INSTANCE;
        }
        decisions++;
    }

    JsonFields() {
    }

    /** For a CSV file: its column names are taken, and a JSON column's fields are named around them. */
    JsonFields(List<String> columnNames) {
        columns.addAll(columnNames);
    }

    /**
     * The fields of one JSON object (a line of JSON lines); throws when it is not an object. The map is reused by
     * the next call: read it before.
     */
    Map<String, String> flatten(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        flattenInto(node, fields);
        return fields;
    }

    /** As {@link #flatten(JsonNode)}, putting the fields into {@code fields}. */
    void flattenInto(JsonNode node, Map<String, String> fields) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the line is not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if ((!node.get(name).isContainerNode() || !isContainer(name)) && !columns.contains(name)) {
                decide();
                columns.add(name);
                owners.remove(name); // a container that took the name before keeps its prefix from now on
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            expand(field.getKey(), field.getValue(), fields);
        }
    }

    /**
     * As {@link #flatten(JsonNode)} for one line of text, without building the line's tree: the import's hot path
     * for JSON lines. Arrays of key/value pairs and objects are read as they stream by; any other array (and, at
     * the depth limit, any value) is read as a tree and handed to the tree rules, so both give the same fields.
     */
    Map<String, String> flatten(String line) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        flattenInto(line, fields);
        return fields;
    }

    /** As {@link #flatten(String)}, putting the fields into {@code fields} (the import's row, written in place). */
    void flattenInto(String line, Map<String, String> fields) throws IOException {
        try (JsonParser p = JsonLinesSource.JSON.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the line is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                boolean container = token.isStructStart() && isContainer(name);
                if (!container) {
                    takeColumn(name, fields);
                    streamNested(name, p, line, 0, fields);
                } else if (token == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        streamNested(containerField(name, key), p, line, 1, fields);
                    }
                } else {
                    streamArray(name, true, p, line, 1, fields);
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(TEXT_AFTER_OBJECT);
            }
        }
    }

    /**
     * A top-level name is a column's: a container's field that took it earlier keeps its prefix from now on (the
     * value it gave on this row moves there too).
     */
    private void takeColumn(String name, Map<String, String> fields) {
        if (!columns.contains(name)) {
            decide();
            columns.add(name);
            String owner = owners.remove(name);
            if (owner != null && fields.containsKey(name)) {
                fields.put(child(owner, name), fields.remove(name));
            }
        }
    }

    /** The value at the parser's current token, by the rules of {@link #addNested}. */
    private void streamNested(String name, JsonParser p, String line, int depth, Map<String, String> fields)
            throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token.isScalarValue()) {
            put(fields, name, scalar(p));
        } else if (token == JsonToken.START_OBJECT && depth < MAX_DEPTH) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                streamNested(child(name, key), p, line, depth + 1, fields);
            }
        } else if (token == JsonToken.START_ARRAY && depth < MAX_DEPTH) {
            streamArray(name, false, p, line, depth, fields);
        } else {
            addNested(name, p.readValueAsTree(), depth, fields);
        }
    }

    /**
     * An array: read as key/value pairs while every element is one, else read again as a tree from the line's
     * text (the array's characters) and given to the tree rules.
     */
    private void streamArray(String name, boolean container, JsonParser p, String line, int depth,
                             Map<String, String> fields) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        List<String[]> pairs = new ArrayList<>();
        boolean keyValue = true;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            String[] pair = keyValue && token == JsonToken.START_OBJECT ? keyValuePair(p) : null;
            if (pair != null) {
                pairs.add(pair);
                continue;
            }
            keyValue = false;
            if (token.isStructStart() && p.currentToken() == token) {
                p.skipChildren(); // an element not yet read (keyValuePair reads an object to its end)
            }
        }
        if (pairs.isEmpty() && keyValue) {
            return; // []
        }
        if (keyValue) {
            for (String[] pair : pairs) {
                put(fields, container ? containerField(name, pair[0]) : child(name, pair[0]), pair[1]);
            }
            return;
        }
        int end = (int) p.currentTokenLocation().getCharOffset() + 1;
        JsonNode array = JsonLinesSource.TREES.readTree(line.substring(start, end));
        if (container) {
            expand(name, array, fields);
        } else {
            addNested(name, array, depth, fields);
        }
    }

    /**
     * Reads an object element to its end as {@code {key, value}}: returns [key, value as {@link #typedValue} gives
     * it], or null when it has another shape.
     */
    private static String[] keyValuePair(JsonParser p) throws IOException {
        String key = null;
        String value = null;
        boolean hasValue = false;
        boolean shaped = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            if (field.equals("key")) {
                shaped &= token.isScalarValue() && token != JsonToken.VALUE_NULL;
                key = shaped ? p.getText() : key;
            } else if (field.equals("value")) {
                hasValue = true;
                if (token == JsonToken.START_OBJECT) {
                    value = typedValue(p);
                    shaped &= value != null;
                } else if (token.isScalarValue()) {
                    value = token == JsonToken.VALUE_NULL ? "" : scalar(p);
                } else {
                    shaped = false;
                }
            }
            if (p.currentToken().isStructStart()) {
                p.skipChildren();
            }
        }
        return shaped && key != null && hasValue ? new String[] {key, value} : null;
    }

    /**
     * GA4's typed value object, read to its end; null when a field in it is itself an object or array (the tree
     * rules then decide).
     */
    private static String typedValue(JsonParser p) throws IOException {
        String typed = null;
        int typedRank = TYPED_VALUES.size();
        String anyValue = null;
        boolean flat = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            if (token.isStructStart()) {
                flat = false;
                p.skipChildren();
            } else if (token != JsonToken.VALUE_NULL) {
                int rank = TYPED_VALUES.indexOf(field);
                if (rank >= 0 && rank < typedRank) {
                    typed = scalar(p);
                    typedRank = rank;
                } else if (anyValue == null && rank < 0 && field.toLowerCase(Locale.ROOT).endsWith("value")) {
                    anyValue = scalar(p);
                }
            }
        }
        if (!flat) {
            return null;
        }
        return typed != null ? typed : anyValue != null ? anyValue : "";
    }

    /**
     * A scalar's text as {@link #text(JsonNode)} writes it: decimals in plain notation without trailing zeros, as
     * Jackson's tree keeps them (25.0 is 25, 2E+3 is 2000).
     */
    private static String scalar(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                ? p.getDecimalValue().stripTrailingZeros().toPlainString() : p.getText();
    }

    /** Adds the fields of one top-level value named {@code name} (a JSON line's key or a CSV column's header). */
    void expand(String name, JsonNode value, Map<String, String> fields) {
        if (value.isContainerNode() && value.isEmpty()) {
            return;
        }
        if (value.isContainerNode() && isContainer(name)) {
            if (value.isObject()) {
                value.fields().forEachRemaining(f -> addNested(containerField(name, f.getKey()),
                        f.getValue(), 1, fields));
            } else if (isKeyValueArray(value)) {
                for (JsonNode pair : value) {
                    put(fields, containerField(name, pair.get("key").asText()), typedValue(pair.get("value")));
                }
            } else {
                addNested(name, value, 1, fields);
            }
        } else {
            addNested(name, value, 0, fields);
        }
    }

    private boolean isContainer(String name) {
        return containerNames.computeIfAbsent(name, n -> CONTAINERS.contains(ColumnMapper.normalise(n)));
    }

    /** {@code parent.key}, built once. */
    private String child(String parent, String key) {
        return childNames.computeIfAbsent(parent, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> parent + "." + k);
    }

    /** The name of a container's field: its own, unless a column or another container has it already. */
    private String containerField(String container, String key) {
        String owner = owners.get(key);
        if (owner == null) {
            if (columns.contains(key)) {
                return child(container, key);
            }
            decide();
            owners.put(key, container);
            return key;
        }
        return owner.equals(container) ? key : child(container, key);
    }

    private void addNested(String name, JsonNode value, int depth, Map<String, String> fields) {
        if (value.isNull() || value.isMissingNode() || value.isContainerNode() && value.isEmpty()) {
            return; // missing: a property that is null or empty on every event is not created at all
        }
        if (value.isObject() && depth < MAX_DEPTH) {
            if (isSelfDescribing(value)) {
                addSelfDescribing(value, depth, fields);
                return;
            }
            value.fields().forEachRemaining(f -> addNested(child(name, f.getKey()), f.getValue(), depth + 1, fields));
        } else if (value.isArray() && depth < MAX_DEPTH && isKeyValueArray(value)) {
            for (JsonNode pair : value) {
                put(fields, child(name, pair.get("key").asText()), typedValue(pair.get("value")));
            }
        } else if (value.isArray() && value.size() == 1 && value.get(0).isValueNode()) {
            put(fields, name, text(value.get(0))); // Amplitude's groups: {"company_id": ["acme"]}
        } else if (value.isArray() && depth < MAX_DEPTH && allObjects(value)) {
            put(fields, child(name, "count"), Integer.toString(value.size()));
            addNested(child(name, "first"), value.get(0), depth + 1, fields);
        } else {
            put(fields, name, text(value));
        }
    }

    /** Snowplow's {@code {"schema": "iglu:vendor/name/jsonschema/1-0-0", "data": ...}}: fields named by schema. */
    private static boolean isSelfDescribing(JsonNode value) {
        JsonNode schema = value.get("schema");
        return value.size() == 2 && schema != null && schema.isTextual() && schema.asText().startsWith("iglu:")
                && value.has("data");
    }

    private void addSelfDescribing(JsonNode value, int depth, Map<String, String> fields) {
        JsonNode data = value.get("data");
        if (data.isArray()) {
            for (JsonNode element : data) {
                if (element.isObject() && isSelfDescribing(element)) {
                    addSelfDescribing(element, depth + 1, fields);
                }
            }
        } else if (data.isObject() && isSelfDescribing(data)) {
            addSelfDescribing(data, depth + 1, fields);
        } else {
            addNested(schemaName(value.get("schema").asText()), data, depth + 1, fields);
        }
    }

    /** {@code iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0} is named {@code web_page}. */
    static String schemaName(String iglu) {
        String[] parts = iglu.substring("iglu:".length()).split("/");
        return parts.length >= 2 ? parts[1] : parts[0];
    }

    private static boolean isKeyValueArray(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return false;
        }
        for (JsonNode element : array) {
            if (!element.isObject() || !element.has("key") || !element.has("value")
                    || !element.get("key").isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    /** GA4's {@code {"string_value": null, "int_value": "42", ...}} is 42; a plain value is itself. */
    private static String typedValue(JsonNode value) {
        if (value == null) {
            return "";
        }
        if (value.isObject()) {
            for (String typed : TYPED_VALUES) {
                JsonNode v = value.get(typed);
                if (v != null && !v.isNull()) {
                    return text(v);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().toLowerCase(Locale.ROOT).endsWith("value") && !f.getValue().isNull()) {
                    return text(f.getValue());
                }
            }
            return "";
        }
        return text(value);
    }

    private static void put(Map<String, String> fields, String name, String value) {
        fields.put(name, value);
    }

    static String text(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.asText() : value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
