package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading JSON lines ahead on several threads gives exactly the records, and names, of reading them in order. */
class ParallelJsonSourceTest {
    private static final String[] CONTAINERS = {"properties", "user_properties", "event_properties", "device"};

    /** Lines whose keys keep appearing late, in different containers and at the top, so names are decided late. */
    private static String lines(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (random.nextInt(50) == 0) {
                text.append("{broken ").append(i).append('\n');
                continue;
            }
            if (random.nextInt(80) == 0) {
                text.append('\n');
            }
            text.append("{\"user\":\"u").append(random.nextInt(30)).append("\",\"event\":\"e").append(i % 5)
                    .append("\",\"time\":").append(1_704_067_200 + i);
            int fields = random.nextInt(4);
            for (int f = 0; f < fields; f++) {
                String key = "k" + random.nextInt(Math.min(400, 5 + i / 10));
                if (random.nextInt(6) == 0) {
                    text.append(",\"").append(key).append("\":").append(random.nextInt(9));
                } else {
                    text.append(",\"").append(CONTAINERS[random.nextInt(CONTAINERS.length)]).append("\":{\"")
                            .append(key).append("\":\"v").append(random.nextInt(3)).append("\"}");
                }
            }
            if (random.nextInt(10) == 0) {
                text.append(",\"event_params\":[{\"key\":\"p").append(random.nextInt(20))
                        .append("\",\"value\":{\"string_value\":null,\"int_value\":\"4\"}}]");
            }
            text.append("}\n");
        }
        return text.toString();
    }

    private static List<String> records(RecordSource source) throws IOException {
        List<String> records = new ArrayList<>();
        while (source.next()) {
            StringBuilder record = new StringBuilder().append(source.line()).append(' ').append(source.kind())
                    .append(' ').append(source.problem()).append(' ').append(source.rawText().length());
            for (int i = 0; i < source.fieldCount(); i++) {
                record.append('|').append(source.headers().get(i)).append('=').append(source.text(i));
            }
            source.extraFields().forEach(extra -> record.append("|+").append(extra[0]).append('=').append(extra[1]));
            records.add(record.toString());
        }
        return records;
    }

    private static List<String> read(String text, boolean parallel) throws IOException {
        JsonFields fields = new JsonFields();
        List<String> headers = JsonLinesSource.discoverHeaders(new BufferedReader(new StringReader(text)), fields);
        BufferedReader reader = new BufferedReader(new StringReader(text));
        try (RecordSource source = parallel ? new ParallelJsonSource(reader, headers, fields)
                : new JsonLinesSource(reader, headers, fields)) {
            return records(source);
        }
    }

    @Test
    void recordsAndNamesAreThoseOfReadingInOrder() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            String text = lines(6_000, seed);
            List<String> inOrder = read(text, false);
            assertThat(read(text, true)).as("seed %d", seed).containsExactlyElementsOf(inOrder);
            assertThat(inOrder).hasSizeGreaterThan(5_000);
        }
    }

    @Test
    void anEmptyInputEndsAtOnceAndKeepsEnding() throws IOException {
        try (ParallelJsonSource source = new ParallelJsonSource(new BufferedReader(new StringReader("\n\n")),
                List.of("a"), new JsonFields())) {
            assertThat(source.next()).isFalse();
            assertThat(source.next()).isFalse();
        }
    }
}
