package io.funnelworkbench.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.importing.ImportWizardViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainWindowViewModelTest {
    @TempDir
    Path dir;

    private MainWindowViewModel model;
    private final List<String> errors = new ArrayList<>();
    private AppSettings settings;

    @BeforeEach
    void setUp() {
        settings = new AppSettings(dir.resolve("settings.properties"));
        model = new MainWindowViewModel(new SynchronousRunner(), settings);
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
