package io.funnelworkbench.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Strings by index, kept as UTF-8 bytes and turned into Strings only when asked for: a project's hundreds of
 * thousands of user ids cost 12 bytes each in memory instead of a String object each. Entry {@code i} is
 * {@code length[i]} bytes at {@code offset[i]} of chunk {@code chunk[i]}.
 */
public final class StringTable {
    private final byte[][] chunks;
    private final int[] chunk;
    private final int[] offset;
    private final int[] length;

    private StringTable(byte[][] chunks, int[] chunk, int[] offset, int[] length) {
        this.chunks = chunks;
        this.chunk = chunk;
        this.offset = offset;
        this.length = length;
    }

    public static StringTable of(String... strings) {
        byte[][] chunks = new byte[strings.length][];
        int[] chunk = new int[strings.length];
        int[] offset = new int[strings.length];
        int[] length = new int[strings.length];
        for (int i = 0; i < strings.length; i++) {
            chunks[i] = strings[i] == null ? new byte[0] : strings[i].getBytes(StandardCharsets.UTF_8);
            chunk[i] = i;
            length[i] = chunks[i].length;
        }
        return new StringTable(chunks, chunk, offset, length);
    }

    /** Reads chunks of length-prefixed (4-byte big-endian) UTF-8 strings, as projects store dictionaries. */
    public static StringTable fromLengthPrefixed(List<byte[]> data, int count) {
        int[] chunk = new int[count];
        int[] offset = new int[count];
        int[] length = new int[count];
        int i = 0;
        for (int c = 0; c < data.size(); c++) {
            byte[] bytes = data.get(c);
            int at = 0;
            while (at < bytes.length) {
                int size = ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                        | (bytes[at + 3] & 0xff);
                chunk[i] = c;
                offset[i] = at + 4;
                length[i] = size;
                at += 4 + size;
                i++;
            }
        }
        if (i != count) {
            throw new IllegalStateException("A dictionary holds " + i + " strings where " + count + " were recorded");
        }
        return new StringTable(data.toArray(byte[][]::new), chunk, offset, length);
    }

    public int size() {
        return chunk.length;
    }

    public String get(int index) {
        return new String(chunks[chunk[index]], offset[index], length[index], StandardCharsets.UTF_8);
    }

    /** The index of {@code text}, or -1; a linear search, meant for short tables such as event names. */
    public int indexOf(String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size(); i++) {
            if (Arrays.equals(chunks[chunk[i]], offset[i], offset[i] + length[i], wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    public String[] toArray() {
        String[] all = new String[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = get(i);
        }
        return all;
    }
}
