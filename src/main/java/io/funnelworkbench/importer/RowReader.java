package io.funnelworkbench.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.model.PlainMessages;
import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.EventWriter;
import io.funnelworkbench.store.StringDictionary;
import io.funnelworkbench.store.TooManyPropertiesException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Turns the records of one file into events: resolves who each row belongs to ({@link Identities}), skips the
 * rows the export's tool counts as sent twice ({@link DuplicateRule}), expands JSON columns ({@link JsonFields})
 * and rejects, with the reason, the rows that cannot become events.
 */
final class RowReader {
    private static final int PROGRESS_EVERY = 65_536;

    private final String fileName;
    private final ColumnMapping mapping;
    private final EventWriter writer;
    private final RejectsWriter rejects;
    private final char delimiter;
    private final TimestampParser times;
    private final int userColumn;
    private final int anonymousColumn;
    private final int eventColumn;
    private final int timeColumn;
    private final int[] timeFallbacks;
    private final int sessionColumn;
    private final int insertIdColumn;
    private final int[] jsonColumns;
    private final String[] jsonColumnNames;
    private final int constantEvent;
    private final int[] propertyColumns;
    private final int[] fixedPropertyIds;
    private final StringDictionary[] fixedValues;
    private final JsonFields jsonFields;
    private final DuplicateRule duplicateRule;
    private final boolean stitch;
    final Identities identities = new Identities();
    private int[] propertyIds = new int[16];
    private int[] valueIds = new int[16];
    long duplicates;
    long otherCalls;

    RowReader(Path file, ColumnMapping mapping, EventWriter writer, RejectsWriter rejects, char delimiter) {
        this.fileName = file.getFileName().toString();
        this.mapping = mapping;
        this.writer = writer;
        this.rejects = rejects;
        this.delimiter = delimiter;
        this.times = new TimestampParser(mapping.timeFormat(), mapping.zone(), mapping.timePattern());
        userColumn = mapping.columnOf(ColumnRole.USER);
        anonymousColumn = mapping.columnOf(ColumnRole.ANONYMOUS_ID);
        eventColumn = mapping.columnOf(ColumnRole.EVENT);
        timeColumn = mapping.columnOf(ColumnRole.TIME);
        timeFallbacks = mapping.timeFallbacks().stream().mapToInt(Integer::intValue).toArray();
        sessionColumn = mapping.columnOf(ColumnRole.SESSION);
        insertIdColumn = mapping.columnOf(ColumnRole.INSERT_ID);
        duplicateRule = mapping.duplicateRule();
        stitch = mapping.identity() == IdentityRule.STITCHED;
        constantEvent = eventColumn < 0 ? writer.eventNames().idOf(mapping.constantEventName()) : -1;
        jsonColumns = columnsWith(mapping, ColumnRole.PROPERTIES_JSON);
        jsonColumnNames = Arrays.stream(jsonColumns).mapToObj(mapping::propertyName).toArray(String[]::new);
        propertyColumns = columnsWith(mapping, ColumnRole.PROPERTY);
        fixedPropertyIds = new int[propertyColumns.length];
        fixedValues = new StringDictionary[propertyColumns.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < propertyColumns.length; i++) {
            String name = mapping.propertyName(propertyColumns[i]);
            names.add(name);
            fixedPropertyIds[i] = writer.propertyId(name);
            fixedValues[i] = writer.values(fixedPropertyIds[i]);
        }
        jsonFields = new JsonFields(names);
    }

    private static int[] columnsWith(ColumnMapping mapping, ColumnRole role) {
        return IntStream.range(0, mapping.roles().size())
                .filter(c -> mapping.roles().get(c) == role).toArray();
    }

