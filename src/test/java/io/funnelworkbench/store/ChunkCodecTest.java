package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.StringTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * A dictionary saved in chunks (only what was added since the last save) and read back, into a dictionary as
     * a project opens or into a {@link StringTable} as analyses read it, gives every id its own bytes back: the
     * empty string, non-ASCII text, and bytes that are not UTF-8 (kept apart even though both read as U+FFFD).
     */
    @Test
    void dictionaryChunksReadBackToTheSameIdsAndBytes() {
        Random random = new Random(11);
        StringDictionary dictionary = new StringDictionary();
        List<byte[]> entries = new ArrayList<>();
        List<byte[]> chunks = new ArrayList<>();
        StringDictionary reopened = new StringDictionary();
        for (int save = 0; save < 5; save++) {
            for (int i = 0; i < 2_000; i++) {
                byte[] entry = randomEntry(random);
                if (dictionary.idOf(entry, 0, entry.length) == entries.size()) {
                    entries.add(entry);
                }
            }
            for (int from = dictionary.savedCount(); from < dictionary.size(); ) {
                int to = dictionary.chunkEnd(from, dictionary.size(), 4_096);
                byte[] chunk = dictionary.encode(from, to);
                assertThat(chunk.length).isLessThanOrEqualTo(Math.max(4_096, 4 + entries.get(from).length));
                reopened.decodeAppend(chunk, to - from);
                chunks.add(chunk);
                from = to;
            }
            dictionary.markSaved();
            assertThat(dictionary.savedCount()).isEqualTo(dictionary.size());
        }
        StringTable table = StringTable.fromLengthPrefixed(chunks, entries.size());
        assertThat(reopened.size()).isEqualTo(entries.size());
        assertThat(table.size()).isEqualTo(entries.size());
        for (int id = 0; id < entries.size(); id++) {
            byte[] entry = entries.get(id);
            assertThat(reopened.idOf(entry, 0, entry.length)).isEqualTo(id);
            assertThat(reopened.get(id)).isEqualTo(dictionary.get(id)).isEqualTo(table.get(id));
        }
        assertThat(reopened.size()).isEqualTo(entries.size());
        assertThat(table.get(reopened.idOf(new byte[] {(byte) 0xFF}, 0, 1))).isEqualTo("\uFFFD");
    }

    private static byte[] randomEntry(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> new byte[] {(byte) (0x80 + random.nextInt(0x80))};
            case 2 -> ("user-" + random.nextInt(3_000) + "-ü€😀").getBytes(StandardCharsets.UTF_8);
            case 3 -> "x".repeat(random.nextInt(6_000)).getBytes(StandardCharsets.UTF_8);
            default -> ("u" + random.nextInt(20_000)).getBytes(StandardCharsets.UTF_8);
        };
    }
}
