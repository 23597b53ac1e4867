package io.funnelworkbench.ui.importing;

import atlantafx.base.theme.Styles;
import io.funnelworkbench.importer.ColumnMapping;
import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.importer.FilePreview;
import io.funnelworkbench.importer.IdentityRule;
import io.funnelworkbench.importer.TimeFormat;
import io.funnelworkbench.store.RepeatedRows;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.BoundScreen;
import io.funnelworkbench.ui.Labels;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.dialogs.FileKinds;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.EventTotal;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.Fact;
import io.funnelworkbench.ui.importing.ImportWizardViewModel.Page;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the import wizard's three pages to its view model and forwards the user's gestures to it. */
public final class ImportWizardController implements BoundScreen<ImportWizardViewModel> {
    @FXML private BorderPane mappingPage;
    @FXML private ListView<Path> fileList;
    @FXML private Button removeButton;
    @FXML private TextField eventNameField;
    @FXML private ComboBox<String> zoneBox;
    @FXML private ComboBox<TimeFormat> timeFormatBox;
    @FXML private ComboBox<RepeatedRows> repeatsBox;
    @FXML private ComboBox<IdentityRule> identityBox;
    @FXML private Label formatLine;
    @FXML private Label previewNote;
    @FXML private TableView<List<String>> previewTable;
    @FXML private Label problemLabel;
    @FXML private Label errorLabel;
    @FXML private Button importButton;
    @FXML private VBox importingPage;
    @FXML private Label progressTitle;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressText;
    @FXML private Label progressNote;
    @FXML private Label cancelMessage;
    @FXML private Button backButton;
    @FXML private Button closeAfterCancelButton;
    @FXML private Button cancelImportButton;
    @FXML private BorderPane summaryPage;
    @FXML private Label headline;
    @FXML private GridPane factsGrid;
    @FXML private VBox rejectsBox;
    @FXML private VBox rejectsLinks;
    @FXML private Label rejectsNote;
    @FXML private TableView<EventTotal> eventsTable;
    @FXML private TableColumn<EventTotal, String> eventNameColumn;
    @FXML private TableColumn<EventTotal, Long> eventCountColumn;
    @FXML private Button doneButton;

    private final Screens screens;
    private ImportWizardViewModel model;
    private Stage stage;
    private final List<ComboBox<ColumnRole>> roleBoxes = new ArrayList<>();

    public ImportWizardController(Screens screens) {
        this.screens = screens;
    }

    /** Shows the wizard as a modal window over {@code owner}, styled like it. */
    public static Stage open(Screens screens, Window owner, ImportWizardViewModel model) {
        return screens.showWindow(owner, ImportWizardController.class, model,
                new Screens.WindowSpec("Import events", 860, 600));
    }

    @Override
    public void bind(ImportWizardViewModel wizard) {
        bind(wizard, (Stage) mappingPage.getScene().getWindow());
    }

    private void bind(ImportWizardViewModel wizard, Stage window) {
        this.model = wizard;
        this.stage = window;
        bindPages();
        bindFiles();
        bindSettings();
        bindPreview();
        bindImporting();
        bindSummary();
        // Closing the window while importing stops the import, as its Cancel button would.
        stage.setOnCloseRequest(e -> model.cancel());
    }

    private void bindPages() {
        mappingPage.visibleProperty().bind(model.pageProperty().isEqualTo(Page.MAPPING));
        importingPage.visibleProperty().bind(model.pageProperty().isEqualTo(Page.IMPORTING));
        summaryPage.visibleProperty().bind(model.pageProperty().isEqualTo(Page.SUMMARY));
        importButton.defaultButtonProperty().bind(mappingPage.visibleProperty());
        doneButton.defaultButtonProperty().bind(summaryPage.visibleProperty());
    }

    private void bindFiles() {
        fileList.setItems(model.files());
        fileList.setPlaceholder(new Label("Add the exports to import."));
        fileList.setCellFactory(list -> new FileCell());
        removeButton.disableProperty().bind(fileList.getSelectionModel().selectedItemProperty().isNull());
    }