    /** {@code fileBytesRead}: how far into the file reading is (the packed bytes, for a compressed file). */
    long readAll(RecordSource records, long size, LongSupplier fileBytesRead, Progress progress)
            throws IOException, SQLException {
        long rowsRead = 0;
        while (records.next()) {
            rowsRead++;
            try {
                read(records);
            } catch (TooManyPropertiesException e) {
                throw EventImporter.tooManyProperties(fileName, e, records.line());
            }
            if (rowsRead % PROGRESS_EVERY == 0) {
                progress.checkCancelled();
                progress.importing(ImportProgress.reading(Path.of(fileName), rowsRead,
                        Math.min(size, fileBytesRead.getAsLong()), size));
            }
        }
        progress.importing(ImportProgress.reading(Path.of(fileName), rowsRead, size, size));
        return rowsRead;
    }

    /** Gives anonymous ids' rows to the users they were linked to, when stitching; returns who has whose rows. */
    int[] stitch() {
        if (!stitch || !identities.hasLinks()) {
            return null;
        }
        int[] canonical = identities.canonical();
        writer.reassignUsers(canonical);
        return canonical;
    }

    private void read(RecordSource r) throws SQLException {
        if (r.problem() != null) {
            reject(r, "", r.problem());
            return;
        }
        if (r.kind() == RecordKind.NOT_AN_EVENT) {
            otherCalls++;
            return;
        }
        int expected = mapping.headers().size();
        if (r.fieldCount() != expected) {
            reject(r, "", "expected " + expected + " fields but found " + r.fieldCount()
                    + " (a delimiter or quote inside a value?)");
            return;
        }
        byte[] bytes = r.bytes();
        int knownUser = realId(r, userColumn);
        int anonymous = realId(r, anonymousColumn);
        if (knownUser == TOO_LONG || anonymous == TOO_LONG) {
            return;
        }
        if (knownUser >= 0 && anonymous >= 0 && isAnonymousForm(r, knownUser, anonymous)) {
            knownUser = -1;
        }
        if (r.kind() == RecordKind.IDENTITY) {
            identities.countIdentityCall();
            if (knownUser >= 0 && anonymous >= 0) {
                identities.link(anonymous, knownUser, timeOrLatest(r));
            }
            return;
        }
        if (knownUser < 0 && anonymous < 0) {
            reject(r, identityColumns(), noUserReason(r));
            return;
        }
        int user = knownUser >= 0 ? knownUser : anonymous;
        int event = constantEvent;
        if (eventColumn >= 0) {
            int from = trimStart(bytes, r.start(eventColumn), r.end(eventColumn));
            int to = trimEnd(bytes, from, r.end(eventColumn));
            if (from == to) {
                reject(r, mapping.headers().get(eventColumn), "the event name is empty");
                return;
            }
            if (tooLong(r, eventColumn, to - from, "event name")) {
                return;
            }
            event = writer.eventNames().idOf(bytes, from, to);
        }
        long time;
        try {
            time = times.parse(bytes, timeStart(r), timeEnd);
        } catch (IllegalArgumentException e) {
            reject(r, mapping.headers().get(timeColumn), e.getMessage());
            return;
        }
        if (insertIdColumn >= 0 && r.end(insertIdColumn) > r.start(insertIdColumn)
                && !writer.firstInsertId(duplicateKey(bytes, r, user, event, time))) {
            duplicates++;
            return;
        }
        int count = readProperties(r, bytes);
        if (count < 0) {
            return;
        }
        if (sessionColumn >= 0 && tooLong(r, sessionColumn, r.end(sessionColumn) - r.start(sessionColumn),
                "session id")) {
            return;
        }
        if (knownUser >= 0 && anonymous >= 0 && stitch) {
            identities.link(anonymous, knownUser, time);
        } else if (knownUser < 0) {
            identities.countFallback();
        }
        int session = sessionColumn < 0 || Identities.noSession(bytes, r.start(sessionColumn), r.end(sessionColumn))
                ? -1 : writer.sessions().idOf(bytes, r.start(sessionColumn), r.end(sessionColumn));
        identities.countRow(user);
        writer.add(user, event, time, session, propertyIds, valueIds, count);
    }

