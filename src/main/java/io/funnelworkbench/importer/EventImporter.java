package io.funnelworkbench.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.PlainMessages;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.DiskSpace;
import io.funnelworkbench.store.EventWriter;
import io.funnelworkbench.store.ImportRecord;
import io.funnelworkbench.store.ImportResult;
import io.funnelworkbench.store.ImportSource;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.RepeatedRows;
import io.funnelworkbench.store.RepeatedRowsException;
import io.funnelworkbench.store.StringDictionary;
import io.funnelworkbench.store.TooManyPropertiesException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports CSV and JSON-lines exports into a project, one transaction per file. Rows that cannot be read are
 * written to a rejects report beside the project and counted; they never stop the good rows.
 */
public final class EventImporter {
    private static final int PROGRESS_EVERY = 65_536;
    /** The longest user id, event name or session id taken: longer ones are a broken row, not a name. */
    static final int MAX_NAME_BYTES = 1_000;
    private static final ObjectMapper JSON = JsonLinesSource.JSON;

    private final ProjectStore store;
    private final ImportOptions options;

    public EventImporter(ProjectStore store, ImportOptions options) {
        this.store = store;
        this.options = options;
    }

    /** Reads the start of {@code file} as the import would, and suggests a column mapping. */
    public static FilePreview preview(Path file, int maxRows) {
        return preview(file, maxRows, null);
    }