    /** A file's name, then its size and folder in muted text, cut short rather than scrolled sideways. */
    private static final class FileCell extends ListCell<Path> {
        private final Label name = new Label();
        private final Label details = new Label();
        private final HBox box = new HBox(10, name, details);

        FileCell() {
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setMinWidth(Region.USE_PREF_SIZE);
            details.getStyleClass().add(Styles.TEXT_MUTED);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Path file, boolean empty) {
            super.updateItem(file, empty);
            if (empty || file == null) {
                setGraphic(null);
                return;
            }
            name.setText(file.getFileName().toString());
            details.setText(ImportWizardViewModel.details(file));
            setGraphic(box);
        }
    }

    private void bindSettings() {
        eventNameField.textProperty().bindBidirectional(model.constantEventNameProperty());
        model.eventNameNeededProperty().addListener((obs, old, needed) ->
                eventNameField.pseudoClassStateChanged(Styles.STATE_DANGER, needed));
        eventNameField.pseudoClassStateChanged(Styles.STATE_DANGER, model.eventNameNeededProperty().get());
        zoneBox.getItems().setAll(ImportWizardViewModel.ZONES);
        zoneBox.valueProperty().bindBidirectional(model.zoneProperty());
        timeFormatBox.setItems(model.timeFormats());
        timeFormatBox.setConverter(Labels.of(model::timeFormatLabel));
        timeFormatBox.valueProperty().bindBidirectional(model.timeFormatProperty());
        repeatsBox.getItems().setAll(model.repeatsChoices());
        repeatsBox.setConverter(Labels.of(model::repeatsLabel));
        repeatsBox.valueProperty().bindBidirectional(model.repeatsProperty());
        identityBox.getItems().setAll(model.identityChoices());
        identityBox.setConverter(Labels.of(model::identityLabel));
        identityBox.valueProperty().bindBidirectional(model.identityProperty());
        formatLine.textProperty().bind(model.formatLineProperty());
        previewNote.textProperty().bind(model.previewNoteProperty());
        showWhenSet(problemLabel, model.problemProperty());
        showWhenSet(errorLabel, model.errorProperty());
        importButton.disableProperty().bind(model.canImport().not());
    }