    /** Where this row's time ends: its time column's, or its first non-empty fallback's (see {@link #timeStart}). */
    private int timeEnd;

    /** The start of the row's time: the time column's value, or when it is empty the first fallback with one. */
    private int timeStart(RecordSource r) {
        int column = timeColumn;
        for (int i = 0; r.end(column) == r.start(column) && i < timeFallbacks.length; i++) {
            column = timeFallbacks[i];
        }
        if (column != timeColumn && r.end(column) == r.start(column)) {
            column = timeColumn;
        }
        timeEnd = r.end(column);
        return r.start(column);
    }

    private static final int TOO_LONG = -2;
    private static final byte[] MIXPANEL_DEVICE = "$device:".getBytes(StandardCharsets.US_ASCII);

    /**
     * A user id that is only the anonymous id, or Mixpanel's {@code $device:} form of it (its distinct_id for
     * events before sign-in), names no signed-in user.
     */
    private boolean isAnonymousForm(RecordSource r, int knownUser, int anonymous) {
        if (knownUser == anonymous) {
            return true;
        }
        byte[] bytes = r.bytes();
        int user = trimStart(bytes, r.start(userColumn), r.end(userColumn));
        int userEnd = trimEnd(bytes, user, r.end(userColumn));
        int anon = trimStart(bytes, r.start(anonymousColumn), r.end(anonymousColumn));
        int anonEnd = trimEnd(bytes, anon, r.end(anonymousColumn));
        return userEnd - user == MIXPANEL_DEVICE.length + anonEnd - anon
                && Arrays.equals(bytes, user, user + MIXPANEL_DEVICE.length, MIXPANEL_DEVICE, 0, MIXPANEL_DEVICE.length)
                && Arrays.equals(bytes, user + MIXPANEL_DEVICE.length, userEnd, bytes, anon, anonEnd);
    }

    /**
     * The users-dictionary id of a real id in {@code column}; -1 when absent or a placeholder, TOO_LONG when
     * rejected.
     */
    private int realId(RecordSource r, int column) {
        if (column < 0) {
            return -1;
        }
        byte[] bytes = r.bytes();
        int from = trimStart(bytes, r.start(column), r.end(column));
        int to = trimEnd(bytes, from, r.end(column));
        if (identities.isPlaceholder(bytes, from, to)) {
            return -1;
        }
        if (tooLong(r, column, to - from, "user id")) {
            return TOO_LONG;
        }
        return writer.users().idOf(bytes, from, to);
    }

    /** When an identify call has no readable time, its link counts as the latest, so any earlier link wins. */
    private long timeOrLatest(RecordSource r) {
        if (timeColumn < 0) {
            return Long.MAX_VALUE;
        }
        try {
            return times.parse(r.bytes(), r.start(timeColumn), r.end(timeColumn));
        } catch (IllegalArgumentException e) {
            return Long.MAX_VALUE;
        }
    }

    private String identityColumns() {
        List<String> names = new ArrayList<>();
        for (int column : new int[] {userColumn, anonymousColumn}) {
            if (column >= 0) {
                names.add(mapping.headers().get(column));
            }
        }
        return String.join(", ", names);
    }

    /** "the user id is empty", "the user id 'NA' is a placeholder...", or both columns when there are two. */
    private String noUserReason(RecordSource r) {
        if (anonymousColumn < 0 || userColumn < 0) {
            String value = r.text(userColumn >= 0 ? userColumn : anonymousColumn).strip();
            return value.isEmpty() ? "the user id is empty" : "the user id '" + value + "' is a placeholder for a"
                    + " missing id, not a person";
        }
        return "the row has no user id: " + identityValues(r) + " (an empty id or a placeholder such as NA is not a"
                + " person)";
    }

    private String identityValues(RecordSource r) {
        List<String> values = new ArrayList<>();
        for (int column : new int[] {userColumn, anonymousColumn}) {
            if (column >= 0) {
                String value = r.text(column).strip();
                values.add(mapping.headers().get(column) + (value.isEmpty() ? " is empty" : " is '" + value + "'"));
            }
        }
        return String.join(" and ", values);
    }

