package io.funnelworkbench.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.SynchronousRunner;
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
    private final List<ImportSummary> imports = new ArrayList<>();
    private AppSettings settings;

    @BeforeEach
    void setUp() {
        settings = new AppSettings(dir.resolve("settings.properties"));
        model = new MainWindowViewModel(new SynchronousRunner(), settings);
        model.setErrorSink(errors::add);
        model.setImportSink(imports::add);
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
        model.createProjectAndImport(dir.resolve("shop"), List.of(csv));

        assertThat(errors).isEmpty();
        assertThat(model.projectProperty().get().name()).isEqualTo("shop");
        assertThat(model.projectProperty().get().events()).isEqualTo(3);
        assertThat(model.projectProperty().get().users()).isEqualTo(2);
        assertThat(model.windowTitle().get()).isEqualTo("shop — Funnel Workbench");
        assertThat(imports).singleElement().extracting(ImportSummary::rowsImported).isEqualTo(3L);
        assertThat(model.recentProjects()).containsExactly(dir.resolve("shop.mv.db"));
        assertThat(new AppSettings(dir.resolve("settings.properties")).recentProjects())
                .containsExactly(dir.resolve("shop.mv.db"));
        assertThat(model.statusProperty().get()).isEqualTo("shop: 3 events from 2 users");
        assertThat(model.busyProperty().get()).isFalse();
        model.closeProject();
        assertThat(model.projectOpen().get()).isFalse();
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
        model.createProjectAndImport(dir.resolve("shop"), List.of(csv));
        Path out = dir.resolve("events-table.csv");
        model.exportEventTable(out);
        assertThat(Files.readAllLines(out)).containsExactly("event,events,users", "view,2,2", "'=cmd,1,1");
        model.closeProject();
    }

    @Test
    void importWithoutAProjectAsksForOne() {
        model.importFiles(List.of(dir.resolve("x.csv")));
        assertThat(errors).containsExactly("Open or create a project first: events are imported into a project.");
    }

    @Test
    void forgetsRecentProjectsWhoseFilesAreGone() {
        settings.addRecentProject(dir.resolve("gone.mv.db"));
        model.pruneRecent();
        assertThat(model.recentProjects()).isEmpty();
    }
}