    private static void showWhenSet(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    private void bindPreview() {
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty())
                .then("Reading the file…").otherwise("Nothing to preview"));
        previewTable.setPlaceholder(placeholder);
        model.previewProperty().addListener((obs, old, preview) -> showPreview(preview));
        model.mappingProperty().addListener((obs, old, mapping) -> showRoles(mapping));
        showPreview(model.previewProperty().get());
    }

    private void showPreview(FilePreview preview) {
        roleBoxes.clear();
        previewTable.getColumns().clear();
        if (preview == null) {
            previewTable.getItems().clear();
            return;
        }
        previewTable.getItems().setAll(preview.rows());
        for (int i = 0; i < preview.headers().size(); i++) {
            previewTable.getColumns().add(previewColumn(i, preview.headers().get(i)));
        }
        showRoles(model.mappingProperty().get());
    }

    /** A preview column whose header names the column over a drop-down of its role. */
    private TableColumn<List<String>, String> previewColumn(int index, String name) {
        Label title = new Label(name);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ComboBox<ColumnRole> role = new ComboBox<>();
        role.setId("role-" + index);
        role.getItems().setAll(ColumnRole.values());
        role.setConverter(Labels.of(ColumnRole::label));
        role.setMaxWidth(Double.MAX_VALUE);
        role.valueProperty().addListener((obs, old, chosen) -> model.setRole(index, chosen));
        roleBoxes.add(role);
        VBox header = new VBox(6, title, role);
        header.setFillWidth(true);
        TableColumn<List<String>, String> column = new TableColumn<>();
        column.setGraphic(header);
        column.setPrefWidth(widthFor(index, name));
        column.setMinWidth(120);
        column.setSortable(false);
        column.setReorderable(false);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                index < c.getValue().size() ? c.getValue().get(index) : ""));
        return column;
    }

    /** Wide enough for the header and the first rows' values, within reason. */
    private double widthFor(int index, String name) {
        double width = name.length() * 9.5;
        for (List<String> row : previewTable.getItems().subList(0, Math.min(20, previewTable.getItems().size()))) {
            width = Math.max(width, index < row.size() ? row.get(index).length() * 8.5 : 0);
        }
        return Math.max(175, Math.min(320, width + 30));
    }

    private void showRoles(ColumnMapping mapping) {
        if (mapping == null || mapping.roles().size() != roleBoxes.size()) {
            return;
        }
        for (int i = 0; i < roleBoxes.size(); i++) {
            roleBoxes.get(i).setValue(mapping.roles().get(i));
        }
    }

    private void bindImporting() {
        progressTitle.textProperty().bind(model.progressTitleProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        progressText.textProperty().bind(model.progressTextProperty());
        showWhenSet(cancelMessage, model.cancelMessageProperty());
        var cancelled = Bindings.isNotEmpty(model.cancelMessageProperty());
        for (Node afterCancel : List.of(backButton, closeAfterCancelButton)) {
            afterCancel.visibleProperty().bind(cancelled);
            afterCancel.managedProperty().bind(cancelled);
        }
        for (Node whileImporting : List.of(progressBar, progressText, progressNote, cancelImportButton)) {
            whileImporting.visibleProperty().bind(cancelled.not());
            whileImporting.managedProperty().bind(cancelled.not());
        }
        cancelImportButton.disableProperty().bind(model.cancellableProperty().not());
    }

    private void bindSummary() {
        headline.textProperty().bind(model.headlineProperty());
        model.facts().addListener((ListChangeListener<Fact>) c -> showFacts());
        eventsTable.setItems(model.events());
        eventsTable.setPlaceholder(new Label("No events were imported"));
        eventNameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        eventCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        eventCountColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : Numbers.count(value));
            }
        });
        model.rejectsFiles().addListener((ListChangeListener<Path>) c -> showRejects());
        rejectsBox.visibleProperty().bind(Bindings.isNotEmpty(model.rejectsFiles()));
        rejectsBox.managedProperty().bind(rejectsBox.visibleProperty());
        showWhenSet(rejectsNote, model.rejectsNoteProperty());
    }

    private void showFacts() {
        factsGrid.getChildren().clear();
        int row = 0;
        for (Fact fact : model.facts()) {
            Label label = new Label(fact.label());
            label.getStyleClass().add(Styles.TEXT_MUTED);
            Label value = new Label(fact.value());
            value.getStyleClass().add(Styles.TEXT_BOLD);
            value.setWrapText(true);
            factsGrid.addRow(row++, label, value);
        }
    }

    private void showRejects() {
        rejectsLinks.getChildren().setAll(model.rejectsFiles().stream().map(file -> {
            Hyperlink link = new Hyperlink(file.getFileName().toString(), new FontIcon("fth-file-text"));
            link.setTooltip(new Tooltip(file.toString()));
            link.setOnAction(e -> openRejects(file));
            return link;
        }).toList());
    }

    private void openRejects(Path file) {
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            // The desktop may take a moment to start a viewer; that must not freeze the window.
            Thread opener = new Thread(() -> {
                try {
                    Desktop.getDesktop().open(file.toFile());
                } catch (IOException | RuntimeException e) {
                    Platform.runLater(() -> copyPath(file));
                }
            }, "open-rejects-report");
            opener.setDaemon(true);
            opener.start();
        } else {
            copyPath(file);
        }
    }

    private void copyPath(Path file) {
        ClipboardContent content = new ClipboardContent();
        content.putString(file.toString());
        Clipboard.getSystemClipboard().setContent(content);
        model.rejectsCopied(file);
    }


    @FXML
    private void onAddFiles() {
        List<Path> chosen = screens.dialogs().openFiles(FileKinds.eventExports("Add files to import"));
        if (!chosen.isEmpty()) {
            model.addFiles(chosen);
        }
    }

    @FXML
    private void onRemoveFile() {
        Path selected = fileList.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.removeFile(selected);
        }
    }

    @FXML
    private void onImport() {
        model.startImport();
    }

    @FXML
    private void onCancelImport() {
        model.cancel();
    }

    @FXML
    private void onBack() {
        model.back();
    }

    @FXML
    private void onClose() {
        stage.close();
    }
}
