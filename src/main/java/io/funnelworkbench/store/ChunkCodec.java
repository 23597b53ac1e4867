package io.funnelworkbench.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Serialises event columns to a compressed byte array and back. Layout before compression: row count,
 * property count, then the user, event, time and session columns, then each property column prefixed by its id.
 * Times are delta-encoded against the previous row because sorted times compress far better that way.
 */
final class ChunkCodec {
    private static final int VERSION = 1;

    private ChunkCodec() {
    }

    static byte[] encode(EventColumns columns, int from, int to) {
        int rows = to - from;
        int propertyCount = columns.properties.length;
        ByteBuffer raw = ByteBuffer.allocate(16 + rows * 20 + propertyCount * (4 + rows * 4));
        raw.putInt(VERSION).putInt(rows).putInt(propertyCount);
        raw.asIntBuffer().put(columns.users, from, rows);
        raw.position(raw.position() + rows * 4);
        raw.asIntBuffer().put(columns.events, from, rows);
        raw.position(raw.position() + rows * 4);
        long previous = 0;
        for (int i = from; i < to; i++) {
            raw.putLong(columns.times[i] - previous);
            previous = columns.times[i];
        }
        raw.asIntBuffer().put(columns.sessions, from, rows);
        raw.position(raw.position() + rows * 4);
        for (int p = 0; p < propertyCount; p++) {
            raw.putInt(p);
            raw.asIntBuffer().put(columns.properties[p], from, rows);
            raw.position(raw.position() + rows * 4);
        }
        return deflate(raw.array(), raw.position());
    }

    /** Decodes a chunk into {@code target} starting at row {@code offset}; returns the number of rows. */
    static int decodeInto(byte[] compressed, EventColumns target, int offset) {
        ByteBuffer raw = ByteBuffer.wrap(inflate(compressed));
        int version = raw.getInt();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown event chunk version " + version);
        }
        int rows = raw.getInt();
        int propertyCount = raw.getInt();
        raw.asIntBuffer().get(target.users, offset, rows);
        raw.position(raw.position() + rows * 4);
        raw.asIntBuffer().get(target.events, offset, rows);
        raw.position(raw.position() + rows * 4);
        long time = 0;
        for (int i = offset; i < offset + rows; i++) {
            time += raw.getLong();
            target.times[i] = time;
        }
        raw.asIntBuffer().get(target.sessions, offset, rows);
        raw.position(raw.position() + rows * 4);
        for (int p = 0; p < propertyCount; p++) {
            int id = raw.getInt();
            raw.asIntBuffer().get(target.properties[id], offset, rows);
            raw.position(raw.position() + rows * 4);
        }
        return rows;
    }

    private static byte[] deflate(byte[] data, int length) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] compressed) {
        int length = ((compressed[0] & 0xff) << 24) | ((compressed[1] & 0xff) << 16) | ((compressed[2] & 0xff) << 8)
                | (compressed[3] & 0xff);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed, 4, compressed.length - 4);
            byte[] raw = new byte[length];
            int done = 0;
            while (done < length) {
                int n = inflater.inflate(raw, done, length - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput())) {
                    throw new IllegalStateException("An event chunk is truncated");
                }
                done += n;
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalStateException("An event chunk is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
