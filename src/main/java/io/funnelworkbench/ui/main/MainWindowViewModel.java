package io.funnelworkbench.ui.main;

import io.funnelworkbench.export.CsvTableWriter;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.BackgroundRunner;
import io.funnelworkbench.ui.project.ProjectOverview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the main window: which project is open, what runs in the background, recent projects.
 * Opening, importing and exporting run through the {@link BackgroundRunner}; results come back as state.
 */
public final class MainWindowViewModel {
    private final BackgroundRunner runner;
    private final AppSettings settings;
    private final ObjectProperty<ProjectOverview> project = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private final ObservableList<SampleProjects.Sample> samples = FXCollections.observableArrayList();
    private ProjectStore store;
    private BackgroundRunner.Running running;
    private Consumer<String> errorSink = message -> { };
    private Consumer<ImportSummary> importSink = summary -> { };

    public MainWindowViewModel(BackgroundRunner runner, AppSettings settings) {
        this.runner = runner;
        this.settings = settings;
        recentProjects.setAll(settings.recentProjects());
        samples.setAll(SampleProjects.list());
    }

    /** Where failures the user must read go (the controller shows a dialog). */
    public void setErrorSink(Consumer<String> errorSink) {
        this.errorSink = errorSink;
    }

    /** Where import summaries go when an import finishes. */
    public void setImportSink(Consumer<ImportSummary> importSink) {
        this.importSink = importSink;
    }

    public ObjectProperty<ProjectOverview> projectProperty() {
        return project;
    }

    public BooleanBinding projectOpen() {
        return project.isNotNull();
    }

    public StringBinding windowTitle() {
        return Bindings.createStringBinding(() -> project.get() == null ? "Funnel Workbench"
                : project.get().name() + " — Funnel Workbench", project);
    }

    public StringProperty statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<Path> recentProjects() {
        return recentProjects;
    }

    public ObservableList<SampleProjects.Sample> samples() {
        return samples;
    }

    public void openProject(Path file) {
        if (store != null && store.databaseFile().equals(ProjectPaths.databaseFile(file))) {
            status.set(store.name() + " is already open");
            return;
        }
        start("Opening " + file.getFileName(), p -> load(ProjectStore.open(file), p), this::adopt);
    }

    public void createProject(Path file) {
        start("Creating " + file.getFileName(), p -> load(ProjectStore.create(file), p), this::adopt);
    }

    public void openSample(String name) {
        start("Preparing the " + name + " sample", p -> load(ProjectStore.open(SampleProjects.prepare(name, p)), p),
                this::adopt);
    }

    /** Imports files into the open project with the detected mapping, then shows the summary. */
    public void importFiles(List<Path> files) {
        if (store == null) {
            errorSink.accept("Open or create a project first: events are imported into a project.");
            return;
        }
        ProjectStore target = store;
        start("Importing " + files.size() + (files.size() == 1 ? " file" : " files"), p -> {
            ImportSummary summary = new ImportService(target).importFiles(files, null, false, p);
            return new Imported(summary, ProjectOverview.load(target, p));
        }, imported -> {
            project.set(imported.overview());
            importSink.accept(imported.summary());
        });
    }

    /** Creates a project and imports files into it: what dropping files on the welcome screen does. */
    public void createProjectAndImport(Path file, List<Path> files) {
        start("Creating " + file.getFileName(), p -> {
            ProjectStore created = ProjectStore.create(file);
            try {
                ImportSummary summary = new ImportService(created).importFiles(files, null, false, p);
                return new CreatedAndImported(load(created, p), summary);
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
        }, done -> {
            adopt(done.opened());
            importSink.accept(done.summary());
        });
    }

    private record CreatedAndImported(Opened opened, ImportSummary summary) {
    }

    private record Imported(ImportSummary summary, ProjectOverview overview) {
    }

    /** Writes the open project's events-by-name table as CSV. */
    public void exportEventTable(Path target) {
        ProjectOverview shown = project.get();
        if (shown == null) {
            errorSink.accept("Open a project first: there is nothing to export yet.");
            return;
        }
        start("Exporting " + target.getFileName(), p -> {
            List<List<?>> rows = shown.eventCounts().stream()
                    .<List<?>>map(c -> List.of(c.name(), c.events(), c.users())).toList();
            CsvTableWriter.write(target, List.of("event", "events", "users"), rows);
            return target;
        }, written -> status.set("Exported " + written.getFileName()));
    }

    public void closeProject() {
        if (store != null) {
            store.close();
            store = null;
        }
        project.set(null);
        status.set("Ready");
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private static Opened load(ProjectStore opened, Progress p) {
        try {
            return new Opened(opened, ProjectOverview.load(opened, p));
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private record Opened(ProjectStore store, ProjectOverview overview) {
    }

    private void adopt(Opened opened) {
        if (store != null) {
            store.close();
        }
        store = opened.store();
        ProjectOverview overview = opened.overview();
        project.set(overview);
        settings.addRecentProject(overview.file());
        recentProjects.setAll(settings.recentProjects());
        status.set(String.format(Locale.ROOT, "%s: %,d events from %,d users", overview.name(), overview.events(),
                overview.users()));
    }

    private <T> void start(String title, BackgroundRunner.Work<T> work, Consumer<T> onSuccess) {
        busy.set(true);
        status.set(title);
        progress.set(-1);
        BackgroundRunner.Running started = runner.run(title, work, result -> {
            finish();
            onSuccess.accept(result);
        }, failure -> {
            finish();
            if (failure instanceof Progress.CancelledException) {
                status.set("Cancelled: nothing was changed");
            } else {
                status.set("Failed: " + messageOf(failure));
                errorSink.accept(messageOf(failure));
            }
        });
        // A runner may finish before returning; only work still under way is followed.
        if (busy.get()) {
            running = started;
            progress.bind(started.progress());
            started.message().addListener((obs, old, message) -> {
                if (message != null && !message.isBlank() && busy.get()) {
                    status.set(message);
                }
            });
        }
    }

    private void finish() {
        progress.unbind();
        progress.set(0);
        busy.set(false);
        running = null;
    }

    static String messageOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Forgets a recent project whose file is gone. */
    public void pruneRecent() {
        for (Path recent : settings.recentProjects()) {
            if (!Files.exists(recent)) {
                settings.removeRecentProject(recent);
            }
        }
        recentProjects.setAll(settings.recentProjects());
    }
}
