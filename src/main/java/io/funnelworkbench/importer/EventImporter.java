package io.funnelworkbench.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.EventAppender;
import io.funnelworkbench.store.ImportRecord;
import io.funnelworkbench.store.ImportSource;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports delimited text exports into a project, one transaction per file. Rows that cannot be read are
 * written to a rejects report beside the project and counted; they never stop the good rows.
 */
public final class EventImporter {
    private static final int PROGRESS_EVERY = 16_384;

    private final ProjectStore store;

    public EventImporter(ProjectStore store) {
        this.store = store;
    }

    /** Reads the start of {@code file} as the import would, and suggests a column mapping. */
    public static FilePreview preview(Path file, int maxRows) {
        try {
            TextFormat format = TextFormat.detect(file);
            try (CSVParser parser = open(file, format, null)) {
                Iterator<CSVRecord> records = parser.iterator();
                if (!records.hasNext()) {
                    throw new ImportException(file.getFileName() + " is empty: there is nothing to import.");
                }
                List<String> headers = headers(file, records.next());
                List<List<String>> rows = new ArrayList<>();
                while (records.hasNext() && rows.size() < maxRows) {
                    rows.add(records.next().toList());
                }
                return new FilePreview(file, format, headers, rows, ColumnMapper.map(headers, rows));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ImportException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> headers(Path file, CSVRecord header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return names;
    }

    /**
     * Imports one file. Throws {@link ImportException} when the file cannot be imported at all, and
     * {@link Progress.CancelledException} when cancelled; in both cases the project is unchanged.
     */
    public FileImportResult importFile(Path file, ColumnMapping mapping, boolean allowReimport, Progress progress) {
        String hash = contentHash(file);
        List<ImportRecord> earlier = store.imports().findByHash(hash);
        if (!earlier.isEmpty() && !allowReimport) {
            ImportRecord first = earlier.get(0);
            throw new ImportException(file.getFileName() + " was already imported into this project on "
                    + DateTimeFormatter.ISO_LOCAL_DATE.format(first.importedAt().atOffset(ZoneOffset.UTC))
                    + " (" + first.rowsImported() + " events). Importing it again would count its events twice;"
                    + " choose Append (--append on the command line) to import it anyway.");
        }
        ColumnMapping effective = mapping != null ? mapping : preview(file, 100).suggestedMapping();
        String problem = effective.problem();
        if (problem != null) {
            throw new ImportException("Cannot import " + file.getFileName() + ": " + problem);
        }
        try {
            return importRows(file, effective, hash, progress);
        } catch (SQLException e) {
            throw new ImportException("The project could not store " + file.getFileName() + ": " + e.getMessage()
                    + ". Nothing was imported from it.", e);
        } catch (IOException | UncheckedIOException e) {
            throw new ImportException("Reading " + file + " failed: " + e.getMessage()
                    + ". Nothing was imported from it.", e);
        }
    }

    private FileImportResult importRows(Path file, ColumnMapping mapping, String hash, Progress progress)
            throws IOException, SQLException {
        TextFormat format = TextFormat.detect(file);
        long size = Files.size(file);
        ImportSource source = new ImportSource(file.getFileName().toString(), file.toAbsolutePath().toString(), hash,
                size, mappingJson(mapping, format));
        try (EventAppender appender = store.imports().begin(source)) {
            Path rejectsPath = ProjectPaths.rejectsFile(store.databaseFile(), appender.importId());
            RejectsWriter rejects = new RejectsWriter(rejectsPath);
            try (CountingStream counter = new CountingStream(Files.newInputStream(file));
                 CSVParser parser = open(file, format, counter)) {
                RowReader reader = new RowReader(file, mapping, appender, rejects);
                long rowsRead = reader.readAll(parser, rows -> progress.report(counter.count, size,
                        progressMessage(file, rows)), progress);
                rejects.close();
                ImportRecord record = appender.commit(rowsRead, rejects.count(),
                        rejects.file() == null ? null : rejects.file().toString());
                return new FileImportResult(file, record.id(), rowsRead, record.rowsImported(), rejects.count(),
                        rejects.file(), appender.usersSeen(), appender.eventCounts(), record.firstTimeMicros(),
                        record.lastTimeMicros(), reader.duplicates);
            } catch (IOException | SQLException | RuntimeException e) {
                rejects.discard();
                throw e;
            }
        }
    }

    /** Streams the records of one file into the appender, rejecting those that cannot become events. */
    private static final class RowReader {
        private final String fileName;
        private final ColumnMapping mapping;
        private final EventAppender appender;
        private final RejectsWriter rejects;
        private final TimestampParser times;
        private final int userColumn;
        private final int eventColumn;
        private final int timeColumn;
        private final int sessionColumn;
        private final int insertIdColumn;
        private final int[] propertyColumns;
        private final int[] propertyIds;
        private final Set<String> insertIds = new HashSet<>();
        private long duplicates;

        RowReader(Path file, ColumnMapping mapping, EventAppender appender, RejectsWriter rejects)
                throws SQLException {
            this.fileName = file.getFileName().toString();
            this.mapping = mapping;
            this.appender = appender;
            this.rejects = rejects;
            this.times = new TimestampParser(mapping.timeFormat(), mapping.zone(), mapping.timePattern());
            userColumn = mapping.columnOf(ColumnRole.USER);
            eventColumn = mapping.columnOf(ColumnRole.EVENT);
            timeColumn = mapping.columnOf(ColumnRole.TIME);
            sessionColumn = mapping.columnOf(ColumnRole.SESSION);
            insertIdColumn = mapping.columnOf(ColumnRole.INSERT_ID);
            List<Integer> properties = new ArrayList<>();
            for (int c = 0; c < mapping.roles().size(); c++) {
                if (mapping.roles().get(c) == ColumnRole.PROPERTY) {
                    properties.add(c);
                }
            }
            propertyColumns = properties.stream().mapToInt(Integer::intValue).toArray();
            propertyIds = new int[propertyColumns.length];
            for (int i = 0; i < propertyColumns.length; i++) {
                propertyIds[i] = appender.propertyId(mapping.headers().get(propertyColumns[i]));
            }
        }

        long readAll(CSVParser parser, java.util.function.LongConsumer reportProgress, Progress progress)
                throws SQLException {
            Iterator<CSVRecord> records = parser.iterator();
            records.next(); // header
            long rowsRead = 0;
            long line = parser.getCurrentLineNumber() + 1;
            String[] values = new String[propertyColumns.length];
            while (records.hasNext()) {
                CSVRecord record = records.next();
                rowsRead++;
                read(record, line, values);
                line = parser.getCurrentLineNumber() + 1;
                if (rowsRead % PROGRESS_EVERY == 0) {
                    progress.checkCancelled();
                    reportProgress.accept(rowsRead);
                }
            }
            return rowsRead;
        }

        private void read(CSVRecord record, long line, String[] values) throws SQLException {
            int expected = mapping.headers().size();
            if (record.size() != expected) {
                if (record.size() == 1 && record.get(0).isBlank()) {
                    rejects.reject(fileName, line, "", "the line is empty", record);
                } else {
                    rejects.reject(fileName, line, "", "expected " + expected + " fields but found " + record.size()
                            + " (a delimiter or quote inside a value?)", record);
                }
                return;
            }
            String user = record.get(userColumn).strip();
            if (user.isEmpty()) {
                rejects.reject(fileName, line, mapping.headers().get(userColumn), "the user id is empty", record);
                return;
            }
            String event = eventColumn >= 0 ? record.get(eventColumn).strip() : mapping.constantEventName();
            if (event.isEmpty()) {
                rejects.reject(fileName, line, mapping.headers().get(eventColumn), "the event name is empty", record);
                return;
            }
            long time;
            try {
                time = times.parse(record.get(timeColumn));
            } catch (IllegalArgumentException e) {
                rejects.reject(fileName, line, mapping.headers().get(timeColumn), e.getMessage(), record);
                return;
            }
            if (insertIdColumn >= 0) {
                String insertId = record.get(insertIdColumn);
                if (!insertId.isEmpty() && !insertIds.add(insertId)) {
                    duplicates++;
                    return;
                }
            }
            for (int i = 0; i < propertyColumns.length; i++) {
                values[i] = record.get(propertyColumns[i]);
            }
            String session = sessionColumn >= 0 ? record.get(sessionColumn) : null;
            appender.append(user, event, time, session, propertyIds, values);
        }
    }

    /** Progress messages name the file and the rows read, e.g. {@code Importing a.csv · 1,234,567 rows}. */
    public static String progressMessage(Path file, long rows) {
        return String.format(java.util.Locale.ROOT, "Importing %s · %,d rows", file.getFileName(), rows);
    }

    private static CSVParser open(Path file, TextFormat format, InputStream stream) throws IOException {
        InputStream in = stream != null ? stream : Files.newInputStream(file);
        in.skipNBytes(format.bomLength());
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, format.charset()), 1 << 16);
        CSVFormat csv = CSVFormat.DEFAULT.builder().setDelimiter(format.delimiter()).setIgnoreSurroundingSpaces(false)
                .setIgnoreEmptyLines(true).build();
        return csv.parse(reader);
    }

    private static String mappingJson(ColumnMapping mapping, TextFormat format) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("format", format.describe());
        ObjectNode columns = node.putObject("columns");
        for (int c = 0; c < mapping.headers().size(); c++) {
            columns.put(mapping.headers().get(c), mapping.roles().get(c).name().toLowerCase());
        }
        node.put("time_format", mapping.timeFormat().option());
        node.put("zone", mapping.zone().getId());
        if (mapping.constantEventName() != null) {
            node.put("event_name", mapping.constantEventName());
        }
        return node.toString();
    }

    /** SHA-256 of the file's bytes: the same export imported twice has the same hash. */
    static String contentHash(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ImportException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Counts bytes read so progress can be reported against the file size. */
    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
