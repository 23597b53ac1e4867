package io.funnelworkbench.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.importing.ImportWizardViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainWindowViewModelTest {
    @TempDir
    Path dir;

    private MainWindowViewModel model;
    private final List<String> errors = new ArrayList<>();
    private AppSettings settings;
    /** Fades scheduled by the status bar, run when the test says the time has passed. */
    private final List<Runnable> fades = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @BeforeEach
    void setUp() {
        settings = new AppSettings(dir.resolve("settings.properties"));
        model = new MainWindowViewModel(new SynchronousRunner(), settings, (delay, fade) -> {
            delays.add(delay);
            fades.add(fade);
        });
        model.setErrorSink(errors::add);
    }

    @Test
    void startsOnTheWelcomeScreenWithTheSamples() {
        assertThat(model.projectOpen().get()).isFalse();
        assertThat(model.windowTitle().get()).isEqualTo("Funnel Workbench");
        assertThat(model.samples()).extracting(s -> s.name()).containsExactly("tech-store");
    }

    @Test
    void createsAProjectImportsAFileAndRemembersIt() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user_id,event,time\nu1,view,2024-01-01T00:00:00Z\nu2,view,2024-01-02T00:00:00Z\n"
                + "u1,buy,2024-01-03T00:00:00Z\n");
        List<String> opened = new ArrayList<>();
        model.createProject(dir.resolve("shop"), () -> opened.add(model.projectProperty().get().name()));
        assertThat(opened).containsExactly("shop");
        ImportWizardViewModel wizard = model.importWizard(List.of(csv));
        wizard.startImport();

        assertThat(errors).isEmpty();
        assertThat(wizard.pageProperty().get()).isEqualTo(ImportWizardViewModel.Page.SUMMARY);
        assertThat(model.projectProperty().get().name()).isEqualTo("shop");
        assertThat(model.projectProperty().get().events()).isEqualTo(3);
        assertThat(model.projectProperty().get().users()).isEqualTo(2);
        assertThat(model.windowTitle().get()).isEqualTo("shop — Funnel Workbench");
        assertThat(model.recentProjects()).containsExactly(dir.resolve("shop.mv.db"));
        assertThat(new AppSettings(dir.resolve("settings.properties")).recentProjects())
                .containsExactly(dir.resolve("shop.mv.db"));
        assertThat(model.statusProperty().get()).isEqualTo("Imported 3 events");
        assertThat(model.busyProperty().get()).isFalse();
        model.closeProject();
        assertThat(model.projectOpen().get()).isFalse();
    }

    @Test
    void onlyAConnectedProjectCanBeVerified() {
        model.createProject(dir.resolve("shop"));
        assertThat(model.canVerify().get()).isFalse();
        List<VerificationViewModel.Report> reports = new ArrayList<>();
        model.verifyOnThisComputer(reports::add);
        assertThat(reports).isEmpty();
        assertThat(errors).containsExactly(
                "Verify applies to a connected project whose cluster was reached: open one first.");
    }

    /** GTK preselects "NAME.mv" of "NAME.mv.db"; typing over it left "olist-funnel.db.mv.db" before. */
    @Test
    void aNameTypedOverTheDialogsPreselectionGivesACleanProject() {
        model.createProject(dir.resolve("olist-funnel.db"));
        assertThat(errors).isEmpty();
        assertThat(model.windowTitle().get()).isEqualTo("olist-funnel — Funnel Workbench");
        assertThat(model.recentProjects()).containsExactly(dir.resolve("olist-funnel.mv.db"));
        assertThat(dir.resolve("olist-funnel.db.mv.db")).doesNotExist();
    }

    @Test
    void reportsAProjectHeldElsewhereAsInUse() {
        try (ProjectStore held = ProjectStore.create(dir.resolve("held"))) {
            model.openProject(held.databaseFile());
            assertThat(errors).containsExactly(
                    "The project held is in use by another window. Close it there, then open it again.");
            assertThat(model.projectOpen().get()).isFalse();
            assertThat(model.statusProperty().get()).startsWith("Failed: The project held is in use");
        }
    }

    @Test
    void exportsTheEventTableAsCsv() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user_id,event,time\nu1,=cmd,2024-01-01T00:00:00Z\nu2,view,2024-01-02T00:00:00Z\n"
                + "u1,view,2024-01-03T00:00:00Z\n");
        model.createProject(dir.resolve("shop"));
        model.importWizard(List.of(csv)).startImport();
        Path out = dir.resolve("events-table.csv");
        model.exportEventTable(out);
        assertThat(Files.readAllLines(out)).containsExactly("event,events,users", "view,2,2", "'=cmd,1,1");
        model.closeProject();
    }

    @Test
    void importedNEventsFadesAfterAFewSeconds() throws Exception {
        model.createProject(dir.resolve("shop"));
        model.importWizard(List.of(threeEvents())).startImport();
        assertThat(model.statusProperty().get()).isEqualTo("Imported 3 events");
        assertThat(delays).last().isEqualTo(MainWindowViewModel.REPORT_SHOWN);

        timePasses();

        assertThat(model.statusProperty().get()).isEqualTo("Ready");
        model.closeProject();
    }

    @Test
    void aNewerActionReplacesTheReportAndAnOldFadeLeavesTheNewerReport() throws Exception {
        model.createProject(dir.resolve("shop"));
        model.importWizard(List.of(threeEvents())).startImport();
        List<Runnable> importFade = List.copyOf(fades);
        fades.clear();

        model.exportEventTable(dir.resolve("table.csv"));
        assertThat(model.statusProperty().get()).isEqualTo("Exported table.csv");
        importFade.forEach(Runnable::run);
        assertThat(model.statusProperty().get()).as("the import's fade must not erase the newer report")
                .isEqualTo("Exported table.csv");
        timePasses();
        assertThat(model.statusProperty().get()).isEqualTo("Ready");
        model.closeProject();
    }

    @Test
    void aReportNeverFollowsIntoTheNextProject() throws Exception {
        model.createProject(dir.resolve("shop"));
        model.importWizard(List.of(threeEvents())).startImport();
        model.createProject(dir.resolve("other"));
        assertThat(model.statusProperty().get()).startsWith("other:");
        List<Runnable> staleFades = List.copyOf(fades);
        model.closeProject();
        assertThat(model.statusProperty().get()).isEqualTo("Ready");

        model.createProject(dir.resolve("third"));
        String opened = model.statusProperty().get();
        staleFades.forEach(Runnable::run);
        assertThat(model.statusProperty().get()).as("a fade from an earlier project leaves this one's report")
                .isEqualTo(opened);
        model.closeProject();
    }

    @Test
    void aResultForAProjectClosedMeanwhileIsDropped() throws Exception {
        HeldRunner held = new HeldRunner();
        MainWindowViewModel slow = new MainWindowViewModel(held, settings, (delay, fade) -> { });
        slow.setErrorSink(errors::add);
        slow.createProject(dir.resolve("shop"));
        held.finishAll();
        slow.exportEventTable(dir.resolve("table.csv"));
        slow.closeProject();

        held.finishAll();

        assertThat(slow.statusProperty().get()).isEqualTo("Ready");
        assertThat(errors).isEmpty();
    }

    private Path threeEvents() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user_id,event,time\nu1,view,2024-01-01T00:00:00Z\nu2,view,2024-01-02T00:00:00Z\n"
                + "u1,buy,2024-01-03T00:00:00Z\n");
        return csv;
    }

    private void timePasses() {
        List<Runnable> due = List.copyOf(fades);
        fades.clear();
        due.forEach(Runnable::run);
    }

    /** Holds every piece of work until the test finishes it, as a slow background thread would. */
    private static final class HeldRunner implements BackgroundRunner {
        private final List<Runnable> waiting = new ArrayList<>();

        @Override
        public <T> Running run(Lane lane, String title, Work<T> work, Consumer<T> onSuccess,
                               Consumer<Throwable> onFailure) {
            waiting.add(() -> {
                try {
                    onSuccess.accept(work.run(Progress.NONE));
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
            return null;
        }

        void finishAll() {
            List<Runnable> due = List.copyOf(waiting);
            waiting.clear();
            due.forEach(Runnable::run);
        }
    }

    @Test
    void theImportWizardNeedsAnOpenProject() {
        assertThatThrownBy(() -> model.importWizard(List.of(dir.resolve("x.csv"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forgetsRecentProjectsWhoseFilesAreGone() {
        settings.addRecentProject(dir.resolve("gone.mv.db"));
        model.pruneRecent();
        assertThat(model.recentProjects()).isEmpty();
    }
}
