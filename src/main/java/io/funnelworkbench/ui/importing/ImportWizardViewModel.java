package io.funnelworkbench.ui.importing;

import io.funnelworkbench.importer.ColumnMapping;
import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.importer.EventImporter;
import io.funnelworkbench.importer.FilePreview;
import io.funnelworkbench.importer.IdentityRule;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.importer.TimeFormat;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.PlainMessages;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.RepeatedRows;
import io.funnelworkbench.text.Dates;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.Times;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.background.LatestWins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State of the import wizard: the files, a preview of the first one, the column mapping the user edits, the
 * import under way and its summary. Previews are read through the {@link BackgroundRunner}; the import is
 * started by an {@link Importer}, which knows the open project.
 */
public final class ImportWizardViewModel {
    public static final int PREVIEW_ROWS = 100;
    public static final List<String> ZONES = List.of("UTC", "Europe/London", "Europe/Berlin", "America/New_York",
            "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney");

    private static final List<TimeFormat> TIME_FORMATS = List.of(TimeFormat.AUTO, TimeFormat.ISO,
            TimeFormat.EPOCH_SECONDS, TimeFormat.EPOCH_MILLIS, TimeFormat.EPOCH_MICROS);

    public enum Page { MAPPING, IMPORTING, SUMMARY }

    /** Starts an import in the background and calls back on the FX thread when it ended. */
    @FunctionalInterface
    public interface Importer {
        BackgroundRunner.Running start(ImportRequest request, Consumer<ImportSummary> onSuccess,
                                       Consumer<Throwable> onFailure);
    }

    /** What to import: the files, the one mapping for all of them, and whether files seen before go in again. */
    public record ImportRequest(List<Path> files, ColumnMapping mapping, RepeatedRows repeats) {
        public ImportRequest {
            files = List.copyOf(files);
        }
    }

    /** One line of the summary, such as "Rows imported" and "1,234". */
    public record Fact(String label, String value) {
    }

    public record EventTotal(String name, long count) {
    }