    /** As {@link #preview(Path, int)}, with the delimiter given rather than detected when it is not null. */
    public static FilePreview preview(Path file, int maxRows, Character delimiter) {
        try {
            TextFormat format = TextFormat.detect(file, delimiter);
            try (RecordSource source = open(file, format)) {
                if (source.headers().isEmpty()) {
                    throw new ImportException(file.getFileName() + " has no columns: there is nothing to import.");
                }
                List<List<String>> rows = new ArrayList<>();
                while (rows.size() < maxRows && source.next()) {
                    if (source.problem() == null) {
                        rows.add(texts(source));
                    }
                }
                return new FilePreview(file, format, source.headers(), rows, ColumnMapper.map(source.headers(), rows));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ImportException("Cannot read " + file + ": " + PlainMessages.of(e) + ".", e);
        }
    }

    private static List<String> texts(RecordSource source) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < source.fieldCount(); i++) {
            values.add(source.text(i));
        }
        return values;
    }

    static RecordSource open(Path file, TextFormat format) throws IOException {
        return open(file, format, Files.newInputStream(file));
    }

    /**
     * The import's reader: hashes and counts the bytes as they pass (see {@link ReadBytes}), and splits CSV
     * records on a second thread.
     */
    private static RecordSource openForImport(Path file, TextFormat format, MessageDigest digest, ReadBytes counted)
            throws IOException {
        InputStream raw = counted.wrap(new DigestInputStream(Files.newInputStream(file), digest));
        RecordSource source = open(file, format, raw);
        return source instanceof CsvRecordSource ? new PrefetchingSource(source) : source;
    }

    /** Counts the bytes read, so the content hash is only recorded when it covers the whole file. */
    private static final class ReadBytes {
        private long count;

        InputStream wrap(InputStream in) {
            return new java.io.FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count += b < 0 ? 0 : 1;
                    return b;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    int n = super.read(bytes, offset, length);
                    count += Math.max(n, 0);
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped = super.skip(n);
                    count += skipped;
                    return skipped;
                }
            };
        }
    }

    private static RecordSource open(Path file, TextFormat format, InputStream raw) throws IOException {
        raw.skipNBytes(format.bomLength());
        if (format.kind() == TextFormat.Kind.JSON_LINES) {
            List<String> headers;
            try (BufferedReader discovery = reader(file, format)) {
                headers = JsonLinesSource.discoverHeaders(discovery);
            }
            return new JsonLinesSource(new BufferedReader(new InputStreamReader(raw, format.charset()), 1 << 16),
                    headers);
        }
        InputStream utf8 = format.charset().equals(StandardCharsets.UTF_8) ? raw
                : new TranscodingInputStream(new InputStreamReader(raw, format.charset()));
        CsvRecordSource csv = new CsvRecordSource(utf8, format.delimiter());
        csv.readHeader(format.hasHeader(), format.hasHeader() ? 0 : columnCount(file, format));
        return csv;
    }

    private static BufferedReader reader(Path file, TextFormat format) throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(format.bomLength());
        return new BufferedReader(new InputStreamReader(in, format.charset()));
    }

    private static int columnCount(Path file, TextFormat format) throws IOException {
        try (RecordSource first = open(file, new TextFormat(format.charset(), format.bomLength(), format.kind(),
                format.delimiter(), true))) {
            return first.headers().size();
        }
    }

    /**
     * Imports one file. Throws {@link ImportException} when the file cannot be imported at all, and
     * {@link Progress.CancelledException} when cancelled; in both cases the project is unchanged.
     */
    public FileImportResult importFile(Path file, ColumnMapping mapping, Progress progress) {
        // Only new rows of a file already imported is a choice that imports nothing; only the default refuses.
        List<ImportRecord> earlier = options.repeats() == RepeatedRows.REFUSE ? sameContent(file) : List.of();
        if (!earlier.isEmpty()) {
            ImportRecord first = earlier.get(0);
            throw new ImportException(file.getFileName() + " was already imported into this project on "
                    + DateTimeFormatter.ISO_LOCAL_DATE.format(first.importedAt().atOffset(ZoneOffset.UTC))
                    + " (" + first.rowsImported() + " events). Importing it again would count its events twice;"
                    + " choose Append (--append on the command line) to import it anyway.");
        }
        FilePreview preview = preview(file, 100, options.delimiter());
        ColumnMapping effective = mapping != null ? mapping : preview.suggestedMapping();
        checkMapping(file, preview, effective);
        long needed = DiskSpace.neededForImport(store.databaseFile(), estimatedRows(file));
        long usable = DiskSpace.usable(store.databaseFile());
        if (usable >= 0 && usable < needed) {
            throw new ImportException(DiskSpace.fullDiskSentence(store.databaseFile(), file.getFileName().toString(),
                    needed, false));
        }
        try {
            return importRows(file, preview.format(), effective, progress);
        } catch (SQLException | IOException | RuntimeException e) {
            throw PlainMessages.isOutOfMemory(e) ? outOfMemory(file, e) : failure(file, needed, e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file, e);
        }
    }

    private static ImportException outOfMemory(Path file, Throwable e) {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        long suggestedGb = Math.max(2, 2 * ((maxMb + 1023) >> 10));
        return new ImportException(String.format(Locale.ROOT, "Importing %s needs more memory than Funnel"
                + " Workbench may use (%,d MB): nothing was imported. Give it more (for the command line, java"
                + " -Xmx%dg), or split the file.", file.getFileName(), maxMb, suggestedGb), e);
    }

    /** The sentence for an import that failed part way: a full disk, the project, or the file. */
    private RuntimeException failure(Path file, long needed, Exception e) {
        if (DiskSpace.isRefusedWrite(e)) {
            return new ImportException(DiskSpace.fullDiskSentence(store.databaseFile(),
                    file.getFileName().toString(), needed, true), e);
        }
        if (e instanceof SQLException) {
            return new ImportException("The project could not store " + file.getFileName() + ": "
                    + PlainMessages.of(e) + ". Nothing was imported from it.", e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new ImportException("Reading " + file + " failed: " + PlainMessages.of(e)
                    + ". Nothing was imported from it.", e);
        }
        return (RuntimeException) e;
    }

    /** About how many rows {@code file} has, from the length of the lines in its first megabyte. */
    static long estimatedRows(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1 << 20);
            long lines = 0;
            for (byte b : head) {
                lines += b == '\n' ? 1 : 0;
            }
            long size = Files.size(file);
            return lines == 0 ? 1 : size * lines / Math.max(1, head.length);
        } catch (IOException e) {
            throw new ImportException("Cannot read " + file + ": " + PlainMessages.of(e) + ".", e);
        }
    }

    /** Earlier imports with this file's content; the hash is only computed when an import has its size. */
    private List<ImportRecord> sameContent(Path file) {
        try {
            List<ImportRecord> sameSize = store.imports().findBySize(Files.size(file));
            if (sameSize.isEmpty()) {
                return List.of();
            }
            String hash = contentHash(file);
            return sameSize.stream().filter(r -> r.contentHash().equals(hash)).toList();
        } catch (IOException e) {
            throw new ImportException("Cannot read " + file + ": " + PlainMessages.of(e) + ".", e);
        }
    }

    /**
     * Why a file with this preview cannot be imported with this mapping (an aggregated report, a missing user,
     * time or event column, no rows), or null when it can: what the wizard shows before Import is pressed.
     */
    public static String problemWith(FilePreview preview, ColumnMapping mapping) {
        String fileName = preview.file().getFileName().toString();
        if (!mapping.headers().equals(preview.headers())) {
            return fileName + " has the columns " + String.join(", ", preview.headers())
                    + ", not those of the mapping (" + String.join(", ", mapping.headers())
                    + "). Import files with different columns separately.";
        }
        String aggregate = AggregateCheck.explain(fileName, preview.headers(), preview.rows(), mapping);
        if (aggregate != null) {
            return aggregate;
        }
        if (mapping.problem() != null) {
            return mapping.problem();
        }
        if (preview.rows().isEmpty()) {
            return fileName + " has a header row but no events: there is nothing to import.";
        }
        return null;
    }

    private static void checkMapping(Path file, FilePreview preview, ColumnMapping mapping) {
        String problem = problemWith(preview, mapping);
        if (problem != null) {
            throw new ImportException(problem.equals(mapping.problem())
                    ? "Cannot import " + file.getFileName() + ": " + problem : problem);
        }
    }

    private FileImportResult importRows(Path file, TextFormat format, ColumnMapping mapping, Progress progress)
            throws IOException, SQLException {
        long size = Files.size(file);
        ImportSource source = new ImportSource(file.getFileName().toString(), file.toAbsolutePath().toString(), "",
                size, mappingJson(mapping, format));
        MessageDigest digest = sha256();
        ReadBytes counted = new ReadBytes();
        try (EventWriter writer = store.imports().begin(source)) {
            Path report = options.rejectsReport() != null ? options.rejectsReport()
                    : ProjectPaths.rejectsFile(store.databaseFile(), writer.importId());
            if (options.rejectsReport() == null) {
                // A report of this number can only be left by an import that never finished (killed, or with
                // every row rejected): it belongs to no import of the project.
                Files.deleteIfExists(report);
            }
            RejectsWriter rejects = new RejectsWriter(report);
            RowReader reader;
            try {
                reader = new RowReader(file, mapping, writer, rejects);
            } catch (TooManyPropertiesException e) {
                throw tooManyProperties(file.getFileName().toString(), e, 0);
            }
            long rowsRead;
            try (RecordSource records = openForImport(file, format, digest, counted)) {
                rowsRead = reader.readAll(records, size, progress);
                rejects.close();
            } catch (IOException | SQLException | RuntimeException | Error e) {
                rejects.discard();
                throw e;
            }
            if (counted.count != size || Files.size(file) != size) {
                rejects.discard();
                throw new ImportException(file.getFileName() + " changed while it was read (it had " + size
                        + " bytes, " + Files.size(file) + " now): nothing was imported. Import it again once it is"
                        + " complete.");
            }
            if (writer.rows() == 0 && rejects.count() > 0 && reader.duplicates == 0) {
                throw noRowReadable(file, rowsRead, rejects);
            }
            try {
                ImportResult result = writer.commit(rowsRead, rejects.count(),
                        rejects.file() == null ? null : rejects.file().toString(),
                        HexFormat.of().formatHex(digest.digest()), options.repeats(), progress);
                return new FileImportResult(file, result.record().id(), rowsRead, writer.rows(), rejects.count(),
                        rejects.file(), result.users(), result.eventsByName(), result.firstTime(),
                        result.lastTime(), reader.duplicates + writer.repeatedSkipped());
            } catch (RepeatedRowsException e) {
                rejects.discard();
                throw repeatedRows(file, e);
            } catch (SQLException | RuntimeException e) {
                rejects.discard();
                throw e;
            }
        }
    }

    /** {@code line} 0: the property is one of the file's columns (or fields, in JSON lines). */
    private static ImportException repeatedRows(Path file, RepeatedRowsException e) {
        long fresh = e.rows() - e.repeated();
        if (fresh == 0) {
            return new ImportException(String.format(Locale.ROOT, "Every event of %s (%,d) is already in the project"
                    + " (the same user, event, time and properties), so nothing in it is new and nothing was"
                    + " imported. Import them again anyway with --append.", file.getFileName(), e.rows()), e);
        }
        return new ImportException(String.format(Locale.ROOT, "%,d of the %,d events of %s are already in the project"
                + " (the same user, event, time and properties), as when an export overlaps an earlier one. Nothing"
                + " was imported. Import only the %,d new %s with --only-new (\"Only new rows\" in the wizard), or"
                + " all of them with --append.", e.repeated(), e.rows(), file.getFileName(), fresh,
                fresh == 1 ? "one" : "ones"), e);
    }

    private static ImportException tooManyProperties(String fileName, TooManyPropertiesException e, long line) {
        String where = line == 0 ? "among its columns" : String.format(Locale.ROOT, "on line %,d", line);
        return new ImportException(String.format(Locale.ROOT, "%s has more than %,d different properties (the next,"
                + " '%s', %s): a project keeps at most %,d, each a column with a value for every event. Set the"
                + " columns you do not need to Ignore, or leave unneeded nested fields out of the export. Nothing"
                + " was imported.", fileName, EventWriter.MAX_PROPERTIES, e.property(), where,
                EventWriter.MAX_PROPERTIES), e);
    }

    /** Nothing of the file is imported; the report of its rows stays, since it is what the user reads next. */
    private static ImportException noRowReadable(Path file, long rowsRead, RejectsWriter rejects) {
        return new ImportException(String.format(Locale.ROOT, "None of the %,d rows of %s could be imported; the"
                + " first was rejected at %s. Every row and its reason are listed in %s. Nothing was imported.",
                rowsRead, file.getFileName(), rejects.firstRejection(), rejects.file()));
    }

    /** Turns the records of one file into events, rejecting those that cannot become events. */
    private static final class RowReader {
        private final String fileName;
        private final ColumnMapping mapping;
        private final EventWriter writer;
        private final RejectsWriter rejects;
        private final TimestampParser times;
        private final int userColumn;
        private final int eventColumn;
        private final int timeColumn;
        private final int sessionColumn;
        private final int insertIdColumn;
        private final int jsonColumn;
        private final int constantEvent;
        private final int[] propertyColumns;
        private final int[] fixedPropertyIds;
        private final StringDictionary[] fixedValues;
        private int[] propertyIds = new int[16];
        private int[] valueIds = new int[16];
        private long duplicates;

        RowReader(Path file, ColumnMapping mapping, EventWriter writer, RejectsWriter rejects) {
            this.fileName = file.getFileName().toString();
            this.mapping = mapping;
            this.writer = writer;
            this.rejects = rejects;
            this.times = new TimestampParser(mapping.timeFormat(), mapping.zone(), mapping.timePattern());
            userColumn = mapping.columnOf(ColumnRole.USER);
            eventColumn = mapping.columnOf(ColumnRole.EVENT);
            timeColumn = mapping.columnOf(ColumnRole.TIME);
            sessionColumn = mapping.columnOf(ColumnRole.SESSION);
            insertIdColumn = mapping.columnOf(ColumnRole.INSERT_ID);
            jsonColumn = mapping.columnOf(ColumnRole.PROPERTIES_JSON);
            constantEvent = eventColumn < 0 ? writer.eventNames().idOf(mapping.constantEventName()) : -1;
            List<Integer> properties = new ArrayList<>();
            for (int c = 0; c < mapping.roles().size(); c++) {
                if (mapping.roles().get(c) == ColumnRole.PROPERTY) {
                    properties.add(c);
                }
            }
            propertyColumns = properties.stream().mapToInt(Integer::intValue).toArray();
            fixedPropertyIds = new int[propertyColumns.length];
            fixedValues = new StringDictionary[propertyColumns.length];
            for (int i = 0; i < propertyColumns.length; i++) {
                fixedPropertyIds[i] = writer.propertyId(mapping.headers().get(propertyColumns[i]));
                fixedValues[i] = writer.values(fixedPropertyIds[i]);
            }
        }

        long readAll(RecordSource records, long size, Progress progress) throws IOException, SQLException {
            long rowsRead = 0;
            while (records.next()) {
                rowsRead++;
                try {
                    read(records);
                } catch (TooManyPropertiesException e) {
                    throw tooManyProperties(fileName, e, records.line());
                }
                if (rowsRead % PROGRESS_EVERY == 0) {
                    progress.checkCancelled();
                    progress.report(records.bytesRead(), size, progressMessage(Path.of(fileName), rowsRead));
                }
            }
            progress.report(size, size, progressMessage(Path.of(fileName), rowsRead));
            return rowsRead;
        }

        private void read(RecordSource r) throws SQLException {
            if (r.problem() != null) {
                reject(r, "", r.problem());
                return;
            }
            int expected = mapping.headers().size();
            if (r.fieldCount() != expected) {
                reject(r, "", "expected " + expected + " fields but found " + r.fieldCount()
                        + " (a delimiter or quote inside a value?)");
                return;
            }
            byte[] bytes = r.bytes();
            int userStart = trimStart(bytes, r.start(userColumn), r.end(userColumn));
            int userEnd = trimEnd(bytes, userStart, r.end(userColumn));
            if (userStart == userEnd) {
                reject(r, mapping.headers().get(userColumn), "the user id is empty");
                return;
            }
            if (tooLong(r, userColumn, userEnd - userStart, "user id")) {
                return;
            }
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
                time = times.parse(bytes, r.start(timeColumn), r.end(timeColumn));
            } catch (IllegalArgumentException e) {
                reject(r, mapping.headers().get(timeColumn), e.getMessage());
                return;
            }
            if (insertIdColumn >= 0 && r.end(insertIdColumn) > r.start(insertIdColumn)
                    && !writer.firstInsertId(hash64(bytes, r.start(insertIdColumn), r.end(insertIdColumn)))) {
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
            int session = sessionColumn < 0 || r.end(sessionColumn) == r.start(sessionColumn) ? -1
                    : writer.sessions().idOf(bytes, r.start(sessionColumn), r.end(sessionColumn));
            writer.add(writer.users().idOf(bytes, userStart, userEnd), event, time, session, propertyIds, valueIds,
                    count);
        }

        /** Rejects the row when an identifier is longer than any real one ({@link #MAX_NAME_BYTES}). */
        private boolean tooLong(RecordSource r, int column, int length, String what) {
            if (length <= MAX_NAME_BYTES) {
                return false;
            }
            reject(r, mapping.headers().get(column), String.format(Locale.ROOT, "the %s is %,d bytes long; one has"
                    + " at most %,d (a missing delimiter or quote?)", what, length, MAX_NAME_BYTES));
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
            if (jsonColumn >= 0 && r.end(jsonColumn) > r.start(jsonColumn)) {
                try {
                    JsonNode object = JSON.readTree(r.text(jsonColumn));
                    for (Map.Entry<String, String> field : JsonLinesSource.flatten(object).entrySet()) {
                        count = addProperty(count, field.getKey(), field.getValue());
                    }
                } catch (IOException | IllegalArgumentException e) {
                    reject(r, mapping.headers().get(jsonColumn), "the properties are not a JSON object: "
                            + PlainMessages.of(e));
                    return -1;
                }
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

        private void reject(RecordSource r, String column, String reason) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.fieldCount(); i++) {
                values.add(r.text(i));
            }
            rejects.reject(fileName, r.line(), column, reason, values);
        }
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

    /** Progress messages name the file and the rows read, e.g. {@code Importing a.csv · 1,234,567 rows}. */
    public static String progressMessage(Path file, long rows) {
        return String.format(Locale.ROOT, "Importing %s · %,d rows", file.getFileName(), rows);
    }

    private static String mappingJson(ColumnMapping mapping, TextFormat format) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", format.describe());
        ObjectNode columns = node.putObject("columns");
        for (int c = 0; c < mapping.headers().size(); c++) {
            columns.put(mapping.headers().get(c), mapping.roles().get(c).name().toLowerCase(Locale.ROOT));
        }
        node.put("time_format", mapping.timeFormat().option());
        node.put("zone", mapping.zone().getId());
        if (mapping.constantEventName() != null) {
            node.put("event_name", mapping.constantEventName());
        }
        return node.toString();
    }

    /** SHA-256 of the file's bytes: the same export imported twice has the same hash. */
    static String contentHash(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
