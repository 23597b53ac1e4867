package io.funnelworkbench.ui.main;

import io.funnelworkbench.export.CsvTableWriter;
import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.importing.ImportWizardViewModel;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.ImportRequest;
import io.funnelworkbench.ui.project.ClusterLink;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** How long the report of a finished action stays in the status bar before the bar reads "Ready" again. */
    static final Duration REPORT_SHOWN = Duration.ofSeconds(6);
    static final String READY = "Ready";

    private final BackgroundRunner runner;
    private final StatusTimer timer;
    private final AppSettings settings;
    private final ObjectProperty<ProjectOverview> project = new SimpleObjectProperty<>();
    private final ObjectProperty<ProjectSession> session = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty(READY);
    // Counts projects opened and closed: a message written for one project is never shown in another.
    private long projectEpoch;
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private final ObservableList<SampleProjects.Sample> samples = FXCollections.observableArrayList();
    private ProjectStore store;
    /** A connected project's link to its cluster; null for a project whose events were imported. */
    private ClusterLink cluster;
    private final Map<String, String> environment;
    private BackgroundRunner.Running running;
    private final List<Job> jobs = new ArrayList<>();
    private ErrorDisplay errorSink = ErrorDisplay.NONE;
    // Screens opened before the sink is set still reach it, with the details of each failure.
    private final ErrorDisplay forwardedErrors = ErrorDisplay.withDetails((sentence, details) ->
            errorSink.show(sentence, details));

    public MainWindowViewModel(BackgroundRunner runner, AppSettings settings) {
        this(runner, settings, new FxStatusTimer());
    }

    public MainWindowViewModel(BackgroundRunner runner, AppSettings settings, StatusTimer timer) {
        this(runner, settings, timer, System.getenv());
    }

    /** {@code environment} holds the variables a connected project's token is read from. */
    public MainWindowViewModel(BackgroundRunner runner, AppSettings settings, StatusTimer timer,
                               Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.runner = runner;
        this.timer = timer;
        this.settings = settings;
        recentProjects.setAll(settings.recentProjects());
        samples.setAll(SampleProjects.list());
    }

    /** Where failures the user must read go (the controller shows a dialog); the open project's screens too. */
    public void setErrorSink(ErrorDisplay errorSink) {
        this.errorSink = errorSink;
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
            report(store.name() + " is already open");
            return;
        }
        start("Opening " + file.getFileName(), p -> load(ProjectStore.open(file), p), this::adopt);
    }

    public void createProject(Path file) {
        createProject(file, () -> { });
    }

    /** Creates a project and, once it is open, runs {@code then} (the import wizard, for dropped files). */
    public void createProject(Path file, Runnable then) {
        start("Creating " + file.getFileName(), p -> load(ProjectStore.create(file), p), opened -> {
            adopt(opened);
            then.run();
        });
    }

    public void openSample(String name) {
        start("Preparing the " + name + " sample", p -> load(ProjectStore.open(SampleProjects.prepare(name, p)), p),
                this::adopt);
    }

    /** The New team project dialog's state; the project it creates is opened here. */
    public NewTeamProjectViewModel newTeamProject() {
        return new NewTeamProjectViewModel(runner, environment, forwardedErrors, this::openProject);
    }

    /** The import wizard for {@code files}, importing into the open project. */
    public ImportWizardViewModel importWizard(List<Path> files) {
        ProjectStore target = store;
        if (target == null) {
            throw new IllegalStateException("The import wizard needs an open project");
        }
        return new ImportWizardViewModel(runner, forwardedErrors, files,
                (request, onSuccess, onFailure) -> runImport(target, request, onSuccess, onFailure));
    }

    private BackgroundRunner.Running runImport(ProjectStore target, ImportRequest request,
                                               Consumer<ImportSummary> onSuccess, Consumer<Throwable> onFailure) {
        List<Path> files = request.files();
        String title = "Importing " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " files");
        return startForProject(title, p -> {
            ImportSummary summary = new ImportService(target)
                    .importFiles(files, request.mapping(), ImportOptions.repeats(request.repeats()), p);
            p.importing(ImportProgress.of(ImportProgress.Phase.UPDATING_PROJECT));
            // The events are committed: reloading must not be cancelled, or Cancel would claim nothing was imported.
            return new Imported(summary, ProjectOverview.load(target, Progress.NONE));
        }, imported -> {
            show(imported.overview());
            report("Imported " + Numbers.counted(imported.summary().rowsImported(), "event"));
            onSuccess.accept(imported.summary());
        }, failure -> {
            boolean cancelled = Failures.isCancellation(failure);
            report(cancelled ? "Import cancelled"
                    : "Import failed: " + FailureReport.handle("importing", failure, errorSink));
            // Files before the failed one stay imported, and a cancelled task may still be finishing its file.
            if (cancelled || files.size() > 1) {
                startForProject("Loading " + target.name(), p -> ProjectOverview.load(target, p), this::show,
                        failure2 -> reportFailure("Loading " + target.name(), failure2));
            }
            onFailure.accept(failure);
        });
    }

    private record Imported(ImportSummary summary, ProjectOverview overview) {
    }

    /** Writes the open project's events-by-name table as CSV. */
    public void exportEventTable(Path target) {
        ProjectOverview shown = project.get();
        if (shown == null) {
            errorSink.show("Open a project first: there is nothing to export yet.");
            return;
        }
        startForProject("Exporting " + target.getFileName(), p -> {
            List<List<?>> rows = shown.eventCounts().stream()
                    .<List<?>>map(c -> List.of(c.name(), c.events(), c.users())).toList();
            CsvTableWriter.write(target, List.of("event", "events", "users"), rows);
            return target;
        }, written -> report("Exported " + written.getFileName()), failure -> reportFailure("Exporting", failure));
    }

    /** Whether Project › Verify on This Computer… applies: a connected project whose cluster was reached. */
    public BooleanBinding canVerify() {
        return Bindings.createBooleanBinding(() -> VerificationViewModel.canVerify(session.get()), session);
    }

    /**
     * Recomputes a sample of users of every saved funnel here and compares them with the cluster, as a job the
     * status bar follows (with Cancel); {@code show} gets the report while the project is still the one open.
     */
    public void verifyOnThisComputer(Consumer<VerificationViewModel.Report> show) {
        if (!VerificationViewModel.canVerify(session.get())) {
            errorSink.show("Verify applies to a connected project whose cluster was reached: open one first.");
            return;
        }
        VerificationViewModel verification = VerificationViewModel.of(session.get());
        startForProject("Verifying on this computer", verification::run, verified -> {
            report(verified.summary());
            show.accept(verified);
        }, failure -> reportFailure("Verifying on this computer", failure));
    }

    public void closeProject() {
        if (store != null) {
            store.close();
            store = null;
        }
        session.set(null);
        closeCluster();
        project.set(null);
        projectEpoch++;
        status.set(READY);
    }

    /** Shows a (re)loaded project: a new snapshot means a new session for the screens. */
    private void show(ProjectOverview overview) {
        ProjectSession opened = new ProjectSession(store, overview, runner, cluster);
        opened.setErrorSink(forwardedErrors);
        // The session first: the project's header reads where its results are computed from it.
        session.set(opened);
        project.set(overview);
    }

    /** The open project as the goal and funnel screens share it; null on the welcome screen. */
    public ObjectProperty<ProjectSession> sessionProperty() {
        return session;
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Reads the project and, for a connected one, links it to its cluster (whose events it then describes). */
    private Opened load(ProjectStore opened, Progress p) {
        try {
            ProjectOverview overview = ProjectOverview.load(opened, p);
            if (overview.connection() == null) {
                return new Opened(opened, overview, null);
            }
            ClusterLink link = ClusterLink.open(overview.connection(), environment, p);
            return new Opened(opened, overview.withCluster(link), link);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private record Opened(ProjectStore store, ProjectOverview overview, ClusterLink cluster) {
    }

    private void closeCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    private void adopt(Opened opened) {
        if (store != null) {
            store.close();
        }
        store = opened.store();
        ClusterLink previous = cluster;
        cluster = opened.cluster();
        projectEpoch++;
        ProjectOverview overview = opened.overview();
        show(overview);
        // After the screens moved to the new session: nothing computes on the old cluster any more.
        if (previous != null) {
            previous.close();
        }
        settings.addRecentProject(overview.file());
        recentProjects.setAll(settings.recentProjects());
        report(overview.connection() != null
                ? overview.name() + (opened.cluster().reached().isPresent() ? ": connected to " : ": could not reach ")
                        + overview.connection().address()
                : overview.name() + ": " + Numbers.counted(overview.events(), "event") + " from "
                        + Numbers.counted(overview.users(), "user"));
    }

    private <T> BackgroundRunner.Running start(String title, BackgroundRunner.Work<T> work, Consumer<T> onSuccess) {
        return start(title, work, onSuccess, failure -> reportFailure(title, failure));
    }

    /** Bad input is shown in its own words; a defect is logged and shown as one (FailureReport). */
    private void reportFailure(String title, Throwable failure) {
        if (Failures.isCancellation(failure)) {
            report("Cancelled: nothing was changed");
            return;
        }
        String sentence = FailureReport.handle(title.toLowerCase(Locale.ROOT), failure, errorSink);
        report("Failed: " + sentence);
        if (Failures.isBadInput(failure)) {
            errorSink.show(sentence);
        }
    }

    /**
     * Reports how an action ended. The report stays until a newer action writes the status, the project
     * changes, or {@link #REPORT_SHOWN} passes; then the bar reads "Ready".
     */
    private void report(String text) {
        status.set(text);
        long epoch = projectEpoch;
        timer.after(REPORT_SHOWN, () -> {
            if (text.equals(status.get()) && epoch == projectEpoch && jobs.isEmpty()) {
                status.set(READY);
            }
        });
    }

    private <T> BackgroundRunner.Running start(String title, BackgroundRunner.Work<T> work, Consumer<T> onSuccess,
                                               Consumer<Throwable> onFailure) {
        status.set(title);
        Job job = new Job();
        jobs.add(job);
        busy.set(true);
        follow(job);
        job.running = runner.run(title, work, result -> {
            finish(job);
            onSuccess.accept(result);
        }, failure -> {
            finish(job);
            onFailure.accept(failure);
        });
        // A runner may finish before returning; only work still under way is followed.
        if (jobs.contains(job)) {
            follow(job);
        }
        return job.running;
    }

    /**
     * Runs work on the open project whose result (and message) is used only while that project is still the one
     * open; a stale result is dropped, and the bar reads "Ready".
     */
    private <T> BackgroundRunner.Running startForProject(String title, BackgroundRunner.Work<T> work,
                                                         Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        long epoch = projectEpoch;
        return start(title, work, result -> whileProjectIs(epoch, () -> onSuccess.accept(result)),
                failure -> whileProjectIs(epoch, () -> onFailure.accept(failure)));
    }

    private void whileProjectIs(long epoch, Runnable then) {
        if (epoch == projectEpoch) {
            then.run();
        } else if (jobs.isEmpty()) {
            status.set(READY);
        }
    }

    /** Work under way; the status bar follows the latest one, and stays busy until all are done. */
    private static final class Job {
        BackgroundRunner.Running running;
    }

    private void follow(Job job) {
        progress.unbind();
        if (job.running == null) {
            progress.set(-1);
            return;
        }
        running = job.running;
        progress.bind(job.running.progress());
        job.running.message().addListener((obs, old, message) -> {
            if (message != null && !message.isBlank() && jobs.contains(job)) {
                status.set(message);
            }
        });
    }

    private void finish(Job job) {
        jobs.remove(job);
        progress.unbind();
        if (jobs.isEmpty()) {
            progress.set(0);
            busy.set(false);
            running = null;
        } else {
            follow(jobs.get(jobs.size() - 1));
        }
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