    /** The hash under which a row counts as sent before, by the export's tool's rule. */
    private long duplicateKey(byte[] bytes, RecordSource r, int user, int event, long time) {
        long id = hash64(bytes, r.start(insertIdColumn), r.end(insertIdColumn));
        return switch (duplicateRule) {
            case INSERT_ID -> id;
            case PER_USER -> mix(id, user);
            case MIXPANEL -> mix(mix(mix(id, user), event), time);
        };
    }

    private static long mix(long hash, long value) {
        long h = hash ^ (value * 0x9E3779B97F4A7C15L);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 32);
    }

    /** Rejects the row when an identifier is longer than any real one ({@link EventImporter#MAX_NAME_BYTES}). */
    private boolean tooLong(RecordSource r, int column, int length, String what) {
        if (length <= EventImporter.MAX_NAME_BYTES) {
            return false;
        }
        reject(r, mapping.headers().get(column), String.format(Locale.ROOT, "the %s is %,d bytes long; one has"
                + " at most %,d (a missing delimiter or quote?)", what, length, EventImporter.MAX_NAME_BYTES));
        return true;
    }

    /** Fills the property id and value id arrays; returns their count, or -1 when the row was rejected. */
    private int readProperties(RecordSource r, byte[] bytes) {
        int count = 0;
        for (int i = 0; i < propertyColumns.length; i++) {
            int column = propertyColumns[i];
            ensureRoom(count + 1);
            propertyIds[count] = fixedPropertyIds[i];
            valueIds[count++] = fixedValues[i].idOf(bytes, r.start(column), r.end(column));
        }
        for (String[] extra : r.extraFields()) {
            count = addProperty(count, extra[0], extra[1]);
        }
        if (jsonColumns.length == 0) {
            return count;
        }
        Map<String, String> expanded = new LinkedHashMap<>();
        for (int j = 0; j < jsonColumns.length; j++) {
            int column = jsonColumns[j];
            if (r.end(column) == r.start(column)) {
                continue;
            }
            try {
                JsonNode value = JsonLinesSource.JSON.readTree(r.text(column));
                if (value == null || !value.isContainerNode()) {
                    throw new IllegalArgumentException("it is neither a JSON object nor an array");
                }
                jsonFields.expand(jsonColumnNames[j], value, expanded);
            } catch (IOException | IllegalArgumentException e) {
                reject(r, mapping.headers().get(column), "the value is not JSON: " + PlainMessages.of(e));
                return -1;
            }
        }
        for (Map.Entry<String, String> field : expanded.entrySet()) {
            count = addProperty(count, field.getKey(), field.getValue());
        }
        return count;
    }

    private int addProperty(int count, String name, String value) {
        ensureRoom(count + 1);
        int property = writer.propertyId(name);
        propertyIds[count] = property;
        valueIds[count] = writer.values(property).idOf(value);
        return count + 1;
    }

    private void ensureRoom(int size) {
        if (size > propertyIds.length) {
            propertyIds = Arrays.copyOf(propertyIds, size * 2);
            valueIds = Arrays.copyOf(valueIds, size * 2);
        }
    }

    /** The report keeps the row as the file wrote it: the JSON line, or the CSV fields joined as CSV again. */
    private void reject(RecordSource r, String column, String reason) {
        String raw = r.rawText();
        if (raw == null) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.fieldCount(); i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                line.append(csvField(r.text(i)));
            }
            raw = line.toString();
        }
        rejects.reject(fileName, r.line(), column, reason, raw);
    }

    private String csvField(String value) {
        boolean quote = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static int trimStart(byte[] bytes, int from, int to) {
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] bytes, int from, int to) {
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    /** FNV-1a over the bytes, widened to 64 bits: collisions among insert ids are vanishingly rare. */
    static long hash64(byte[] bytes, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= bytes[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
