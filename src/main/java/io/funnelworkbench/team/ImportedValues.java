package io.funnelworkbench.team;

import io.funnelworkbench.importer.EventImporter;
import io.funnelworkbench.importer.Identities;
import io.funnelworkbench.importer.TimestampParser;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The local import's reading of one value, as Spark functions run next to the data (from the uploaded app jar),
 * so that a connected project's events are exactly those an import of the same file makes. Each gives null for
 * a value the import rejects its row for (the table leaves those rows out, as the import does).
 */
final class ImportedValues {
    private ImportedValues() {
    }

    /** A time as epoch microseconds, by the importer's own parser (automatic format, UTC for zone-less text). */
    static final class Time implements UDF1<String, Long> {
        private static final long serialVersionUID = 1L;
        private transient TimestampParser parser;

        @Override
        public Long call(String text) {
            if (text == null) {
                return null;
            }
            if (parser == null) {
                parser = TimestampParser.auto();
            }
            try {
                return parser.parse(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A user id without surrounding spaces and tabs; null when empty, a placeholder such as NA, or too long. */
    static final class UserId implements UDF1<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(String text) {
            String id = trimmed(text);
            return id == null || Identities.PLACEHOLDERS.contains(asciiLowerCase(id)) ? null : id;
        }
    }

    /** An event name without surrounding spaces and tabs; null when empty or too long. */
    static final class EventName implements UDF1<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(String text) {
            String name = trimmed(text);
            return name == null || name.isEmpty() ? null : name;
        }
    }

    /** A session id as written; null when it names no session (empty, a placeholder, Amplitude's -1). */
    static final class Session implements UDF1<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(String text) {
            if (text == null) {
                return null;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return Identities.noSession(bytes, 0, bytes.length) ? null : text;
        }
    }

    /** As the import trims identifiers: spaces and tabs only; null when longer than any real identifier. */
    private static String trimmed(String text) {
        if (text == null) {
            return null;
        }
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        String value = text.substring(from, to);
        return value.getBytes(StandardCharsets.UTF_8).length > EventImporter.MAX_NAME_BYTES ? null : value;
    }

    /** The import compares placeholders ignoring the case of ASCII letters only. */
    private static String asciiLowerCase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }
}
