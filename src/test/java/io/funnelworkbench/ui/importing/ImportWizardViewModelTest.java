package io.funnelworkbench.ui.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.importer.IdentityRule;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.importer.TimeFormat;
import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.RepeatedRows;
import io.funnelworkbench.testing.Datasets;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.EventTotal;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.Fact;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.Page;
import io.funnelworkbench.ui.main.AppSettings;
import io.funnelworkbench.ui.main.MainWindowViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportWizardViewModelTest {
    private static final String EVENTS = """
            user_id,event_name,timestamp,visit,country
            u1,view,2024-01-01T09:00:00Z,s1,DE
            u2,view,2024-01-02T10:00:00Z,s2,FR
            u1,buy,2024-01-03T11:30:00Z,s1,DE
            u3,view,yesterday,s3,DE
            """;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private MainWindowViewModel main;

    @BeforeEach
    void openProject() {
        main = new MainWindowViewModel(new SynchronousRunner(), new AppSettings(dir.resolve("settings.properties")),
                (delay, fade) -> { });
        main.setErrorSink(errors::add);
        main.createProject(dir.resolve("shop"));
        assertThat(main.projectOpen().get()).isTrue();
    }

    @AfterEach
    void closeProject() {
        main.closeProject();
        assertThat(errors).isEmpty();
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String fact(ImportWizardViewModel wizard, String label) {
        return wizard.facts().stream().filter(f -> f.label().equals(label)).map(Fact::value).findFirst().orElseThrow();
    }

    @Test
    void previewsTheFirstFileAndSaysHowItWasRead() throws Exception {
        Path csv = write("events.csv", "\uFEFF" + EVENTS.replace(',', ';'));
        ImportWizardViewModel wizard = main.importWizard(List.of(csv));

        assertThat(wizard.previewProperty().get().rows()).hasSize(4);
        assertThat(wizard.previewProperty().get().headers())
                .containsExactly("user_id", "event_name", "timestamp", "visit", "country");
        assertThat(wizard.formatLineProperty().get())
                .isEqualTo("UTF-8 with BOM, semicolon-separated · 5 columns · time: date and time with zone");
        assertThat(wizard.previewNoteProperty().get()).isEqualTo("All 4 rows of events.csv");
        assertThat(wizard.mappingProperty().get().roles()).containsExactly(ColumnRole.USER, ColumnRole.EVENT,
                ColumnRole.TIME, ColumnRole.PROPERTY, ColumnRole.PROPERTY);
        assertThat(wizard.problemProperty().get()).isNull();
        assertThat(wizard.errorProperty().get()).isNull();
        assertThat(wizard.canImport().get()).isTrue();
        assertThat(wizard.pageProperty().get()).isEqualTo(Page.MAPPING);
    }

    @Test
    void namesTheToolWhoseExportItRecognisesAndHowItReadsTheTimes() throws Exception {
        Path ga4 = write("ga4.csv", """
                event_date,event_timestamp,event_name,user_pseudo_id,ga_session_id
                20240501,1714521639164236,page_view,1000039595.1714500000,1714520004
                """);
        ImportWizardViewModel wizard = main.importWizard(List.of(ga4));
        assertThat(wizard.formatLineProperty().get())
                .isEqualTo("UTF-8, comma-separated · 5 columns · GA4 BigQuery export · time: epoch microseconds");

        Path shop = write("shop.csv", """
                event_time,event_type,product_id,user_id,user_session
                2019-11-01 00:00:00,view,1003461,520088904,4d3b30da
                """);
        ImportWizardViewModel shopWizard = main.importWizard(List.of(shop));
        assertThat(shopWizard.formatLineProperty().get()).isEqualTo("UTF-8, comma-separated · 5 columns"
                + " · shop event log with sessions · time: date and time without zone, read as UTC");
        shopWizard.zoneProperty().set("Europe/Berlin");
        assertThat(shopWizard.formatLineProperty().get()).endsWith("read as Europe/Berlin");
    }

    @Test
    void theSummarySaysWhichColumnsAndIdentityRuleWereUsed() throws Exception {
        Path amplitude = write("amplitude.csv", """
                amplitude_id,user_id,device_id,event_type,event_time,event_properties
                1,,dev-1,Viewed Pricing,2024-03-01 08:00:00.000000,"{""plan"": ""team""}"
                1,u-1,dev-1,Signed Up,2024-03-01 08:05:00.000000,{}
                2,NA,dev-2,Viewed Pricing,2024-03-01 09:00:00.000000,{}
                """);
        ImportWizardViewModel wizard = main.importWizard(List.of(amplitude));
        assertThat(wizard.mappingProperty().get().roles()).containsExactly(ColumnRole.PROPERTY, ColumnRole.USER,
                ColumnRole.ANONYMOUS_ID, ColumnRole.EVENT, ColumnRole.TIME, ColumnRole.PROPERTIES_JSON);
        assertThat(wizard.mappingProperty().get().identity()).isEqualTo(IdentityRule.STITCHED);
        wizard.identityProperty().set(IdentityRule.ROW);
        assertThat(wizard.mappingProperty().get().identity()).isEqualTo(IdentityRule.ROW);
        wizard.identityProperty().set(IdentityRule.STITCHED);

        wizard.startImport();
        assertThat(wizard.pageProperty().get()).isEqualTo(Page.SUMMARY);
        assertThat(wizard.facts()).contains(
                new Fact("User", "user_id, else device_id (2 rows had no user id and used the anonymous id)"),
                new Fact("Event", "event_type"),
                new Fact("Placeholder ids (read as no id)", "'NA' (1)"),
                new Fact("Identity (stitched)", "1 anonymous visitor linked to 1 signed-in user"),
                new Fact("Properties created", "2"));
        assertThat(wizard.facts()).extracting(Fact::label).contains("Read as", "Time", "Session", "Duplicates");
    }

    @Test
    void changingARoleUpdatesTheMappingAndItsValidation() throws Exception {
        ImportWizardViewModel wizard = main.importWizard(List.of(write("events.csv", EVENTS)));

        wizard.setRole(3, ColumnRole.SESSION);
        assertThat(wizard.mappingProperty().get().roles().get(3)).isEqualTo(ColumnRole.SESSION);

        wizard.setRole(4, ColumnRole.USER);
        assertThat(wizard.mappingProperty().get().roles()).containsExactly(ColumnRole.PROPERTY, ColumnRole.EVENT,
                ColumnRole.TIME, ColumnRole.SESSION, ColumnRole.USER);

        wizard.setRole(2, ColumnRole.IGNORE);
        assertThat(wizard.problemProperty().get()).startsWith("No column is mapped to Time.");
        assertThat(wizard.canImport().get()).isFalse();

        wizard.setRole(2, ColumnRole.TIME);
        assertThat(wizard.problemProperty().get()).isNull();
        assertThat(wizard.canImport().get()).isTrue();
    }

    @Test
    void aConstantEventNameStandsInForAMissingEventColumn() throws Exception {
        Path leads = write("leads.csv", "mql_id,first_contact_date,origin\nm1,2018-02-01,social\nm2,2017-10-20,\n");
        ImportWizardViewModel wizard = main.importWizard(List.of(leads));
        assertThat(wizard.problemProperty().get()).startsWith("No column is mapped to Event name.");
        assertThat(wizard.eventNameNeededProperty().get()).isTrue();
        assertThat(wizard.canImport().get()).isFalse();

        wizard.constantEventNameProperty().set("  lead ");
        assertThat(wizard.mappingProperty().get().constantEventName()).isEqualTo("lead");
        assertThat(wizard.problemProperty().get()).isNull();
        assertThat(wizard.eventNameNeededProperty().get()).isFalse();

        wizard.startImport();
        assertThat(wizard.pageProperty().get()).isEqualTo(Page.SUMMARY);
        assertThat(wizard.events()).containsExactly(new EventTotal("lead", 2));
    }

    @Test
    void timeZoneAndFormatGoIntoTheMappingAndAnUnknownZoneIsExplained() throws Exception {
        ImportWizardViewModel wizard = main.importWizard(List.of(write("events.csv", EVENTS)));
        assertThat(wizard.zoneProperty().get()).isEqualTo("UTC");

        wizard.zoneProperty().set("Europe/Berlin");
        wizard.timeFormatProperty().set(TimeFormat.ISO);
        assertThat(wizard.mappingProperty().get().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(wizard.mappingProperty().get().timeFormat()).isEqualTo(TimeFormat.ISO);
        assertThat(wizard.timeFormatLabel(TimeFormat.EPOCH_MILLIS)).isEqualTo("Epoch milliseconds");

        wizard.zoneProperty().set("Mars/Olympus");
        assertThat(wizard.problemProperty().get()).startsWith("\"Mars/Olympus\" is not a time zone.");
        assertThat(wizard.canImport().get()).isFalse();
        wizard.zoneProperty().set("+02:00");
        assertThat(wizard.problemProperty().get()).isNull();
    }

    @Test
    void filesWithOtherColumnsCannotShareTheMapping() throws Exception {
        ImportWizardViewModel wizard = main.importWizard(List.of(write("events.csv", EVENTS)));
        Path other = write("orders.csv", "order_id,customer_id,created_at\no1,c1,2024-01-01\n");
        wizard.addFiles(List.of(other, dir.resolve("events.csv")));

        assertThat(wizard.files()).containsExactly(dir.resolve("events.csv"), other);
        assertThat(wizard.problemProperty().get())
                .isEqualTo("orders.csv has other columns than events.csv. Import files with different columns one"
                        + " at a time.");
        wizard.removeFile(other);
        assertThat(wizard.problemProperty().get()).isNull();
        wizard.removeFile(dir.resolve("events.csv"));
        assertThat(wizard.problemProperty().get()).isEqualTo("Add a file to import.");
        assertThat(wizard.previewProperty().get()).isNull();
    }

    @Test
    void anUnreadableFileIsExplainedOnTheFirstPage() throws Exception {
        ImportWizardViewModel wizard = main.importWizard(List.of(write("empty.csv", "")));
        assertThat(wizard.errorProperty().get()).isEqualTo("empty.csv is empty: there is nothing to import.");
        assertThat(wizard.canImport().get()).isFalse();
    }

    @Test
    void importsWithTheEditedMappingAndSummarisesIt() throws Exception {
        ImportWizardViewModel wizard = main.importWizard(List.of(write("events.csv", EVENTS)));
        wizard.setRole(3, ColumnRole.SESSION);
        wizard.startImport();

        assertThat(wizard.pageProperty().get()).isEqualTo(Page.SUMMARY);
        assertThat(wizard.headlineProperty().get()).isEqualTo("3 events imported from events.csv");
        assertThat(fact(wizard, "Rows imported")).isEqualTo("3");
        assertThat(fact(wizard, "Rows rejected")).isEqualTo("1");
        assertThat(fact(wizard, "Duplicates skipped")).isEqualTo("0");
        assertThat(fact(wizard, "Users")).isEqualTo("2");
        assertThat(fact(wizard, "Date range (UTC)")).isEqualTo("1 Jan 2024 09:00 – 3 Jan 2024 11:30");
        assertThat(wizard.events()).containsExactly(new EventTotal("buy", 1), new EventTotal("view", 2));
        assertThat(wizard.rejectsFiles()).singleElement().satisfies(f -> assertThat(f).exists());

        // The main window shows the new events, and the import kept the user's choice of session column.
        assertThat(main.projectProperty().get().events()).isEqualTo(3);
        assertThat(main.projectProperty().get().imports()).singleElement()
                .satisfies(r -> assertThat(r.mapping()).contains("\"visit\":\"session\""));

        wizard.rejectsCopied(wizard.rejectsFiles().get(0));
        assertThat(wizard.rejectsNoteProperty().get()).isEqualTo("No program to open shop.import-1.rejects.csv is"
                + " available here, so its path was copied to the clipboard.");
    }

    @Test
    void aFileImportedBeforeIsRefusedOnTheFirstPageUntilAppendIsChosen() throws Exception {
        Path csv = write("events.csv", EVENTS);
        main.importWizard(List.of(csv)).startImport();

        ImportWizardViewModel again = main.importWizard(List.of(csv));
        again.startImport();
        assertThat(again.pageProperty().get()).isEqualTo(Page.MAPPING);
        assertThat(again.errorProperty().get()).startsWith("events.csv was already imported into this project on")
                .contains("choose Append");
        assertThat(main.projectProperty().get().events()).isEqualTo(3);

        again.repeatsProperty().set(RepeatedRows.APPEND);
        assertThat(again.errorProperty().get()).isNull();
        again.startImport();
        assertThat(again.pageProperty().get()).isEqualTo(Page.SUMMARY);
        assertThat(main.projectProperty().get().events()).isEqualTo(6);
    }

    @Test
    void anOverlappingExportIsRefusedWithTheCountUntilOnlyNewRowsIsChosen() throws Exception {
        main.importWizard(List.of(write("events.csv", EVENTS))).startImport();
        String extra = "u9,view,2024-05-02T10:00:00Z,s9,DE\n";
        ImportWizardViewModel overlap = main.importWizard(List.of(write("events-again.csv", EVENTS + extra)));
        overlap.startImport();
        assertThat(overlap.pageProperty().get()).isEqualTo(Page.MAPPING);
        assertThat(overlap.errorProperty().get()).startsWith("3 of the 4 events of events-again.csv are already in"
                + " the project").contains("\"Only new rows\"");
        assertThat(overlap.repeatsLabel(RepeatedRows.ONLY_NEW)).isEqualTo("Only new rows");

        overlap.repeatsProperty().set(RepeatedRows.ONLY_NEW);
        overlap.startImport();
        assertThat(overlap.pageProperty().get()).isEqualTo(Page.SUMMARY);
        assertThat(main.projectProperty().get().events()).isEqualTo(4);
    }

    @Test
    void progressTextGivesRowsRateAndTimeLeft() {
        assertThat(ImportWizardViewModel.progressText(1_250_000, 0.25, Duration.ofSeconds(5)))
                .isEqualTo("1,250,000 rows · 250,000 rows/s · about 15 s left");
        assertThat(ImportWizardViewModel.progressText(1_234, -1, Duration.ofMillis(200))).isEqualTo("1,234 rows");
        assertThat(ImportWizardViewModel.progressText(90_000, -1, Duration.ofSeconds(3)))
                .isEqualTo("90,000 rows · 30,000 rows/s");
        assertThat(ImportWizardViewModel.progressText(1_000_000, 0.1, Duration.ofSeconds(60)))
                .isEqualTo("1,000,000 rows · 16,667 rows/s · about 9 min left");
        assertThat(ImportWizardViewModel.progressText(1_000_000, 0.01, Duration.ofSeconds(100)))
                .endsWith("about 2 h 45 min left");
    }

    @Test
    void progressAddsUpOverFilesAndCancelComesBackToTheMapping() throws Exception {
        Path first = write("a.csv", EVENTS);
        Path second = write("b.csv", EVENTS.replace("u1", "u9"));
        AtomicLong now = new AtomicLong();
        ControlledImport running = new ControlledImport();
        ImportWizardViewModel wizard = new ImportWizardViewModel(new SynchronousRunner(), errors::add,
                List.of(first, second), running, now::get);

        wizard.startImport();
        assertThat(wizard.pageProperty().get()).isEqualTo(Page.IMPORTING);
        assertThat(wizard.progressTitleProperty().get()).isEqualTo("Importing 2 files");
        assertThat(running.request.files()).containsExactly(first, second);

        now.set(Duration.ofSeconds(2).toNanos());
        running.report(ImportProgress.reading(first, 500_000, 1, 2));
        assertThat(wizard.progressProperty().get()).isEqualTo(0.25);
        assertThat(wizard.progressTextProperty().get()).isEqualTo("500,000 rows · 250,000 rows/s · about 6 s left");

        now.set(Duration.ofSeconds(6).toNanos());
        running.report(ImportProgress.reading(second, 250_000, 1, 2));
        assertThat(wizard.progressProperty().get()).isEqualTo(0.75);
        assertThat(wizard.progressTextProperty().get()).isEqualTo("750,000 rows · 125,000 rows/s · about 2 s left");
        assertThat(wizard.cancellableProperty().get()).isTrue();

        wizard.cancel();
        assertThat(wizard.cancelMessageProperty().get()).isEqualTo("Cancelled: nothing was imported from the file"
                + " under way; files finished before it stay in the project.");
        assertThat(wizard.pageProperty().get()).isEqualTo(Page.IMPORTING);
        wizard.back();
        assertThat(wizard.pageProperty().get()).isEqualTo(Page.MAPPING);
        assertThat(wizard.canImport().get()).isTrue();
    }

    @Test
    void sortingAndSavingAreWordedFromTheTypedProgressWithTheRowsRead() throws Exception {
        Path csv = write("a.csv", EVENTS);
        ControlledImport running = new ControlledImport();
        ImportWizardViewModel wizard = new ImportWizardViewModel(new SynchronousRunner(), errors::add, List.of(csv),
                running, () -> 0L);
        wizard.startImport();
        running.report(ImportProgress.reading(csv, 1_234, 2, 2));
        running.report(ImportProgress.of(ImportProgress.Phase.SORTING));
        assertThat(wizard.progressTextProperty().get()).isEqualTo("1,234 rows read · sorting events by user and time");
        running.report(ImportProgress.saving(600, 1_234));
        assertThat(wizard.progressTextProperty().get()).isEqualTo("1,234 rows read · saving events");
        assertThat(wizard.cancellableProperty().get()).isTrue();
    }

    @Test
    void onceTheEventsAreCommittedCancelIsOff() throws Exception {
        Path csv = write("a.csv", EVENTS);
        ControlledImport running = new ControlledImport();
        ImportWizardViewModel wizard = new ImportWizardViewModel(new SynchronousRunner(), errors::add, List.of(csv),
                running, () -> 0L);
        wizard.startImport();
        running.report(ImportProgress.of(ImportProgress.Phase.UPDATING_PROJECT));

        assertThat(wizard.cancellableProperty().get()).isFalse();
        assertThat(wizard.progressProperty().get()).isEqualTo(-1);
        wizard.cancel();
        assertThat(running.cancelled).isFalse();
        assertThat(wizard.cancelMessageProperty().get()).isNull();
    }

    @Test
    void aCancelledSingleFileSaysNothingWasImportedFromIt() throws Exception {
        ControlledImport running = new ControlledImport();
        ImportWizardViewModel wizard = new ImportWizardViewModel(new SynchronousRunner(), errors::add,
                List.of(write("a.csv", EVENTS)), running, () -> 0L);
        wizard.startImport();
        wizard.cancel();
        assertThat(wizard.cancelMessageProperty().get()).isEqualTo("Cancelled: nothing was imported from a.csv.");
        assertThat(wizard.progressTitleProperty().get()).isEqualTo("Import cancelled");
    }

    /** An import that stays under way until the test reports progress or cancels it. */
    private static final class ControlledImport implements ImportWizardViewModel.Importer, BackgroundRunner.Running {
        private final SimpleDoubleProperty progress = new SimpleDoubleProperty(-1);
        private final SimpleStringProperty message = new SimpleStringProperty("");
        private final SimpleObjectProperty<ImportProgress> importProgress = new SimpleObjectProperty<>();
        private ImportWizardViewModel.ImportRequest request;
        private Consumer<Throwable> onFailure;
        private boolean cancelled;

        @Override
        public BackgroundRunner.Running start(ImportWizardViewModel.ImportRequest started,
                                              Consumer<ImportSummary> onSuccess,
                                              Consumer<Throwable> failure) {
            this.request = started;
            this.onFailure = failure;
            return this;
        }

        void report(ImportProgress step) {
            importProgress.set(step);
        }

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
            cancelled = true;
            onFailure.accept(new Progress.CancelledException());
        }
    }

    @Test
    void importsTheOlistLeadsAndClosedDealsAsANewUserWould() {
        Path olist = Datasets.OLIST;
        ImportWizardViewModel leads = main.importWizard(List.of(olist.resolve(
                "olist_marketing_qualified_leads_dataset.csv")));
        assertThat(leads.problemProperty().get()).contains("Event name");
        assertThat(leads.canImport().get()).isFalse();
        leads.constantEventNameProperty().set("lead");
        assertThat(leads.canImport().get()).isTrue();
        leads.startImport();
        assertThat(leads.pageProperty().get()).isEqualTo(Page.SUMMARY);
        assertThat(fact(leads, "Rows imported")).isEqualTo("8,000");
        assertThat(fact(leads, "Rows rejected")).isEqualTo("0");
        assertThat(fact(leads, "Users")).isEqualTo("8,000");

        ImportWizardViewModel deals = main.importWizard(List.of(olist.resolve("olist_closed_deals_dataset.csv")));
        deals.constantEventNameProperty().set("closed_deal");
        deals.startImport();
        assertThat(fact(deals, "Rows imported")).isEqualTo("842");
        assertThat(deals.events()).containsExactly(new EventTotal("closed_deal", 842));
        assertThat(main.projectProperty().get().events()).isEqualTo(8842);
        assertThat(main.projectProperty().get().users()).isEqualTo(8000);
    }

    @Test
    void refusesTheSessionLevelShoppersFileWithTheReason() {
        ImportWizardViewModel wizard = main.importWizard(List.of(Datasets.SHOPPERS));
        assertThat(wizard.formatLineProperty().get()).isEqualTo("UTF-8, semicolon-separated · 18 columns");
        assertThat(wizard.problemProperty().get()).startsWith("online_shoppers_intention.csv looks like a report of"
                + " counts, not an event export");
        assertThat(wizard.canImport().get()).isFalse();
        assertThat(main.projectProperty().get().events()).isZero();
    }
}
