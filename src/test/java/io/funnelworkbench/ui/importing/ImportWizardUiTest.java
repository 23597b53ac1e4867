package io.funnelworkbench.ui.importing;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.Datasets;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.ui.FxTestBase;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.ScriptedDialogs;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FxBackgroundRunner;
import io.funnelworkbench.ui.main.AppSettings;
import io.funnelworkbench.ui.main.MainWindowViewModel;
import io.funnelworkbench.ui.project.ProjectOverview;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the wizard over a window headless, changes a column's role in the preview's header, imports, and
 * checks the summary and the project. With {@code -Dwizard.snapshots=DIR} it also saves each page as a PNG.
 */
class ImportWizardUiTest extends FxRobot {
    @TempDir
    Path dir;

    private FxBackgroundRunner runner;
    private MainWindowViewModel main;
    private Stage owner;
    private Stage wizard;
    private final Screens screens = new Screens(new ScriptedDialogs());

    @BeforeEach
    void openProject() throws Exception {
        owner = FxToolkit.registerPrimaryStage();
        runner = new FxBackgroundRunner();
        main = new MainWindowViewModel(runner, new AppSettings(dir.resolve("settings.properties")));
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(new StackPane(), 400, 300);
            // The wizard takes its owner's stylesheets, as it does over the main window.
            scene.getStylesheets().add(ImportWizardUiTest.class.getResource("/io/funnelworkbench/ui/main/app.css")
                    .toExternalForm());
            stage.setScene(scene);
            stage.show();
            main.createProject(dir.resolve("shop"));
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> main.projectOpen().get());
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> {
            if (wizard != null) {
                wizard.close();
            }
            main.closeProject();
        });
        runner.close();
        FxToolkit.cleanupStages();
    }

    private ImportWizardViewModel openWizard(Path file) throws Exception {
        ImportWizardViewModel model = main.importWizard(List.of(file));
        FxToolkit.setupFixture(() -> wizard = ImportWizardController.open(screens, owner, model));
        return model;
    }

    @Test
    void changesARoleImportsAndSummarises() throws Exception {
        Path csv = dir.resolve("shop-events.csv");
        Files.writeString(csv, """
                user_id,event_name,timestamp,visit,country
                u1,view,2024-03-01T09:00:00Z,s1,DE
                u2,view,2024-03-01T10:00:00Z,s2,FR
                u1,add_to_cart,2024-03-01T09:05:00Z,s1,DE
                u1,purchase,2024-03-02T18:00:00Z,s4,DE
                u3,view,not a time,s5,NL
                """, StandardCharsets.UTF_8);
        ImportWizardViewModel model = openWizard(csv);

        TableView<?> preview = lookup("#previewTable").queryAs(TableView.class);
        Label formatLine = lookup("#formatLine").queryAs(Label.class);
        // The preview rows and the format line arrive from the background inspection in separate FX updates.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> preview.getItems().size() == 5 && !formatLine.getText().isEmpty());
        assertThat(preview.getColumns()).hasSize(5);
        assertThat(preview.getItems().get(0)).isEqualTo(List.of("u1", "view", "2024-03-01T09:00:00Z", "s1", "DE"));
        assertThat(formatLine.getText())
                .isEqualTo("UTF-8, comma-separated · 5 columns · time: date and time with zone");
        // The column roles follow the preview once its mapping is read (in the background, debounced).
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#role-3").tryQuery().isPresent());
        ComboBox<?> visitRole = lookup("#role-3").queryAs(ComboBox.class);
        assertThat(visitRole.getValue()).isEqualTo(ColumnRole.PROPERTY);
        // The mapping page at its opening size: no label shortened.
        List<String> cut = new ArrayList<>();
        interact(() -> cut.addAll(FxTestBase.cutLabels(wizard.getScene().getRoot())));
        assertThat(cut).isEmpty();
        snapshot("mapping");

        clickOn(visitRole);
        clickOn(ColumnRole.SESSION.label());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visitRole.getValue()).isEqualTo(ColumnRole.SESSION);
        assertThat(model.mappingProperty().get().roles().get(3)).isEqualTo(ColumnRole.SESSION);

        clickOn("#importButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lookup("#summaryPage").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(facts()).containsEntry("Rows imported", "4").containsEntry("Rows rejected", "1")
                .containsEntry("Duplicates skipped", "0").containsEntry("Users", "2")
                .containsEntry("Date range (UTC)", "1 Mar 2024 09:00 – 2 Mar 2024 18:00");
        assertThat(lookup("#eventsTable").queryAs(TableView.class).getItems()).hasSize(3);
        assertThat(main.projectProperty().get().events()).isEqualTo(4);

        clickOn(model.rejectsFiles().get(0).getFileName().toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#rejectsNote").queryAs(Label.class).getText()).contains("copied to the clipboard");
        snapshot("summary");

        clickOn("#doneButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wizard.isShowing()).isFalse();

        FxToolkit.setupFixture(main::closeProject);
        try (ProjectStore store = ProjectStore.open(dir.resolve("shop"))) {
            ProjectOverview project = ProjectOverview.load(store, Progress.NONE);
            assertThat(project.events()).isEqualTo(4);
            assertThat(project.imports()).singleElement()
                    .satisfies(r -> assertThat(r.mapping()).contains("\"visit\":\"session\""));
        }
    }

    /** The public Olist lists have no event column: the user types one in the wizard, as a new user would. */
    @Test
    void importsTheOlistLeadsAndDealsThroughTheWindow() throws Exception {
        Path olist = Datasets.OLIST;
        importWithTypedEventName(olist.resolve("olist_marketing_qualified_leads_dataset.csv"), "lead");
        assertThat(facts()).containsEntry("Rows imported", "8,000").containsEntry("Rows rejected", "0")
                .containsEntry("Users", "8,000");
        clickOn("#doneButton");

        importWithTypedEventName(olist.resolve("olist_closed_deals_dataset.csv"), "closed_deal");
        assertThat(facts()).containsEntry("Rows imported", "842").containsEntry("Rows rejected", "0");
        clickOn("#doneButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.projectProperty().get().events()).isEqualTo(8842);
        assertThat(main.projectProperty().get().users()).isEqualTo(8000);
    }

    private void importWithTypedEventName(Path file, String eventName) throws Exception {
        ImportWizardViewModel model = openWizard(file);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.previewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#importButton").query().isDisabled()).isTrue();
        assertThat(lookup("#problemLabel").queryAs(Label.class).getText()).contains("Event name");
        clickOn("#eventNameField").write(eventName);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#importButton").query().isDisabled()).isFalse();
        clickOn("#importButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lookup("#summaryPage").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Renders every page (a GA4-like export, a mapping problem, an import held mid-way, the summary) and checks
     * each picture has content; the PNGs land in target/wizard-snapshots (or -Dwizard.snapshots=DIR) to look at.
     */
    @Test
    void rendersEveryPage() throws Exception {
        Path csv = dir.resolve("ga4-export-2024-05.csv");
        Files.writeString(csv, ga4Export(180), StandardCharsets.UTF_8);
        ImportWizardViewModel model = openWizard(csv);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.previewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("mapping-ga4");

        FxToolkit.setupFixture(() -> model.setRole(2, ColumnRole.PROPERTY));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("mapping-problem");
        FxToolkit.setupFixture(() -> model.setRole(2, ColumnRole.EVENT));

        clickOn("#importButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lookup("#summaryPage").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("summary-ga4");
        FxToolkit.setupFixture(() -> wizard.close());

        SimpleStringProperty message = new SimpleStringProperty("");
        SimpleDoubleProperty progress = new SimpleDoubleProperty(-1);
        SimpleObjectProperty<ImportProgress> importProgress = new SimpleObjectProperty<>();
        long[] now = {0};
        ImportWizardViewModel held = new ImportWizardViewModel(runner, ErrorDisplay.NONE, List.of(csv),
                (request, ok, failed) ->
                new BackgroundRunner.Running() {
                    @Override
                    public ReadOnlyDoubleProperty progress() {
                        return progress;
                    }

                    @Override
                    public ReadOnlyStringProperty message() {
                        return message;
                    }

                    @Override
                    public ReadOnlyObjectProperty<ImportProgress> importProgress() {
                        return importProgress;
                    }

                    @Override
                    public void cancel() {
                        failed.accept(new Progress.CancelledException());
                    }
                }, () -> now[0]);
        FxToolkit.setupFixture(() -> wizard = ImportWizardController.open(screens, owner, held));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> held.canImport().get());
        FxToolkit.setupFixture(() -> {
            held.startImport();
            now[0] = TimeUnit.SECONDS.toNanos(9);
            importProgress.set(ImportProgress.reading(csv, 2_250_000, 42, 100));
        });
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("importing");
        FxToolkit.setupFixture(held::cancel);
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("cancelled");
    }

    private static String ga4Export(int rows) {
        Random random = new Random(7);
        String[] events = {"page_view", "page_view", "page_view", "view_item", "add_to_cart", "begin_checkout",
            "purchase", "sign_up"};
        String[] pages = {"/", "/laptops", "/laptops/zen-14", "/cart", "/checkout", "/phones/pixel-9"};
        String[] devices = {"desktop", "mobile", "tablet"};
        String[] countries = {"Germany", "France", "United States", "Japan", "Brazil"};
        String[] sources = {"google / organic", "newsletter / email", "(direct) / (none)", "facebook / cpc"};
        StringBuilder csv = new StringBuilder("event_date,event_timestamp,event_name,user_pseudo_id,ga_session_id,"
                + "page_location,device_category,country,traffic_source,value\n");
        long micros = 1_714_521_600_000_000L;
        for (int i = 0; i < rows; i++) {
            micros += random.nextInt(90_000_000);
            String event = events[random.nextInt(events.length)];
            String time = i % 70 == 69 ? "n/a" : String.valueOf(micros);
            csv.append("2024050").append(1 + i / 60).append(',').append(time).append(',').append(event).append(',')
                    .append(1_000_000_000L + random.nextInt(40) * 7_919L).append('.').append(1_714_500_000 + i / 9)
                    .append(',').append(1_714_520_000 + random.nextInt(60)).append(',')
                    .append("https://shop.example").append(pages[random.nextInt(pages.length)]).append(',')
                    .append(devices[random.nextInt(devices.length)]).append(',')
                    .append(countries[random.nextInt(countries.length)]).append(',')
                    .append(sources[random.nextInt(sources.length)]).append(',')
                    .append(event.equals("purchase") ? String.valueOf(49 + random.nextInt(900)) : "")
                    .append('\n');
        }
        return csv.toString();
    }

    /** The summary's facts, label to value, as the grid shows them. */
    private Map<String, String> facts() {
        GridPane grid = lookup("#factsGrid").queryAs(GridPane.class);
        Map<String, String> facts = new LinkedHashMap<>();
        List<Node> cells = grid.getChildren();
        for (int i = 0; i + 1 < cells.size(); i += 2) {
            facts.put(((Label) cells.get(i)).getText(), ((Label) cells.get(i + 1)).getText());
        }
        return facts;
    }

    private void snapshot(String page) throws Exception {
        String target = System.getProperty("wizard.snapshots", "target/wizard-snapshots");
        Path file = Files.createDirectories(Path.of(target)).resolve("import-" + page + ".png");
        var image = WaitForAsyncUtils.asyncFx(() -> wizard.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        var written = ImageIO.read(file.toFile());
        assertThat(written.getWidth()).isGreaterThan(400);
        assertThat(written.getHeight()).isGreaterThan(300);
assertThat(Pixels.distinctColours(written, 7)).as("distinct colours on the " + page + " page").isGreaterThan(8);
    }
}
