package io.funnelworkbench.ui.main;

import io.funnelworkbench.model.AppVersion;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.store.ImportRecord;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.text.Dates;
import io.funnelworkbench.text.GoalText;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.BoundScreen;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.dialogs.Confirmation;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileKinds;
import io.funnelworkbench.ui.importing.ImportWizardController;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.ui.project.ProjectScreen;
import io.funnelworkbench.ui.team.NewTeamProjectController;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Binds the main window to its view model and turns menu and drop gestures into view-model calls. */
public final class MainWindowController implements BoundScreen<MainWindowViewModel> {

    @FXML private BorderPane root;
    @FXML private Menu recentMenu;
    @FXML private MenuItem importItem;
    @FXML private MenuItem exportItem;
    @FXML private MenuItem closeItem;
    @FXML private MenuItem verifyItem;
    @FXML private VBox welcomePane;
    @FXML private VBox projectPane;
    @FXML private VBox sampleCards;
    @FXML private ListView<Path> recentList;
    @FXML private Label projectName;
    @FXML private Label projectFacts;
    @FXML private Label connectedNotice;
    @FXML private Button importButton;
    @FXML private ListView<Goal> macroGoals;
    @FXML private ListView<Goal> milestoneGoals;
    @FXML private ListView<Goal> secondaryGoals;
    @FXML private TableView<EventCount> eventTable;
    @FXML private TableColumn<EventCount, String> eventNameColumn;
    @FXML private TableColumn<EventCount, Long> eventCountColumn;
    @FXML private TableColumn<EventCount, Long> eventUsersColumn;
    @FXML private ListView<FunnelDefinition> funnelList;
    @FXML private ListView<ImportRecord> importList;
    @FXML private TabPane projectTabs;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private Label statusLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Button cancelButton;

    private final Screens screens;
    private final Dialogs dialogs;
    private MainWindowViewModel viewModel;
    private List<ProjectScreens.Loaded> projectScreens = List.of();
    private Runnable onQuit = Platform::exit;

    public MainWindowController(Screens screens) {
        this.screens = screens;
        this.dialogs = screens.dialogs();
    }

    /** The controller of a project tab (Goals, Funnels) of the given type. */
    public <C extends ProjectScreen> C projectScreen(Class<C> type) {
        return projectScreens.stream().map(ProjectScreens.Loaded::controller).filter(type::isInstance)
                .map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No project tab is a " + type.getSimpleName()));
    }

    /** What File > Quit does once the user agreed to leave the open project (the app saves the window first). */
    public void setOnQuit(Runnable onQuit) {
        this.onQuit = onQuit;
    }

