package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The nested-JSON rules, and the streaming reader against the tree rules it must agree with. */
class JsonFieldsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {"plan", "value", "key", "schema", "data", "properties", "event_params",
        "user_properties", "device", "items", "price", "name", "a", "b", "count", "first"};

    private static Map<String, String> byTree(JsonFields fields, String line) throws IOException {
        return new LinkedHashMap<>(fields.flatten(JsonLinesSource.TREES.readTree(line)));
    }

    private static Map<String, String> byStream(JsonFields fields, String line) throws IOException {
        return new LinkedHashMap<>(fields.flatten(line));
    }

    @Test
    void ga4KeyValueArraysNestedRecordsAndItems() throws IOException {
        String line = "{\"event_name\":\"purchase\",\"event_params\":[{\"key\":\"page\",\"value\":{\"string_value\":"
                + "\"/c\",\"int_value\":null}},{\"key\":\"n\",\"value\":{\"string_value\":null,\"int_value\":\"7\"}}],"
                + "\"device\":{\"category\":\"mobile\",\"web_info\":{\"browser\":\"Chrome\"}},\"ecommerce\":null,"
                + "\"items\":[{\"item_id\":\"A\",\"price\":1.50},{\"item_id\":\"B\"}],\"tags\":[\"x\",\"y\"],"
                + "\"groups\":{\"company_id\":[\"acme\"]},\"empty\":{},\"none\":[]}";
        Map<String, String> fields = byStream(new JsonFields(), line);
        assertThat(fields).hasSize(10).containsAllEntriesOf(Map.ofEntries(
                Map.entry("event_name", "purchase"), Map.entry("page", "/c"), Map.entry("n", "7"),
                Map.entry("device.category", "mobile"), Map.entry("device.web_info.browser", "Chrome"),
                Map.entry("items.count", "2"), Map.entry("items.first.item_id", "A"),
                Map.entry("items.first.price", "1.5"), Map.entry("tags", "[\"x\",\"y\"]"),
                Map.entry("company_id", "acme")));
    }

    @Test
    void aNameAColumnHasStaysTheColumnsAndTheContainersFieldKeepsItsPrefix() throws IOException {
        JsonFields fields = new JsonFields();
        assertThat(byStream(fields, "{\"properties\":{\"plan\":\"p1\"}}")).containsEntry("plan", "p1");
        assertThat(byStream(fields, "{\"properties\":{\"plan\":\"p2\"},\"plan\":\"top\"}"))
                .containsEntry("plan", "top").containsEntry("properties.plan", "p2");
        assertThat(byStream(fields, "{\"properties\":{\"plan\":\"p3\"}}")).containsEntry("properties.plan", "p3")
                .doesNotContainKey("plan");
        assertThat(byStream(new JsonFields(), "{\"event_properties\":{\"plan\":\"e\"},\"user_properties\":"
                + "{\"plan\":\"u\"}}")).containsEntry("plan", "e").containsEntry("user_properties.plan", "u");
    }

    @Test
    void streamingAgreesWithTheTreeRulesOnEveryCorpusLine() throws IOException {
        List<String> lines = new ArrayList<>();
        Path vendors = Path.of("src", "test", "resources", "corpus", "vendors");
        lines.addAll(Files.readAllLines(vendors.resolve("ga4-events_20240301.json")));
        lines.addAll(Files.readAllLines(vendors.resolve("mixpanel-export.jsonl")));
        try (BufferedReader segment = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(vendors.resolve("segment-archive.jsonl.gz"))), StandardCharsets.UTF_8))) {
            segment.lines().forEach(lines::add);
        }
        lines.addAll(Files.readAllLines(Path.of("src", "test", "resources", "datasets", "vendor-samples",
                "ga4-bigquery-export-row.json")));
        JsonFields tree = new JsonFields();
        JsonFields stream = new JsonFields();
        for (String line : lines) {
            assertThat(byStream(stream, line)).as(line).isEqualTo(byTree(tree, line));
        }
    }

    @Test
    void streamingAgreesWithTheTreeRulesOnThousandsOfRandomObjects() throws IOException {
        Random random = new Random(7);
        JsonFields tree = new JsonFields();
        JsonFields stream = new JsonFields();
        for (int i = 0; i < 5_000; i++) {
            String line = randomObject(random, 0).toString();
            assertThat(byStream(stream, line)).as(line).isEqualTo(byTree(tree, line));
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int fields = random.nextInt(depth == 0 ? 6 : 4);
        for (int f = 0; f < fields; f++) {
            object.set(KEYS[random.nextInt(KEYS.length)], randomValue(random, depth + 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 8 ? 5 : 10);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(random.nextBoolean() ? "x\"y" : "v" + random.nextInt(3));
            case 2 -> NODES.numberNode(random.nextInt(1000) - 500);
            case 3 -> NODES.numberNode(new BigDecimal(random.nextBoolean() ? "1.50" : "2E+3"));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5, 6 -> randomObject(random, depth);
            case 7 -> keyValueArray(random, depth);
            default -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static ArrayNode keyValueArray(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            ObjectNode pair = array.addObject();
            if (random.nextInt(10) > 0) {
                pair.put("key", KEYS[random.nextInt(KEYS.length)]);
            }
            if (random.nextInt(10) > 0) {
                if (random.nextBoolean()) {
                    ObjectNode typed = pair.putObject("value");
                    typed.putNull("string_value");
                    typed.put(random.nextBoolean() ? "int_value" : "double_value", random.nextInt(9));
                    if (random.nextInt(8) == 0) {
                        typed.set("nested", randomObject(random, depth + 1));
                    }
                } else {
                    pair.set("value", randomValue(random, depth + 2));
                }
            }
        }
        return array;
    }
}
