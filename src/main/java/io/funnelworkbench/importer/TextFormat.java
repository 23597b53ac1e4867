package io.funnelworkbench.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The detected encoding, byte-order mark and delimiter of a text export. */
public record TextFormat(Charset charset, int bomLength, char delimiter) {
    private static final int SAMPLE_BYTES = 256 * 1024;
    private static final List<Character> DELIMITERS = List.of(',', ';', '\t', '|');

    public static TextFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE_BYTES);
        }
        Charset charset = StandardCharsets.UTF_8;
        int bom = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            bom = 3;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (!isUtf8(head)) {
            charset = Charset.forName("windows-1252");
        }
        String text = new String(head, bom, head.length - bom, charset);
        return new TextFormat(charset, bom, delimiterOf(text));
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            // The sample may end inside a multi-byte character; only an early error means "not UTF-8".
            return bytes.length == SAMPLE_BYTES && isUtf8Prefix(bytes);
        }
    }

    private static boolean isUtf8Prefix(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, bytes.length - 4));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The delimiter that splits the first lines most consistently into more than one field. */
    static char delimiterOf(String sample) {
        List<String> lines = sample.lines().limit(50).toList();
        if (lines.size() > 1 && sample.length() >= SAMPLE_BYTES / 2) {
            lines = lines.subList(0, lines.size() - 1); // the last line may be cut off
        }
        char best = ',';
        double bestScore = 0;
        for (char delimiter : DELIMITERS) {
            double score = consistency(lines, delimiter);
            if (score > bestScore) {
                best = delimiter;
                bestScore = score;
            }
        }
        return best;
    }

    private static double consistency(List<String> lines, char delimiter) {
        if (lines.isEmpty()) {
            return 0;
        }
        int first = count(lines.get(0), delimiter);
        if (first == 0) {
            return 0;
        }
        long same = lines.stream().filter(l -> count(l, delimiter) == first).count();
        return first * ((double) same / lines.size());
    }

    private static int count(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    public String describe() {
        String name = switch (delimiter) {
            case '\t' -> "tab";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "comma";
        };
        return charset.displayName() + (bomLength > 0 ? " with BOM" : "") + ", " + name + "-separated";
    }
}
