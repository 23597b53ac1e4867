package io.funnelworkbench.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Re-encodes text from any charset to UTF-8, so the fast reader only ever sees UTF-8 bytes. */
final class TranscodingInputStream extends InputStream {
    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final ByteBuffer bytes = ByteBuffer.allocate(32768);
    private boolean endOfInput;

    TranscodingInputStream(Reader reader) {
        this.reader = reader;
        bytes.flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        while (!bytes.hasRemaining()) {
            if (endOfInput) {
                return -1;
            }
            refill();
        }
        int n = Math.min(length, bytes.remaining());
        bytes.get(target, offset, n);
        return n;
    }

    private void refill() throws IOException {
        bytes.clear();
        int read = reader.read(chars);
        if (read < 0) {
            endOfInput = true;
        }
        chars.flip();
        encoder.encode(chars, bytes, endOfInput);
        chars.compact();
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
