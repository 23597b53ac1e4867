package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The event chunk codec and the string dictionary at the bottom of the store, on random data. */
class ChunkCodecTest {
    private static EventColumns randomRows(Random random, int rows, int properties) {
        EventColumns columns = new EventColumns(rows, properties);
        long time = 1_704_067_200_000_000L + random.nextInt(1_000_000);
        int unit = new int[] {1, 1_000, 1_000_000}[random.nextInt(3)];
        for (int row = 0; row < rows; row++) {
            columns.users[row] = random.nextInt(50);
            columns.events[row] = random.nextInt(12);
            time += (long) random.nextInt(5_000) * unit - (random.nextInt(20) == 0 ? 3_000L * unit : 0);
            columns.times[row] = time;
            columns.sessions[row] = random.nextInt(4) == 0 ? -1 : random.nextInt(300);
            for (int p = 0; p < properties; p++) {
                columns.properties[p][row] = random.nextInt(3) == 0 ? 0 : random.nextInt(1 << (1 + random.nextInt(20)));
            }
            columns.size++;
        }
        return columns;
    }

    @Test
    void everyChunkDecodesToTheRowsItWasGivenInTheirOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int rows = 1 + random.nextInt(random.nextBoolean() ? 40 : 3_000);
            int properties = random.nextInt(6);
            EventColumns original = randomRows(random, rows, properties);
            int[] order = random.nextBoolean() ? null : shuffled(random, rows);
            int from = random.nextInt(rows);
            int to = from + 1 + random.nextInt(rows - from);

            byte[] chunk = ChunkCodec.encode(original, order, from, to, properties);
            EventColumns decoded = new EventColumns(1, properties + 2);
            assertThat(ChunkCodec.decodeReusing(chunk, decoded)).isEqualTo(to - from);

            for (int i = from; i < to; i++) {
                int source = order == null ? i : order[i];
                int row = i - from;
                assertThat(decoded.users[row]).isEqualTo(original.users[source]);
                assertThat(decoded.events[row]).isEqualTo(original.events[source]);
                assertThat(decoded.times[row]).isEqualTo(original.times[source]);
                assertThat(decoded.sessions[row]).isEqualTo(original.sessions[source]);
                for (int p = 0; p < properties; p++) {
                    assertThat(decoded.properties[p][row]).isEqualTo(original.properties[p][source]);
                }
                // columns the chunk was written without read as missing
                assertThat(decoded.properties[properties][row]).isZero();
            }
        }
    }

    private static int[] shuffled(Random random, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Test
    void theDictionaryGivesEachDistinctStringOneIdAndBackTheSameString() {
        Random random = new Random(7);
        StringDictionary dictionary = new StringDictionary();
        Map<String, Integer> expected = new HashMap<>();
        assertThat(dictionary.idOf("")).isZero();
        expected.put("", 0);
        for (int i = 0; i < 20_000; i++) {
            String text = random.nextInt(4) == 0 ? "üser-" + random.nextInt(500) + "-€" : "u" + random.nextInt(8_000);
            byte[] padded = ("##" + text + "##").getBytes(StandardCharsets.UTF_8);
            int id = dictionary.idOf(padded, 2, padded.length - 2);
            Integer known = expected.putIfAbsent(text, id);
            assertThat(id).as(text).isEqualTo(known == null ? id : known);
        }
        assertThat(dictionary.size()).isEqualTo(expected.size());
        expected.forEach((text, id) -> {
            assertThat(dictionary.get(id)).isEqualTo(text);
            assertThat(dictionary.find(text)).isEqualTo(id);
        });
        assertThat(dictionary.find("never added")).isNegative();
    }
}