    private final Importer importer;
    private final LatestWins<Previews> previewRun;
    private final LongSupplier nanoTime;

    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.MAPPING);
    private final ReadOnlyObjectWrapper<FilePreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ColumnMapping> mapping = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TimeFormat> timeFormats = FXCollections.observableArrayList(TIME_FORMATS);
    private final StringProperty constantEventName = new SimpleStringProperty("");
    private final StringProperty zone = new SimpleStringProperty("UTC");
    private final ObjectProperty<TimeFormat> timeFormat = new SimpleObjectProperty<>(TimeFormat.AUTO);
    private final ObjectProperty<RepeatedRows> repeats = new SimpleObjectProperty<>(RepeatedRows.REFUSE);
    private final ObjectProperty<IdentityRule> identity = new SimpleObjectProperty<>(IdentityRule.STITCHED);
    private final ReadOnlyStringWrapper formatLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper eventNameNeeded = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canImport;

    private final ReadOnlyStringWrapper progressTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper cancelMessage = new ReadOnlyStringWrapper();

    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ObservableList<Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<EventTotal> events = FXCollections.observableArrayList();
    private final ObservableList<Path> rejectsFiles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rejectsNote = new ReadOnlyStringWrapper();

    private List<String> fileProblems = List.of();
    private BackgroundRunner.Running running;
    private ImportTally tally;

    /** {@code errors}: where a defect (not a file's problem) is shown besides this wizard. */
    public ImportWizardViewModel(BackgroundRunner runner, ErrorDisplay errors, List<Path> initialFiles,
                                 Importer importer) {
        this(runner, errors, initialFiles, importer, System::nanoTime);
    }

    ImportWizardViewModel(BackgroundRunner runner, ErrorDisplay errors, List<Path> initialFiles, Importer importer,
                          LongSupplier nanoTime) {
        this.importer = importer;
        this.previewRun = new LatestWins<>(runner, "reading the files", errors);
        this.nanoTime = nanoTime;
        canImport = Bindings.createBooleanBinding(() -> mapping.get() != null && problem.get() == null
                && !loading.get() && page.get() == Page.MAPPING, mapping, problem, loading, page);
        constantEventName.addListener((obs, old, now) -> mappingInputsChanged());
        zone.addListener((obs, old, now) -> mappingInputsChanged());
        timeFormat.addListener((obs, old, now) -> mappingInputsChanged());
        identity.addListener((obs, old, now) -> mappingInputsChanged());
        mapping.addListener((obs, old, now) -> updateFormatLine());
        repeats.addListener((obs, old, now) -> {
            if (mapping.get() != null) {
                error.set(null);
            }
        });
        files.addListener((ListChangeListener<Path>) change -> loadPreviews());
        addFiles(initialFiles);
        validate();
    }

    // ---- page 1: files and mapping

    public ObservableList<Path> files() {
        return files;
    }

    /** Adds files not listed yet; every file is imported with the mapping made on the first. */
    public void addFiles(List<Path> added) {
        List<Path> fresh = added.stream().map(p -> p.toAbsolutePath().normalize()).distinct()
                .filter(p -> !files.contains(p)).toList();
        if (!fresh.isEmpty()) {
            files.addAll(fresh);
        }
    }

    public void removeFile(Path file) {
        files.remove(file);
    }

    /** What the file list shows beside a file's name: its size and folder. */
    public static String details(Path file) {
        String size;
        try {
            size = Numbers.bytes(Files.size(file));
        } catch (IOException e) {
            size = "unreadable";
        }
        return size + " · " + file.getParent();
    }

    private void loadPreviews() {
        List<Path> listed = List.copyOf(files);
        error.set(null);
        if (listed.isEmpty()) {
            previewRun.cancel();
            loading.set(false);
            showPreview(null);
            fileProblems = List.of();
            validate();
            return;
        }
        FilePreview known = preview.get() != null && preview.get().file().equals(listed.get(0)) ? preview.get() : null;
        loading.set(true);
        previewRun.request(p -> readPreviews(listed, known), read -> {
            loading.set(false);
            fileProblems = read.fileProblems();
            if (read.first() != known) {
                showPreview(read.first());
            }
            validate();
        }, failure -> {
            loading.set(false);
            showPreview(null);
            fileProblems = List.of();
            error.set(failure);
            validate();
        });
    }

    private record Previews(FilePreview first, List<String> fileProblems) {
    }

    /** Runs in the background: the first file's preview, and whether the other files have the same columns. */
    private static Previews readPreviews(List<Path> listed, FilePreview known) {
        FilePreview first = known != null ? known : EventImporter.preview(listed.get(0), PREVIEW_ROWS);
        List<String> problems = new ArrayList<>();
        for (Path other : listed.subList(1, listed.size())) {
            try {
                List<String> headers = EventImporter.preview(other, 0).headers();
                if (!headers.equals(first.headers())) {
                    problems.add(other.getFileName() + " has other columns than " + first.file().getFileName()
                            + ". Import files with different columns one at a time.");
                }
            } catch (RuntimeException e) {
                if (Failures.isDefect(e)) {
                    throw e;
                }
                problems.add(PlainMessages.of(e));
            }
        }
        return new Previews(first, problems);
    }

    /** Shows a new first file with its suggested mapping; the mapping is set first so views find it in place. */
    private void showPreview(FilePreview shown) {
        if (shown == null) {
            mapping.set(null);
            preview.set(null);
            formatLine.set("");
            previewNote.set("");
            return;
        }
        ColumnMapping suggested = shown.suggestedMapping();
        List<TimeFormat> offered = new ArrayList<>(TIME_FORMATS);
        if (!offered.contains(suggested.timeFormat())) {
            offered.add(suggested.timeFormat());
        }
        mapping.set(suggested);
        if (!timeFormats.equals(offered)) {
            timeFormats.setAll(offered);
        }
        timeFormat.set(suggested.timeFormat());
        mapping.set(withInputs(suggested));
        preview.set(shown);
        updateFormatLine();
        previewNote.set(shown.rows().size() < PREVIEW_ROWS
                ? "All " + shown.rows().size() + " rows of " + shown.file().getFileName()
                : "The first " + PREVIEW_ROWS + " rows of " + shown.file().getFileName());
    }

    /** "UTF-8, comma-separated · 10 columns · GA4 BigQuery export · time: epoch microseconds". */
    private void updateFormatLine() {
        FilePreview shown = preview.get();
        if (shown == null || mapping.get() == null) {
            return;
        }
        int columns = shown.headers().size();
        StringBuilder line = new StringBuilder(shown.format().describe()).append(" · ").append(columns)
                .append(columns == 1 ? " column" : " columns");
        shown.schema().ifPresent(schema -> line.append(" · ").append(schema.label()));
        String times = shown.timeDescription(mapping.get());
        if (!times.isEmpty()) {
            line.append(" · time: ").append(times);
        }
        formatLine.set(line.toString());
    }

    public ReadOnlyObjectProperty<FilePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ColumnMapping> mappingProperty() {
        return mapping.getReadOnlyProperty();
    }

    /** Gives a column a role; a role only one column may have moves there from the column that had it. */
    public void setRole(int column, ColumnRole role) {
        ColumnMapping current = mapping.get();
        if (current == null || role == null || current.roles().get(column) == role) {
            return;
        }
        mapping.set(current.withRole(column, role));
        error.set(null);
        validate();
    }

    public StringProperty constantEventNameProperty() {
        return constantEventName;
    }

    public StringProperty zoneProperty() {
        return zone;
    }

    public ObjectProperty<TimeFormat> timeFormatProperty() {
        return timeFormat;
    }

    public ObservableList<TimeFormat> timeFormats() {
        return timeFormats;
    }

    /** How the time format drop-down names a format. */
    public String timeFormatLabel(TimeFormat format) {
        if (format == null) {
            return "";
        }
        return switch (format) {
            case AUTO -> "Automatic";
            case ISO -> "ISO 8601 (2024-05-01T09:30:00)";
            case EPOCH_SECONDS -> "Epoch seconds";
            case EPOCH_MILLIS -> "Epoch milliseconds";
            case EPOCH_MICROS -> "Epoch microseconds";
            case PATTERN -> "Pattern " + (mapping.get() == null ? "" : mapping.get().timePattern());
        };
    }

    /** What to do with rows the project already has: refuse the file (the default), only new rows, or all. */
    public ObjectProperty<RepeatedRows> repeatsProperty() {
        return repeats;
    }

    public List<RepeatedRows> repeatsChoices() {
        return List.of(RepeatedRows.values());
    }

    /** The words of the "Rows the project has" drop-down; the refusal's message names "Only new rows". */
    public String repeatsLabel(RepeatedRows choice) {
        return switch (choice) {
            case REFUSE -> "Refuse the file, saying how many";
            case ONLY_NEW -> "Only new rows";
            case APPEND -> "Import them again (append)";
        };
    }

    /** Who a row with both a user id and an anonymous id belongs to (docs/IMPORT-FORMATS.md, "Identity"). */
    public ObjectProperty<IdentityRule> identityProperty() {
        return identity;
    }

    public List<IdentityRule> identityChoices() {
        return List.of(IdentityRule.values());
    }

    /** The words of the "Anonymous visitors" drop-down. */
    public String identityLabel(IdentityRule choice) {
        return switch (choice) {
            case STITCHED -> "Link to the user they signed in as";
            case ROW -> "Keep each id apart";
        };
    }

    private void mappingInputsChanged() {
        if (mapping.get() != null) {
            mapping.set(withInputs(mapping.get()));
            error.set(null);
        }
        validate();
    }

    private ColumnMapping withInputs(ColumnMapping base) {
        ZoneId chosen = parsedZone();
        TimeFormat format = timeFormat.get() != null ? timeFormat.get() : base.timeFormat();
        return base.withConstantEventName(constantEventName.get())
                .withTime(format, base.timePattern(), chosen != null ? chosen : base.zone())
                .withIdentity(identity.get());
    }

    private ZoneId parsedZone() {
        String text = zone.get() == null ? "" : zone.get().strip();
        try {
            return text.isEmpty() ? null : ZoneId.of(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private void validate() {
        ColumnMapping current = mapping.get();
        eventNameNeeded.set(current != null && current.columnOf(ColumnRole.EVENT) < 0
                && current.constantEventName() == null);
        if (files.isEmpty()) {
            problem.set("Add a file to import.");
        } else if (!fileProblems.isEmpty()) {
            problem.set(fileProblems.get(0));
        } else if (parsedZone() == null) {
            problem.set("\"" + zone.get() + "\" is not a time zone. Choose one from the list, or type a name such as"
                    + " Europe/Paris or an offset such as +02:00.");
        } else {
            problem.set(current == null || preview.get() == null ? null
                    : EventImporter.problemWith(preview.get(), current));
        }
    }

    public ReadOnlyStringProperty formatLineProperty() {
        return formatLine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewNoteProperty() {
        return previewNote.getReadOnlyProperty();
    }

    /** Why the mapping cannot be imported as it stands, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last failure to read or import, in the user's words, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True while no column is the event name and no constant name is given. */
    public ReadOnlyBooleanProperty eventNameNeededProperty() {
        return eventNameNeeded.getReadOnlyProperty();
    }

    public BooleanBinding canImport() {
        return canImport;
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    // ---- page 2: importing

    public void startImport() {
        if (!canImport.get()) {
            return;
        }
        List<Path> importing = List.copyOf(files);
        error.set(null);
        cancelMessage.set(null);
        progress.set(-1);
        progressTitle.set("Importing " + (importing.size() == 1 ? importing.get(0).getFileName().toString()
                : importing.size() + " files"));
        progressText.set("Reading " + importing.get(0).getFileName());
        cancellable.set(true);
        tally = new ImportTally(importing, nanoTime.getAsLong());
        page.set(Page.IMPORTING);
        BackgroundRunner.Running started = importer.start(
                new ImportRequest(importing, mapping.get(), repeats.get()), this::imported, this::failed);
        // A runner may already have finished; only an import still under way is followed.
        if (page.get() == Page.IMPORTING && cancelMessage.get() == null) {
            running = started;
            started.importProgress().addListener((obs, old, now) -> progressChanged(started, now));
            progressChanged(started, started.importProgress().get());
        }
    }

    /** Words the importer's typed progress: rows, rate and time left while reading, then the phase. */
    private void progressChanged(BackgroundRunner.Running source, ImportProgress step) {
        if (source != running || step == null) {
            return;
        }
        switch (step.phase()) {
            case READING -> {
                tally.reading(step);
                double fraction = tally.fraction(step.fraction());
                progress.set(fraction);
                progressText.set(progressText(tally.rows(), fraction,
                        Duration.ofNanos(nanoTime.getAsLong() - tally.startNanos)));
            }
            case SORTING, SAVING -> progressText.set(Numbers.count(tally.rows()) + " rows read · "
                    + step.phase().description().toLowerCase(Locale.ROOT));
            case UPDATING_PROJECT -> {
                // The events are committed; cancelling now would claim nothing was imported.
                cancellable.set(false);
                progress.set(-1);
                progressText.set(Numbers.count(tally.rows()) + " rows read · updating the project");
            }
        }
    }

    /** For example "1,234,567 rows · 250,000 rows/s · about 12 s left"; rate and time left once they mean anything. */
    static String progressText(long rows, double fraction, Duration elapsed) {
        StringBuilder text = new StringBuilder(Numbers.count(rows) + " rows");
        double seconds = elapsed.toNanos() / 1e9;
        if (seconds >= 0.5 && rows > 0) {
            text.append(" · ").append(Numbers.count(Math.round(rows / seconds))).append(" rows/s");
        }
        if (seconds >= 1 && fraction > 0 && fraction < 1) {
            double secondsLeft = Math.max(1, Math.round(seconds * (1 - fraction) / fraction));
            text.append(" · about ").append(Times.duration(secondsLeft)).append(" left");
        }
        return text.toString();
    }

    public void cancel() {
        if (running != null && cancellable.get()) {
            running.cancel();
        }
    }

    /** From the cancelled import back to the mapping, to change it or to close. */
    public void back() {
        if (page.get() == Page.IMPORTING && running == null) {
            cancelMessage.set(null);
            page.set(Page.MAPPING);
        }
    }

    private void failed(Throwable failure) {
        running = null;
        cancellable.set(false);
        if (failure instanceof Progress.CancelledException) {
            List<Path> importing = tally.files;
            progressTitle.set("Import cancelled");
            cancelMessage.set(importing.size() == 1
                    ? "Cancelled: nothing was imported from " + importing.get(0).getFileName() + "."
                    : "Cancelled: nothing was imported from the file under way; files finished before it stay"
                    + " in the project.");
        } else {
            // The main window has logged a defect and shown it; this page says it too, where the user looks.
            error.set(FailureReport.sentence("importing", failure));
            page.set(Page.MAPPING);
        }
    }

    public ReadOnlyStringProperty progressTitleProperty() {
        return progressTitle.getReadOnlyProperty();
    }

    /** The share of the bytes read, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    /** Set once an import was cancelled; null otherwise. */
    public ReadOnlyStringProperty cancelMessageProperty() {
        return cancelMessage.getReadOnlyProperty();
    }

    // ---- page 3: summary

    private void imported(ImportSummary summary) {
        running = null;
        cancellable.set(false);
        headline.set(Numbers.counted(summary.rowsImported(), "event") + " imported from " + (
                summary.files().size() == 1 ? summary.files().get(0).file().getFileName().toString()
                        : summary.files().size() + " files"));
        facts.setAll(
                new Fact("Rows imported", Numbers.count(summary.rowsImported())),
                new Fact("Rows rejected", Numbers.count(summary.rowsRejected())),
                new Fact("Duplicates skipped", Numbers.count(summary.duplicatesSkipped())),
                new Fact("Users", Numbers.count(summary.users())),
                new Fact("Date range (UTC)", dateRange(summary)));
        // Files of one import share their mapping, so the first file's reading stands for all of them.
        summary.files().get(0).explanation().lines().forEach(line -> facts.add(new Fact(line.label(), line.value())));
        events.setAll(summary.eventsByName().entrySet().stream()
                .map(e -> new EventTotal(e.getKey(), e.getValue())).toList());
        rejectsFiles.setAll(summary.rejectsFiles());
        rejectsNote.set(null);
        page.set(Page.SUMMARY);
    }

    private static String dateRange(ImportSummary summary) {
        if (summary.firstTimeMicros() == null) {
            return "no events";
        }
        return Dates.dayAndTimeRange(instant(summary.firstTimeMicros()), instant(summary.lastTimeMicros()));
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ObservableList<Fact> facts() {
        return facts;
    }

    public ObservableList<EventTotal> events() {
        return events;
    }

    public ObservableList<Path> rejectsFiles() {
        return rejectsFiles;
    }

    /** The view could not open a rejects report and put its path on the clipboard instead. */
    public void rejectsCopied(Path file) {
        rejectsNote.set("No program to open " + file.getFileName() + " is available here, so its path was copied"
                + " to the clipboard.");
    }

    public ReadOnlyStringProperty rejectsNoteProperty() {
        return rejectsNote.getReadOnlyProperty();
    }

    /** Adds up the per-file progress of an import over all its files. */
    private static final class ImportTally {
        private final List<Path> files;
        private final long[] sizes;
        private final long totalBytes;
        private final long startNanos;
        private int current;
        private long rowsBefore;
        private long rowsInFile;

        ImportTally(List<Path> files, long startNanos) {
            this.files = files;
            this.startNanos = startNanos;
            sizes = files.stream().mapToLong(ImportTally::sizeOf).toArray();
            totalBytes = Arrays.stream(sizes).sum();
        }

        private static long sizeOf(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }

        /** Takes a reading report: a later file adds the rows of the one before to the total. */
        void reading(ImportProgress step) {
            for (int i = current; i < files.size() && step.file() != null; i++) {
                if (files.get(i).getFileName().equals(step.file().getFileName())) {
                    if (i > current) {
                        rowsBefore += rowsInFile;
                        current = i;
                    }
                    break;
                }
            }
            rowsInFile = Math.max(0, step.rows());
        }

        long rows() {
            return rowsBefore + rowsInFile;
        }

        /** The share of all files' bytes read, given the share of the current file's; -1 while unknown. */
        double fraction(double fileFraction) {
            if (fileFraction < 0 || totalBytes == 0) {
                return -1;
            }
            long before = 0;
            for (int i = 0; i < current; i++) {
                before += sizes[i];
            }
            return Math.min(1, (before + fileFraction * sizes[current]) / totalBytes);
        }
    }
}
