package io.funnelworkbench.importer;

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
import io.funnelworkbench.store.TooManyPropertiesException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Imports CSV and JSON-lines exports into a project, one transaction per file. Rows that cannot be read are
 * written to a rejects report beside the project and counted; they never stop the good rows.
 */
public final class EventImporter {
    private static final int PROGRESS_EVERY = 65_536;
    /** The longest user id, event name or session id taken: longer ones are a broken row, not a name. */
    public static final int MAX_NAME_BYTES = 1_000;
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
            throw unreadable(file, e);
        }
    }

    /** The sentence for a file that cannot be read: damaged packing, or what the system said. */
    private static ImportException unreadable(Path file, Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (Compression.isDamage(cause)) {
            return Compression.of(file).damaged(file, (Exception) cause);
        }
        return new ImportException("Cannot read " + file + ": " + PlainMessages.of(e) + ".", e);
    }

    private static List<String> texts(RecordSource source) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < source.fieldCount(); i++) {
            values.add(source.text(i));
        }
        return values;
    }

    static RecordSource open(Path file, TextFormat format) throws IOException {
        return open(file, format, Files.newInputStream(file), false);
    }

    /**
     * The import's reader: hashes and counts the bytes as they pass (see {@link ReadBytes}), and splits CSV
     * records on a second thread.
     */
    private static RecordSource openForImport(Path file, TextFormat format, MessageDigest digest, ReadBytes counted)
            throws IOException {
        InputStream raw = counted.wrap(new DigestInputStream(Files.newInputStream(file), digest));
        RecordSource source = open(file, format, raw, true);
        return source instanceof CsvRecordSource ? new PrefetchingSource(source) : source;
    }

    /** Counts the bytes read, so the content hash is only recorded when it covers the whole file. */
    private static final class ReadBytes {
        /** Read by the progress report while the reading thread adds to it. */
        private volatile long count;
        private InputStream wrapped;

        /** Reads what the parser left unread (a zip's directory, a gzip trailer), so the hash covers it. */
        void drain() throws IOException {
            wrapped.transferTo(OutputStream.nullOutputStream());
        }

        InputStream wrap(InputStream in) {
            wrapped = new FilterInputStream(in) {
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
            return wrapped;
        }
    }

    /** {@code importing}: JSON lines are parsed ahead on every core ({@link ParallelJsonSource}). */
    private static RecordSource open(Path file, TextFormat format, InputStream raw, boolean importing)
            throws IOException {
        InputStream text = decoded(file, format, raw);
        if (format.kind() == TextFormat.Kind.JSON_LINES) {
            List<String> headers;
            JsonFields fields = new JsonFields();
            try (BufferedReader discovery = reader(file, format)) {
                headers = JsonLinesSource.discoverHeaders(discovery, fields);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(text, format.charset()), 1 << 16);
            return importing ? new ParallelJsonSource(lines, headers, fields)
                    : new JsonLinesSource(lines, headers, fields);
        }
        InputStream utf8 = format.charset().equals(StandardCharsets.UTF_8) ? text
                : new TranscodingInputStream(new InputStreamReader(text, format.charset()));
        CsvRecordSource csv = new CsvRecordSource(utf8, format.delimiter());
        if (format.hasHeader()) {
            csv.readHeader(true, 0);
            return csv;
        }
        List<String> first = firstRecord(file, format);
        if (format.delimiter() == '\t' && SnowplowEnriched.matches(first)) {
            csv.nameColumns(SnowplowEnriched.FIELDS);
        } else {
            csv.readHeader(false, first.size());
        }
        return csv;
    }

    /** The file's text: unpacked (gzip, zip), without its byte-order mark. */
    private static InputStream decoded(Path file, TextFormat format, InputStream raw) throws IOException {
        boolean headerRow = format.kind() == TextFormat.Kind.DELIMITED && format.hasHeader();
        InputStream text = format.compression().open(raw, file.getFileName().toString(), headerRow);
        text.skipNBytes(format.bomLength());
        return text;
    }

    private static BufferedReader reader(Path file, TextFormat format) throws IOException {
        return new BufferedReader(new InputStreamReader(decoded(file, format, Files.newInputStream(file)),
                format.charset()));
    }

    /** The first record of a file without a header row, read as if it were one. */
    private static List<String> firstRecord(Path file, TextFormat format) throws IOException {
        try (RecordSource first = open(file, new TextFormat(format.compression(), format.charset(),
                format.bomLength(), format.kind(), format.delimiter(), true))) {
            return first.headers();
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
            return importRows(file, preview, effective, progress);
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
        if (Compression.isDamage(e) || Compression.isDamage(e.getCause())) {
            return Compression.of(file).damaged(file, e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new ImportException("Reading " + file + " failed: " + PlainMessages.of(e)
                    + ". Nothing was imported from it.", e);
        }
        return (RuntimeException) e;
    }

    /** About how many rows {@code file} has, from the lines in its first megabyte of text and how it is packed. */
    static long estimatedRows(Path file) {
        Compression compression = Compression.of(file);
        ReadBytes packed = new ReadBytes();
        try (InputStream in = compression.open(packed.wrap(Files.newInputStream(file)), file.getFileName().toString(),
                false)) {
            byte[] head = in.readNBytes(1 << 20);
            long lines = 0;
            for (byte b : head) {
                lines += b == '\n' ? 1 : 0;
            }
            // Bytes of text per byte of file: 1 when plain, the first megabyte's packing ratio when compressed.
            double textPerByte = compression == Compression.NONE ? 1 : (double) head.length / Math.max(1, packed.count);
            return lines == 0 ? 1 : (long) (Files.size(file) * textPerByte * lines / Math.max(1, head.length));
        } catch (IOException e) {
            throw unreadable(file, e);
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

    private FileImportResult importRows(Path file, FilePreview preview, ColumnMapping mapping, Progress progress)
            throws IOException, SQLException {
        TextFormat format = preview.format();
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
                reader = new RowReader(file, mapping, writer, rejects, format.delimiter());
            } catch (TooManyPropertiesException e) {
                throw tooManyProperties(file.getFileName().toString(), e, 0);
            }
            long rowsRead;
            try (RecordSource records = openForImport(file, format, digest, counted)) {
                rowsRead = reader.readAll(records, size, () -> counted.count, progress);
                counted.drain();
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
            int[] stitched = reader.stitch();
            try {
                ImportResult result = writer.commit(rowsRead, rejects.count(),
                        rejects.file() == null ? null : rejects.file().toString(),
                        HexFormat.of().formatHex(digest.digest()), options.repeats(), progress);
                return new FileImportResult(file, result.record().id(), rowsRead, writer.rows(), rejects.count(),
                        rejects.file(), result.users(), result.eventsByName(), result.firstTime(),
                        result.lastTime(), reader.duplicates + writer.repeatedSkipped(),
                        ImportExplanation.of(preview, mapping, reader, stitched, writer));
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

    static ImportException tooManyProperties(String fileName, TooManyPropertiesException e, long line) {
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
            in.transferTo(OutputStream.nullOutputStream());
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
