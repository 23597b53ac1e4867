package io.funnelworkbench.importer;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * The detected shape of a text export: packing (gzip, zip), encoding, byte-order mark, CSV or JSON lines,
 * delimiter, header row.
 */
public record TextFormat(Compression compression, Charset charset, int bomLength, Kind kind, char delimiter,
                         boolean hasHeader) {
    public enum Kind { DELIMITED, JSON_LINES }

    private static final int SAMPLE_BYTES = 256 * 1024;
    private static final List<Character> DELIMITERS = List.of(',', ';', '\t', '|');

    public static TextFormat detect(Path file) throws IOException {
        return detect(file, null);
    }

    /** As {@link #detect(Path)}, with {@code delimiter} taken as given when it is not null. */
    public static TextFormat detect(Path file, Character delimiter) throws IOException {
        Compression compression = Compression.of(file);
        byte[] head;
        try (InputStream in = compression.open(Files.newInputStream(file), file.getFileName().toString(), false)) {
            head = in.readNBytes(SAMPLE_BYTES);
        } catch (ZipException | EOFException e) {
            throw compression.damaged(file, e);
        }
        if (head.length == 0) {
            throw new ImportException(file.getFileName() + " is empty: there is nothing to import.");
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
        } else if (looksBinary(head)) {
            throw new ImportException(file.getFileName() + " is not a text export: it contains binary data."
                    + " Export the events as CSV or JSON lines and import that file.");
        } else if (!isUtf8(head)) {
            charset = Charset.forName("windows-1252");
        }
        String text = new String(head, bom, head.length - bom, charset);
        if (text.isBlank()) {
            throw new ImportException(file.getFileName() + " is empty: there is nothing to import.");
        }
        String start = text.stripLeading();
        String report = start.startsWith("{") ? AggregateCheck.explainJson(file.getFileName().toString(), start)
                : AggregateCheck.explainCommentedCsv(file.getFileName().toString(), start);
        if (report != null) {
            throw new ImportException(report);
        }
        if (start.startsWith("[")) {
            throw new ImportException(file.getFileName() + " is one JSON array, not JSON lines (one event object per"
                    + " line) or CSV. Export the events as JSON lines (NDJSON) or CSV and import that file.");
        }
        if (start.startsWith("{") && !firstLineIsAnObject(start)) {
            throw new ImportException(file.getFileName() + " is one JSON document written over several lines, not"
                    + " JSON lines (one event object per line) or CSV. Export the events as JSON lines (NDJSON) or"
                    + " CSV and import that file.");
        }
        if (start.startsWith("{")) {
            if (delimiter != null) {
                throw new ImportException(file.getFileName() + " holds JSON lines, which have no delimiter; leave"
                        + " --delimiter out to import it.");
            }
            return new TextFormat(compression, charset, bom, Kind.JSON_LINES, ',', true);
        }
        char chosen = delimiter != null ? delimiter : delimiterOf(text);
        return new TextFormat(compression, charset, bom, Kind.DELIMITED, chosen, !firstRowIsData(text, chosen));
    }

    /** JSON lines hold a whole object on each line; a pretty-printed document opens one and goes on below. */
    private static boolean firstLineIsAnObject(String text) {
        String first = text.lines().findFirst().orElse("").strip();
        try {
            return JsonLinesSource.JSON.readTree(first).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** NUL bytes or many control characters mean this is not text (UTF-16 was ruled out by its BOM). */
    private static boolean looksBinary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b >= 0 && b < 32 && b != '\n' && b != '\r' && b != '\t') {
                control++;
            }
        }
        return control > head.length / 20;
    }

    private static boolean isUtf8(byte[] bytes) {
        int length = bytes.length;
        // The sample may end inside a multi-byte character; ignore up to 3 trailing bytes when it was cut.
        int checked = length == SAMPLE_BYTES ? length - 3 : length;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, checked));
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

    /** A first row holding a date, an epoch-sized number, or only numbers is data, not a header. */
    static boolean firstRowIsData(String sample, char delimiter) {
        List<String> first = firstRecord(sample, delimiter);
        boolean allNumeric = !first.isEmpty();
        for (String field : first) {
            String value = field.strip();
            if (value.isEmpty()) {
                continue;
            }
            boolean numeric = TimestampParser.isNumber(value);
            allNumeric &= numeric;
            if (numeric && value.replace("-", "").replace(".", "").length() >= 9) {
                return true;
            }
            if (!numeric && value.length() >= 10 && Character.isDigit(value.charAt(0))) {
                try {
                    TimestampParser.auto().parse(value);
                    return true;
                } catch (IllegalArgumentException notATime) {
                    // a header that starts with digits
                }
            }
        }
        return allNumeric;
    }

    private static List<String> firstRecord(String sample, char delimiter) {
        try (CsvRecordSource source = new CsvRecordSource(
                new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8)), delimiter)) {
            List<String> fields = new ArrayList<>();
            if (source.next()) {
                for (int i = 0; i < source.fieldCount(); i++) {
                    fields.add(source.text(i));
                }
            }
            return fields;
        } catch (IOException e) {
            return List.of();
        }
    }

    public String describe() {
        String encoding = compression.describe() + charset.displayName() + (bomLength > 0 ? " with BOM" : "");
        if (kind == Kind.JSON_LINES) {
            return encoding + ", JSON lines";
        }
        String name = switch (delimiter) {
            case '\t' -> "tab";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "comma";
        };
        return encoding + ", " + name + "-separated" + (hasHeader ? "" : ", no header row");
    }
}
