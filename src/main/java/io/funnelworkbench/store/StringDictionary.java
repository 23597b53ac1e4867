package io.funnelworkbench.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings to dense integer ids, looked up by UTF-8 byte slices so the importer never builds a String for a
 * value it has seen before. Entries' bytes live end to end in one arena, and each hash-table slot holds an
 * entry's hash beside its id: a lookup touches the slot and the arena, nothing else, which matters with
 * hundreds of thousands of user ids. Ids start at 0 and are never reused. Entries added since
 * {@link #markSaved} are what the next save writes.
 */
public final class StringDictionary {
    private static final long EMPTY = -1L;

    private byte[] arena = new byte[1024];
    private int arenaSize;
    private int[] offsets = new int[17];
    private String[] strings = new String[16];
    private long[] slots = newSlots(32);
    private int size;
    private int saved;

    private static long[] newSlots(int capacity) {
        long[] table = new long[capacity];
        Arrays.fill(table, EMPTY);
        return table;
    }

    private static long slot(int hash, int id) {
        return ((long) hash << 32) | id;
    }

    public int size() {
        return size;
    }

    /** The id of the UTF-8 string in {@code bytes[from, to)}, adding it when new. */
    public int idOf(byte[] bytes, int from, int to) {
        int hash = hash(bytes, from, to);
        int mask = slots.length - 1;
        for (int index = hash & mask; ; index = (index + 1) & mask) {
            long entry = slots[index];
            if (entry == EMPTY) {
                return add(bytes, from, to, hash, index);
            }
            if ((int) (entry >>> 32) == hash) {
                int id = (int) entry;
                if (Arrays.equals(arena, offsets[id], offsets[id + 1], bytes, from, to)) {
                    return id;
                }
            }
        }
    }

    public int idOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return idOf(bytes, 0, bytes.length);
    }

    /** The id of {@code text}, or -1 when the dictionary does not have it. */
    public int find(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int hash = hash(bytes, 0, bytes.length);
        int mask = slots.length - 1;
        for (int index = hash & mask; ; index = (index + 1) & mask) {
            long entry = slots[index];
            if (entry == EMPTY) {
                return -1;
            }
            int id = (int) entry;
            if ((int) (entry >>> 32) == hash
                    && Arrays.equals(arena, offsets[id], offsets[id + 1], bytes, 0, bytes.length)) {
                return id;
            }
        }
    }

    public String get(int id) {
        String text = strings[id];
        if (text == null) {
            text = new String(arena, offsets[id], offsets[id + 1] - offsets[id], StandardCharsets.UTF_8);
            strings[id] = text;
        }
        return text;
    }

    public String[] toArray() {
        String[] all = new String[size];
        for (int id = 0; id < size; id++) {
            all[id] = get(id);
        }
        return all;
    }

    private int add(byte[] bytes, int from, int to, int hash, int index) {
        int length = to - from;
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
        }
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            strings = Arrays.copyOf(strings, offsets.length);
        }
        System.arraycopy(bytes, from, arena, arenaSize, length);
        int id = size++;
        offsets[id] = arenaSize;
        arenaSize += length;
        offsets[id + 1] = arenaSize;
        slots[index] = slot(hash, id);
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private void rehash(int capacity) {
        long[] table = newSlots(capacity);
        int mask = capacity - 1;
        for (long entry : slots) {
            if (entry != EMPTY) {
                int index = (int) (entry >>> 32) & mask;
                while (table[index] != EMPTY) {
                    index = (index + 1) & mask;
                }
                table[index] = entry;
            }
        }
        slots = table;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0x9747b28c;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        // murmur3's finaliser spreads the bits, so the low bits that pick a slot differ for similar keys
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** Entries not yet saved: ids {@code savedCount() .. size()-1}. */
    int savedCount() {
        return saved;
    }

    void markSaved() {
        saved = size;
    }

    /** Length-prefixed UTF-8 of ids {@code [from, to)}. */
    /**
     * Where a chunk that starts at {@code from} ends so that its encoding stays within {@code maxBytes} (one
     * entry at least): a project's rows stay small enough for the database to write without a huge buffer.
     */
    int chunkEnd(int from, int to, int maxBytes) {
        int end = from + 1;
        while (end < to && 4L * (end + 1 - from) + offsets[end + 1] - offsets[from] <= maxBytes) {
            end++;
        }
        return end;
    }

    byte[] encode(int from, int to) {
        ByteBuffer out = ByteBuffer.allocate(4 * (to - from) + offsets[to] - offsets[from]);
        for (int id = from; id < to; id++) {
            int length = offsets[id + 1] - offsets[id];
            out.putInt(length).put(arena, offsets[id], length);
        }
        return out.array();
    }

    /** Appends the entries of an encoded chunk, in order. */
    void decodeAppend(byte[] data, int count) {
        ByteBuffer in = ByteBuffer.wrap(data);
        for (int i = 0; i < count; i++) {
            int length = in.getInt();
            int from = in.position();
            idOf(data, from, from + length);
            in.position(from + length);
        }
        saved = size;
    }
}
