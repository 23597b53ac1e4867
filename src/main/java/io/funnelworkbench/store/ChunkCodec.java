package io.funnelworkbench.store;

import java.util.Arrays;

/**
 * Serialises event columns to bytes and back. Each column is written as variable-length integers (7 bits per
 * byte): users and sessions as zig-zag deltas from the previous row and times as deltas within each user,
 * because rows are sorted by user and time so those deltas are small; event and property ids as they are,
 * because dictionaries are small.
 * That is about a third of the raw size and decodes several times faster than a general-purpose compressor.
 * Layout: version, row count, property count, then the columns in order.
 */
final class ChunkCodec {
    private static final int VERSION = 3;

    private ChunkCodec() {
    }

    /**
     * Encodes rows {@code order[from..to)} of {@code columns} (or rows {@code from..to} when order is null),
     * with {@code propertyCount} property columns; columns a block lacks are written as missing.
     */
    static byte[] encode(EventColumns columns, int[] order, int from, int to, int propertyCount) {
        int rows = to - from;
        Writer out = new Writer(rows * (12 + propertyCount) + 16);
        out.varint(VERSION);
        out.varint(rows);
        out.varint(propertyCount);
        long previous = 0;
        for (int i = from; i < to; i++) {
            int user = columns.users[row(order, i)];
            out.varint(zigzag(user - previous));
            previous = user;
        }
        for (int i = from; i < to; i++) {
            out.varint(columns.events[row(order, i)]);
        }
        encodeTimes(columns, order, from, to, out);
        previous = 0;
        for (int i = from; i < to; i++) {
            int session = columns.sessions[row(order, i)];
            out.varint(zigzag(session - previous));
            previous = session;
        }
        for (int p = 0; p < propertyCount; p++) {
            int[] column = p < columns.properties.length ? columns.properties[p] : null;
            for (int i = from; i < to; i++) {
                out.varint(column == null ? 0 : column[row(order, i)]);
            }
        }
        return out.toByteArray();
    }

    /**
     * Times in the coarsest unit that loses nothing (exports often have whole milliseconds or seconds): the
     * first row of each user relative to the chunk's earliest time, later rows relative to the row before.
     */
    private static void encodeTimes(EventColumns columns, int[] order, int from, int to, Writer out) {
        long base = Long.MAX_VALUE;
        boolean millis = true;
        boolean seconds = true;
        for (int i = from; i < to; i++) {
            long time = columns.times[row(order, i)];
            base = Math.min(base, time);
            millis &= time % 1_000 == 0;
            seconds &= time % 1_000_000 == 0;
        }
        long unit = seconds ? 1_000_000 : millis ? 1_000 : 1;
        base = from == to ? 0 : base;
        out.varint(unit);
        out.varint(zigzag(base));
        long previousTime = base;
        int previousUser = -1;
        for (int i = from; i < to; i++) {
            int row = row(order, i);
            long reference = columns.users[row] == previousUser ? previousTime : base;
            out.varint(zigzag((columns.times[row] - reference) / unit));
            previousTime = columns.times[row];
            previousUser = columns.users[row];
        }
    }

    private static void decodeTimes(Reader in, EventColumns target, int offset, int end) {
        long unit = in.varint();
        long base = unzigzag(in.varint());
        long previousTime = base;
        int previousUser = -1;
        for (int i = offset; i < end; i++) {
            long reference = target.users[i] == previousUser ? previousTime : base;
            previousTime = reference + unzigzag(in.varint()) * unit;
            target.times[i] = previousTime;
            previousUser = target.users[i];
        }
    }

    private static int row(int[] order, int i) {
        return order == null ? i : order[i];
    }

    /**
     * Decodes a chunk into {@code target} from row 0, reusing it: property columns the chunk does not have
     * (it was written before they appeared) are cleared to missing. Returns the number of rows.
     */
    static int decodeReusing(byte[] data, EventColumns target) {
        int rows = rowCount(data);
        target.ensureCapacity(rows);
        int propertyCount = propertyCount(data);
        for (int p = propertyCount; p < target.properties.length; p++) {
            Arrays.fill(target.properties[p], 0, rows, 0);
        }
        decodeInto(data, target, 0);
        target.size = rows;
        return rows;
    }

    private static int rowCount(byte[] data) {
        Reader in = new Reader(data);
        in.varint();
        return (int) in.varint();
    }

    private static int propertyCount(byte[] data) {
        Reader in = new Reader(data);
        in.varint();
        in.varint();
        return (int) in.varint();
    }

    /** Decodes a chunk into {@code target} starting at row {@code offset}; returns the number of rows. */
    static int decodeInto(byte[] data, EventColumns target, int offset) {
        Reader in = new Reader(data);
        int version = (int) in.varint();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown event chunk version " + version
                    + "; this project was written by another version of Funnel Workbench");
        }
        int rows = (int) in.varint();
        int propertyCount = (int) in.varint();
        int end = offset + rows;
        long previous = 0;
        for (int i = offset; i < end; i++) {
            previous += unzigzag(in.varint());
            target.users[i] = (int) previous;
        }
        for (int i = offset; i < end; i++) {
            target.events[i] = (int) in.varint();
        }
        decodeTimes(in, target, offset, end);
        previous = 0;
        for (int i = offset; i < end; i++) {
            previous += unzigzag(in.varint());
            target.sessions[i] = (int) previous;
        }
        for (int p = 0; p < propertyCount; p++) {
            int[] column = target.properties[p];
            for (int i = offset; i < end; i++) {
                column[i] = (int) in.varint();
            }
        }
        if (in.position != data.length) {
            throw new IllegalStateException("An event chunk is damaged: " + (data.length - in.position)
                    + " bytes left over");
        }
        return rows;
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static final class Writer {
        private byte[] bytes;
        private int position;

        Writer(int capacity) {
            bytes = new byte[capacity];
        }

        void varint(long value) {
            if (position + 10 > bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2 + 10);
            }
            while ((value & ~0x7FL) != 0) {
                bytes[position++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[position++] = (byte) value;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, position);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            byte b = bytes[position++];
            if (b >= 0) {
                return b;
            }
            long value = b & 0x7F;
            int shift = 7;
            do {
                b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }
    }
}