    @Override
    public void bind(MainWindowViewModel model) {
        this.viewModel = model;
        welcomePane.visibleProperty().bind(model.projectOpen().not());
        projectPane.visibleProperty().bind(model.projectOpen());
        exportItem.disableProperty().bind(model.projectOpen().not().or(model.busyProperty()));
        closeItem.disableProperty().bind(model.projectOpen().not());
        verifyItem.disableProperty().bind(model.canVerify().not().or(model.busyProperty()));
        importItem.disableProperty().bind(model.busyProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(model.busyProperty());
        cancelButton.visibleProperty().bind(model.busyProperty());
        cancelButton.managedProperty().bind(model.busyProperty());
        model.projectProperty().addListener((obs, old, overview) -> showProject(overview));
        model.setErrorSink(ErrorDisplay.withDetails(this::showError));
        model.pruneRecent();
        setUpRecent();
        setUpSamples(model.samples());
        setUpProjectViews();
        setUpScreens();
        setUpDrop();
    }

    private void setUpRecent() {
        recentList.setItems(viewModel.recentProjects());
        recentList.setPlaceholder(new Label("Projects you open appear here."));
        recentList.setCellFactory(list -> new RecentProjectCell());
        // A launcher list, like the sample cards: one click (or Enter) opens the project.
        recentList.setOnMouseClicked(e -> {
            Path chosen = recentList.getSelectionModel().getSelectedItem();
            if (chosen != null && e.getButton() == MouseButton.PRIMARY) {
                leaveProjectThen(() -> viewModel.openProject(chosen));
            }
        });
        recentList.setOnKeyPressed(e -> {
            Path chosen = recentList.getSelectionModel().getSelectedItem();
            if (chosen != null && e.getCode() == KeyCode.ENTER) {
                leaveProjectThen(() -> viewModel.openProject(chosen));
            }
        });
        Runnable refreshMenu = () -> recentMenu.getItems().setAll(viewModel.recentProjects().stream().map(p -> {
            MenuItem item = new MenuItem(ProjectPaths.displayName(p) + "  (" + p.getParent() + ")");
            item.setMnemonicParsing(false);
            item.setOnAction(e -> leaveProjectThen(() -> viewModel.openProject(p)));
            return item;
        }).toList());
        viewModel.recentProjects().addListener((ListChangeListener<Path>) c -> refreshMenu.run());
        refreshMenu.run();
        recentMenu.disableProperty().bind(Bindings.isEmpty(viewModel.recentProjects()));
    }

    private void setUpSamples(List<SampleProjects.Sample> samples) {
        for (SampleProjects.Sample sample : samples) {
            Label title = new Label(sample.title());
            title.getStyleClass().add("title");
            Label description = new Label(sample.description());
            description.setWrapText(true);
            description.getStyleClass().add("text-muted");
            VBox card = new VBox(4, title, description);
            card.getStyleClass().add("sample-card");
            card.setId("sample-" + sample.name());
            card.setOnMouseClicked(e -> leaveProjectThen(() -> viewModel.openSample(sample.name())));
            sampleCards.getChildren().add(card);
        }
    }

    private void setUpProjectViews() {
        for (ListView<Goal> goals : List.of(macroGoals, milestoneGoals, secondaryGoals)) {
            goals.setCellFactory(list -> new GoalCell());
            goals.setPlaceholder(new Label("No goals yet"));
        }
        eventNameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        eventCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().events()));
        eventUsersColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().users()));
        eventCountColumn.setCellFactory(c -> new NumberCell<>());
        eventUsersColumn.setCellFactory(c -> new NumberCell<>());
        eventTable.setPlaceholder(new Label("No events yet: use Import events… or drop a CSV here."));
        funnelList.setCellFactory(list -> new TextCell<>(f -> f.name() + "   ·   " + f.steps().size() + " steps"));
        funnelList.setPlaceholder(new Label("No saved funnels"));
        importList.setCellFactory(list -> new TextCell<>(r -> r.fileName() + "   ·   "
                + Numbers.counted(r.rowsImported(), "event")
                + (r.rowsRejected() > 0 ? ", " + Numbers.count(r.rowsRejected()) + " rejected" : "")));
    }

    /** A goal as its name over a muted line saying what completes it. */
    private static final class GoalCell extends ListCell<Goal> {
        private final Label name = new Label();
        private final Label rule = new Label();
        private final VBox box = new VBox(2, name, rule);

        GoalCell() {
            name.getStyleClass().add("goal-name");
            rule.getStyleClass().add("text-muted");
        }

        @Override
        protected void updateItem(Goal goal, boolean empty) {
            super.updateItem(goal, empty);
            if (empty || goal == null) {
                setGraphic(null);
                return;
            }
            name.setText(goal.name());
            rule.setText(GoalText.rule(goal));
            setGraphic(box);
        }
    }

    private void showProject(ProjectOverview overview) {
        if (overview == null) {
            return;
        }
        projectName.setText(overview.name());
        String range = overview.firstEvent() == null ? "no events yet"
                : Dates.dayRange(overview.firstEvent(), overview.lastEvent());
        boolean connected = overview.connection() != null;
        // Users are counted per event name on a cluster, not across names: a connected header counts events only.
        String facts = (connected ? Numbers.counted(overview.events(), "event")
                : GoalText.eventCounts(overview.events(), overview.users())) + " · " + range;
        ProjectSession session = viewModel.sessionProperty().get();
        boolean reached = session != null && session.team().isPresent();
        projectFacts.setText(!connected ? facts + " · " + overview.file()
                : "Connected to " + overview.connection().address() + (reached ? " · " + facts : "") + " · "
                        + overview.file());
        connectedNotice.setText(session == null ? "" : session.clusterNotice().orElse(""));
        connectedNotice.setVisible(connected);
        connectedNotice.setManaged(connected);
        // A connected project's events stay on the cluster: nothing to import.
        importButton.setVisible(!connected);
        importButton.setManaged(!connected);
        Label placeholder = new Label(!connected ? "No events yet: use Import events… or drop a CSV here."
                : reached ? "The cluster holds no events for this project." : "The cluster could not be reached.");
        placeholder.setWrapText(true);
        eventTable.setPlaceholder(placeholder);
        eventTable.getItems().setAll(overview.eventCounts());
        importList.setPlaceholder(new Label(connected ? "Nothing is imported: the events stay on the cluster"
                : "Nothing imported yet"));
        importList.getItems().setAll(overview.imports());
    }

    private static List<Goal> goals(List<Goal> all, Predicate<Goal> filter) {
        return all.stream().filter(filter).toList();
    }

    /** The Goals and Funnels tabs, opened on each session; Edit > Undo and Redo follow the session's history. */
    private void setUpScreens() {
        List<ProjectScreens.Loaded> screens = ProjectScreens.load(this.screens);
        projectScreens = screens;
        screens.forEach(screen -> projectTabs.getTabs().add(screen.tab()));
        revealOnOpen(funnelList, screens);
        for (ListView<Goal> goals : List.of(macroGoals, milestoneGoals, secondaryGoals)) {
            revealOnOpen(goals, screens);
        }
        ListChangeListener<Goal> goalsChanged = change -> showGoals(change.getList());
        viewModel.sessionProperty().addListener((obs, old, session) -> {
            if (old != null) {
                old.goals().removeListener(goalsChanged);
                screens.forEach(screen -> screen.controller().close());
            }
            undoItem.disableProperty().unbind();
            redoItem.disableProperty().unbind();
            undoItem.textProperty().unbind();
            redoItem.textProperty().unbind();
            if (session == null) {
                undoItem.setDisable(true);
                redoItem.setDisable(true);
                return;
            }
            session.goals().addListener(goalsChanged);
            showGoals(session.goals());
            funnelList.setItems(session.funnels());
            undoItem.disableProperty().bind(session.history().canUndoProperty().not());
            redoItem.disableProperty().bind(session.history().canRedoProperty().not());
            undoItem.textProperty().bind(session.history().undoLabelProperty());
            redoItem.textProperty().bind(session.history().redoLabelProperty());
            screens.forEach(screen -> screen.controller().open(session));
        });
        undoItem.setDisable(true);
        redoItem.setDisable(true);
    }

    /** Double-click or Enter on an Overview list item opens it in the tab where it lives. */
    private void revealOnOpen(ListView<?> list, List<ProjectScreens.Loaded> screens) {
        Runnable reveal = () -> {
            Object item = list.getSelectionModel().getSelectedItem();
            for (ProjectScreens.Loaded screen : screens) {
                if (item != null && screen.controller().reveal(item)) {
                    projectTabs.getSelectionModel().select(screen.tab());
                    return;
                }
            }
        };
        list.setTooltip(new Tooltip("Double-click or press Enter to open"));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                reveal.run();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                reveal.run();
            }
        });
    }

    private void showGoals(List<? extends Goal> all) {
        List<Goal> goals = List.copyOf(all);
        macroGoals.getItems().setAll(goals(goals, g -> g.kind() == GoalKind.MACRO));
        milestoneGoals.getItems().setAll(goals(goals, g -> g.category() == GoalCategory.PROCESS_MILESTONE));
        secondaryGoals.getItems().setAll(goals(goals, g -> g.category() == GoalCategory.SECONDARY_ACTION));
    }

    @FXML
    private void onUndo() {
        if (viewModel.sessionProperty().get() != null) {
            viewModel.sessionProperty().get().history().undo();
        }
    }

    @FXML
    private void onRedo() {
        if (viewModel.sessionProperty().get() != null) {
            viewModel.sessionProperty().get().history().redo();
        }
    }

    private void setUpDrop() {
        root.setOnDragOver(this::acceptFiles);
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            root.getStyleClass().remove("drop-target");
            List<Path> files = e.getDragboard().hasFiles()
                    ? e.getDragboard().getFiles().stream().map(File::toPath).toList() : List.of();
            e.setDropCompleted(!files.isEmpty());
            e.consume();
            if (!files.isEmpty()) {
                importFiles(files);
            }
        });
    }

    private void acceptFiles(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!root.getStyleClass().contains("drop-target")) {
                root.getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    /** Opens the import wizard on files; with no project open, they go into a new project named after the first. */
    private void importFiles(List<Path> files) {
        if (viewModel.projectOpen().get()) {
            openImportWizard(files);
            return;
        }
        Path first = files.get(0);
        String base = first.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        dialogs.saveFile(FileKinds.project("New project for " + first.getFileName(), base))
                .ifPresent(target -> viewModel.createProject(target, () -> openImportWizard(files)));
    }

    private void openImportWizard(List<Path> files) {
        ImportWizardController.open(screens, window(), viewModel.importWizard(files));
    }

    /**
     * Asks about each screen's unsaved work (Save, Don't save, Cancel) before the open project is closed or
     * replaced; true when the user let it go, false when they cancelled (or a save needed a name they withheld).
     */
    public boolean confirmLeavingProject() {
        for (ProjectScreens.Loaded screen : projectScreens) {
            Optional<String> unsaved = screen.controller().unsavedWork();
            if (unsaved.isEmpty()) {
                continue;
            }
            Dialogs.Answer answer = dialogs.confirm(Confirmation.saveChanges(unsaved.get()));
            if (answer == Dialogs.Answer.CANCEL
                    || answer == Dialogs.Answer.YES && !screen.controller().saveUnsavedWork()) {
                return false;
            }
        }
        return true;
    }

    private void leaveProjectThen(Runnable next) {
        if (confirmLeavingProject()) {
            next.run();
        }
    }

    @FXML
    private void onNewProject() {
        leaveProjectThen(() -> dialogs.saveFile(FileKinds.project("New project", "my-project"))
                .ifPresent(viewModel::createProject));
    }

    @FXML
    private void onNewTeamProject() {
        leaveProjectThen(() -> NewTeamProjectController.open(screens, window(), viewModel.newTeamProject()));
    }

    @FXML
    private void onOpenProject() {
        leaveProjectThen(() -> dialogs.openFile(FileKinds.project("Open project", null))
                .ifPresent(viewModel::openProject));
    }

    @FXML
    private void onImport() {
        List<Path> files = dialogs.openFiles(FileKinds.eventExports("Import events"));
        if (!files.isEmpty()) {
            importFiles(files);
        }
    }

    @FXML
    private void onExport() {
        String name = viewModel.projectProperty().get().name() + "-events.csv";
        dialogs.saveFile(FileKinds.csvTable("Export event table", name)).ifPresent(viewModel::exportEventTable);
    }

    @FXML
    private void onVerify() {
        viewModel.verifyOnThisComputer(report -> dialogs.info("Verify on this computer", report.summary(),
                report.details()));
    }

    @FXML
    private void onCloseProject() {
        leaveProjectThen(viewModel::closeProject);
    }

    @FXML
    private void onQuit() {
        leaveProjectThen(onQuit);
    }

    @FXML
    private void onCancel() {
        viewModel.cancel();
    }

    @FXML
    private void onAbout() {
        dialogs.info("About Funnel Workbench", "Funnel Workbench " + AppVersion.current(),
                "Goals and funnels on your own event exports, offline.\n"
                + "Projects are single H2 files; nothing leaves this computer.\n\nJava "
                + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version"));
    }

    /** Where every failure the user must read lands: the error dialog, with the stack trace when there is one. */
    public void showError(String message, Throwable details) {
        dialogs.error(message, details);
    }

    private void showError(String message) {
        showError(message, null);
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    /** A list cell that shows a text made from its item. */
    private static final class TextCell<T> extends ListCell<T> {
        private final Function<T, String> text;

        TextCell(Function<T, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text.apply(item));
        }
    }

    /** A recent project: its name, and its folder underneath, shortened in the middle to fit the list. */
    private static final class RecentProjectCell extends ListCell<Path> {
        private final Label name = new Label();
        private final Label folder = new Label();
        private final VBox box = new VBox(2, name, folder);

        RecentProjectCell() {
            name.getStyleClass().add("recent-name");
            folder.getStyleClass().add("recent-folder");
            folder.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            // A zero preferred width keeps the list from scrolling sideways; the labels shorten instead.
            setPrefWidth(0);
            box.setMinWidth(0);
            name.setMinWidth(0);
            folder.setMinWidth(0);
        }

        @Override
        protected void updateItem(Path item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(ProjectPaths.displayName(item));
            folder.setText(String.valueOf(item.toAbsolutePath().getParent()));
            setGraphic(box);
            setTooltip(new Tooltip(item.toAbsolutePath().toString()));
        }
    }

    /** A right-aligned table cell with thousands separators. */
    private static final class NumberCell<S> extends TableCell<S, Long> {
        @Override
        protected void updateItem(Long value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : Numbers.count(value));
        }
    }
}
