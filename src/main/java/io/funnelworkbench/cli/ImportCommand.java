package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.importer.ColumnMapping;
import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.importer.EventImporter;
import io.funnelworkbench.importer.ExportSchema;
import io.funnelworkbench.importer.FileImportResult;
import io.funnelworkbench.importer.FilePreview;
import io.funnelworkbench.importer.IdentityRule;
import io.funnelworkbench.importer.ImportExplanation;
import io.funnelworkbench.importer.ImportException;
import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.importer.TimeFormat;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.RepeatedRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code import}: reads event exports into a project and prints a JSON summary. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import event exports into a project (created when absent); prints a JSON summary.",
            "CSV or JSON lines, plain, gzipped or zipped; GA4, Mixpanel, Amplitude, Segment, PostHog and Snowplow"
                + " exports are recognised by their content (docs/IMPORT-FORMATS.md)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, description = "The project file (.mv.db); created when absent.")
    private Path project;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import; they share one mapping.")
    private List<Path> files;

    @Option(names = "--user", paramLabel = "COL", description = "Column with the user id.")
    private String userColumn;

    @Option(names = "--event", paramLabel = "COL", description = "Column with the event name.")
    private String eventColumn;

    @Option(names = "--time", paramLabel = "COL", description = "Column with the event time.")
    private String timeColumn;

    @Option(names = "--session", paramLabel = "COL", description = "Column with the session id.")
    private String sessionColumn;

    @Option(names = "--anonymous-id", paramLabel = "COL",
            description = "Column with the anonymous (device) id, used when a row has no real user id.")
    private String anonymousColumn;

    @Option(names = "--time-format", paramLabel = "FORMAT",
            description = "iso, epoch-s, epoch-ms, epoch-us or a java.time pattern such as dd/MM/yyyy HH:mm.")
    private String timeFormat;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of times written without one (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--event-name", paramLabel = "NAME",
            description = "Event name for every row of files without an event column (e.g. lead).")
    private String eventName;

    @ArgGroup(exclusive = true)
    private Repeats repeats;

    /** What to do with rows the project already has; without either option such a file is refused. */
    static final class Repeats {
        @Option(names = "--only-new", description = "Import only the rows the project does not have yet (for an"
                + " export that overlaps an earlier one).")
        boolean onlyNew;

        @Option(names = "--append", description = "Import every row even though the project has the file or its"
                + " rows already.")
        boolean append;

        RepeatedRows choice() {
            return onlyNew ? RepeatedRows.ONLY_NEW : append ? RepeatedRows.APPEND : RepeatedRows.REFUSE;
        }
    }

    @Option(names = "--identity", paramLabel = "RULE", defaultValue = "stitched",
            description = "stitched (default): the rows of an anonymous id that the export links to a user id belong"
                    + " to that user; row: each row is its user id, else its anonymous id.")
    private String identity;

    @Option(names = "--delimiter", paramLabel = "C",
            description = "The delimiter of CSV files, instead of detecting it: one character, or tab.")
    private String delimiter;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Where to write the report of rejected rows (default: beside the project,"
                    + " NAME.import-N.rejects.csv). One file per import.")
    private Path rejects;

    @Override
    public Integer call() {
        ImportOptions options = new ImportOptions(repeats == null ? RepeatedRows.REFUSE : repeats.choice(),
                delimiter(), rejects);
        FilePreview preview = EventImporter.preview(files.get(0), 100, options.delimiter());
        ColumnMapping mapping = mapping(preview);
        ImportSummary summary;
        boolean created = false;
        try (ProjectStore store = ProjectStore.openOrCreate(project)) {
            created = store.createdNow();
            summary = new ImportService(store).importFiles(files, mapping, options, Progress.NONE);
        } catch (ImportException e) {
            // Only a project this command created, and into which no file went, is removed: a project another
            // command created at the same moment, or earlier files of this one, stay.
            if (created && e.importedBefore().isEmpty()) {
                deleteQuietly(ProjectPaths.databaseFile(project));
            }
            throw e;
        } catch (RuntimeException e) {
            if (created) {
                deleteQuietly(ProjectPaths.databaseFile(project));
            }
            throw e;
        }
        ObjectNode json = toJson(summary);
        json.put("detected_schema", preview.schema().map(ExportSchema::label).orElse(null));
        json.put("time_format", preview.timeDescription(mapping));
        spec.commandLine().getOut().println(Json.write(json));
        summary.files().stream().map(f -> f.explanation().warning()).filter(Objects::nonNull)
                .forEach(warning -> spec.commandLine().getErr().println("Warning: " + warning));
        return 0;
    }

    private Character delimiter() {
        if (delimiter == null) {
            return null;
        }
        if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
            return '\t';
        }
        if (delimiter.length() != 1 || delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r")) {
            throw new ImportException("--delimiter " + delimiter + " is not one character: give one, such as ; or |,"
                    + " or tab.");
        }
        return delimiter.charAt(0);
    }

    /** A project this command created for a failed import is removed, so the failure changes nothing. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The import's own failure is what the user needs to read.
        }
    }

    private ColumnMapping mapping(FilePreview preview) {
        ColumnMapping mapping = preview.suggestedMapping();
        mapping = assign(mapping, userColumn, ColumnRole.USER);
        mapping = assign(mapping, eventColumn, ColumnRole.EVENT);
        mapping = assign(mapping, timeColumn, ColumnRole.TIME);
        mapping = assign(mapping, sessionColumn, ColumnRole.SESSION);
        mapping = assign(mapping, anonymousColumn, ColumnRole.ANONYMOUS_ID);
        mapping = mapping.withIdentity(GoalCommand.parse(IdentityRule.class, identity, "--identity"));
        if (eventName != null) {
            int eventIndex = mapping.columnOf(ColumnRole.EVENT);
            if (eventIndex >= 0 && eventColumn == null) {
                mapping = mapping.withRole(eventIndex, ColumnRole.PROPERTY);
            }
            mapping = mapping.withConstantEventName(eventName);
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new ImportException("--zone " + zone + " is not a time zone; use e.g. UTC, Europe/Berlin or +02:00.");
        }
        if (timeFormat == null) {
            return mapping.withTime(TimeFormat.AUTO, null, zoneId);
        }
        for (TimeFormat format : TimeFormat.values()) {
            if (format.option().equals(timeFormat) && format != TimeFormat.PATTERN) {
                return mapping.withTime(format, null, zoneId);
            }
        }
        try {
            DateTimeFormatter.ofPattern(timeFormat);
        } catch (IllegalArgumentException e) {
            throw new ImportException("--time-format " + timeFormat + " is neither iso, epoch-s, epoch-ms, epoch-us"
                    + " nor a valid date pattern: " + e.getMessage());
        }
        return mapping.withTime(TimeFormat.PATTERN, timeFormat, zoneId);
    }

    private ColumnMapping assign(ColumnMapping mapping, String column, ColumnRole role) {
        if (column == null) {
            return mapping;
        }
        int index = mapping.headers().indexOf(column);
        if (index < 0) {
            throw new ImportException(files.get(0).getFileName() + " has no column named '" + column
                    + "'; its columns are " + String.join(", ", mapping.headers()) + ".");
        }
        return mapping.withRole(index, role);
    }

    static ObjectNode toJson(ImportSummary summary) {
        ObjectNode json = Json.object();
        json.put("files", summary.files().size());
        json.put("rows_read", summary.rowsRead());
        json.put("rows_imported", summary.rowsImported());
        json.put("rows_rejected", summary.rowsRejected());
        json.put("rejects_file", summary.rejectsFiles().isEmpty() ? null : summary.rejectsFiles().get(0).toString());
        json.put("duplicates_skipped", summary.duplicatesSkipped());
        json.put("rows_not_events", summary.rowsNotEvents());
        json.put("users", summary.users());
        ObjectNode events = json.putObject("events_by_name");
        summary.eventsByName().forEach(events::put);
        json.put("first_time", Json.isoTime(summary.firstTimeMicros()));
        json.put("last_time", Json.isoTime(summary.lastTimeMicros()));
        ArrayNode howRead = json.putArray("how_read");
        summary.files().forEach(file -> howRead.add(howRead(file)));
        return json;
    }

    /** How one file was read: the columns and rules the import chose, so a wrong choice can be noticed. */
    private static ObjectNode howRead(FileImportResult file) {
        ImportExplanation e = file.explanation();
        ObjectNode json = Json.object();
        json.put("file", file.file().getFileName().toString());
        json.put("format", e.format());
        json.put("user", e.user());
        json.put("event", e.event());
        json.put("time", e.time());
        json.put("session", e.session());
        json.put("identity", e.identity().option());
        json.put("rows_using_anonymous_id", e.fallbackRows());
        json.put("anonymous_ids_stitched", e.stitchedAnonymous());
        json.put("users_stitched_to", e.stitchedUsers());
        ObjectNode placeholders = json.putObject("placeholder_ids");
        new TreeMap<>(e.placeholders()).forEach(placeholders::put);
        json.put("identity_calls", e.identityCalls());
        json.put("other_calls", e.otherCalls());
        json.put("duplicates", e.duplicates());
        json.put("duplicates_skipped", e.duplicatesSkipped());
        json.put("properties_created", e.propertiesCreated());
        json.put("warning", e.warning());
        return json;
    }
}
