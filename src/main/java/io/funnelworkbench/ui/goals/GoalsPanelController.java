package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.project.ProjectScreen;
import io.funnelworkbench.ui.project.ProjectSession;
import java.util.EnumMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Goals tab: binds the three goal lists, the events list and the buttons to a {@link GoalsPanelViewModel}. */
public final class GoalsPanelController implements ProjectScreen {
    private static final Map<GoalList, String> ICONS = Map.of(GoalList.MACRO, "fth-target",
            GoalList.MILESTONES, "fth-flag", GoalList.SECONDARY, "fth-star");
    private static final Map<GoalList, String> EMPTY_HINTS = Map.of(
            GoalList.MACRO, "No macro goals yet: drop an event here, such as a purchase or a sign-up.",
            GoalList.MILESTONES, "No milestones yet: drop the steps toward a macro goal here.",
            GoalList.SECONDARY, "No secondary actions yet: drop signals of interest here, such as a newsletter.");

    /** Space below a list's last goal, so that there is always somewhere to drop another. */
    private static final double DROP_ROOM = 20;

    @FXML private BorderPane root;
    @FXML private Button editGoalButton;
    @FXML private Button deleteGoalButton;
    @FXML private Label goalsNotice;
    @FXML private Label metricsNotice;
    @FXML private ProgressIndicator computingIndicator;
    @FXML private TextField goalsEventSearch;
    @FXML private ListView<EventCount> goalsEventList;
    @FXML private VBox listsBox;

    private final Map<GoalList, ListView<Goal>> goalLists = new EnumMap<>(GoalList.class);
    private final Map<GoalList, Label> counts = new EnumMap<>(GoalList.class);
    // Metrics arrive in the background, maybe while the user clicks or drags a row: update the rows in place
    // rather than refresh(), which rebuilds every cell of a list.
    private final MapChangeListener<Goal, Object> metricsChanged = change -> goalLists.values()
            .forEach(view -> view.lookupAll(".goal-cell").forEach(node -> {
                if (node instanceof GoalCell cell) {
                    cell.refreshMetrics();
                }
            }));
    private final Screens screens;
    private GoalsPanelViewModel model;
    private boolean syncingSelection;

    public GoalsPanelController(Screens screens) {
        this.screens = screens;
    }

    @FXML
    private void initialize() {
        for (GoalList list : GoalList.values()) {
            listsBox.getChildren().add(section(list));
        }
        goalsEventList.setCellFactory(view -> new EventCell());
        goalsEventList.setFixedCellSize(44);
        goalsEventList.setPlaceholder(new Label("No events"));
        // Only a connected project has a sentence here (where its metrics are computed, or why they are not).
        metricsNotice.managedProperty().bind(metricsNotice.textProperty().isNotEmpty());
        metricsNotice.visibleProperty().bind(metricsNotice.managedProperty());
        root.setDisable(true);
    }

    @Override
    public void open(ProjectSession session) {
        close();
        model = new GoalsPanelViewModel(session);
        for (GoalList list : GoalList.values()) {
            goalLists.get(list).setItems(model.goals(list));
            fitToGoals(goalLists.get(list), model.goals(list));
            counts.get(list).textProperty().bind(Bindings.size(model.goals(list)).asString());
        }
        model.metrics().addListener(metricsChanged);
        model.selectedProperty().addListener((obs, old, goal) -> showSelected(goal));
        goalsEventList.setItems(model.events());
        goalsEventSearch.textProperty().bindBidirectional(model.eventSearchProperty());
        editGoalButton.disableProperty().bind(model.selectedProperty().isNull());
        deleteGoalButton.disableProperty().bind(model.selectedProperty().isNull());
        goalsNotice.textProperty().bind(model.noticeProperty());
        metricsNotice.setText(model.metricsNotice());
        computingIndicator.visibleProperty().bind(model.computingProperty());
        root.setDisable(false);
    }

    @Override
    public boolean reveal(Object item) {
        if (item instanceof Goal goal && model != null) {
            model.selectedProperty().set(goal);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        if (model == null) {
            return;
        }
        model.metrics().removeListener(metricsChanged);
        goalsEventSearch.textProperty().unbindBidirectional(model.eventSearchProperty());
        model.dispose();
        model = null;
        root.setDisable(true);
    }

    /** The view model of the open project's Goals screen, for tests; null while no project is open. */
    public GoalsPanelViewModel model() {
        return model;
    }

    // ---- one section per goal list

    private VBox section(GoalList list) {
        ListView<Goal> view = new ListView<>();
        view.setId(list.id() + "List");
        view.getStyleClass().add("goal-list");
        view.setCellFactory(v -> new GoalCell(goal -> model == null ? null : model.metrics().get(goal),
                () -> model != null && model.canComputeMetrics()));
        Label hint = new Label(EMPTY_HINTS.get(list));
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        view.setPlaceholder(hint);
        view.getSelectionModel().selectedItemProperty().addListener((obs, old, goal) -> selectedIn(list, goal));
        view.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && view.getSelectionModel().getSelectedItem() != null) {
                onEdit();
            }
        });
        view.setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && selected() != null) {
                onDelete();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && selected() != null) {
                onEdit();
                e.consume();
            }
        });
        view.setContextMenu(contextMenu());
        acceptDrops(view, list);
        goalLists.put(list, view);
        VBox section = new VBox(4, header(list), view);
        section.getStyleClass().add("goal-section");
        view.setFixedCellSize(GoalCell.HEIGHT);
        return section;
    }

    /**
     * Sizes a list to its goals plus a strip that leaves room to drop another; when the window is too short,
     * the lists shrink and scroll.
     */
    private static void fitToGoals(ListView<Goal> view, ObservableList<Goal> goals) {
        view.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(goals.size(), 1) * GoalCell.HEIGHT + DROP_ROOM, goals));
        view.setMinHeight(GoalCell.HEIGHT + DROP_ROOM);
    }

    private HBox header(GoalList list) {
        FontIcon icon = new FontIcon(ICONS.get(list));
        icon.getStyleClass().add("section-icon");
        Label title = new Label(list.title());
        title.getStyleClass().add("title-4");
        Label count = new Label();
        count.getStyleClass().add("count-badge");
        counts.put(list, count);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, icon, title, count, gap, columnTitle("Users", GoalCell.USERS_WIDTH),
                columnTitle("Conversion", GoalCell.CONVERSION_WIDTH), columnTitle("Value", GoalCell.VALUE_WIDTH));
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("section-header");
        return header;
    }

    private static Label columnTitle(String text, double width) {
        Label label = new Label(text);
        label.getStyleClass().addAll("column-title", "text-muted", "text-small");
        label.setAlignment(Pos.CENTER_RIGHT);
        label.setMinWidth(width);
        label.setPrefWidth(width);
        HBox.setMargin(label, new Insets(0, 0, 0, 4));
        return label;
    }

    /** Edit, Delete and Move to, for the selected goal; Move to offers only the lists it is not on. */
    private ContextMenu contextMenu() {
        MenuItem edit = new MenuItem("Edit…", new FontIcon("fth-edit-2"));
        edit.setOnAction(e -> onEdit());
        MenuItem delete = new MenuItem("Delete", new FontIcon("fth-trash-2"));
        delete.setOnAction(e -> onDelete());
        Menu move = new Menu("Move to");
        for (GoalList target : GoalList.values()) {
            MenuItem item = new MenuItem(target.title());
            item.setUserData(target);
            item.setOnAction(e -> model.move(selected(), target));
            move.getItems().add(item);
        }
        ContextMenu menu = new ContextMenu(edit, delete, new SeparatorMenuItem(), move);
        menu.setOnShowing(e -> {
            Goal goal = selected();
            edit.setDisable(goal == null);
            delete.setDisable(goal == null);
            move.getItems().forEach(item -> item.setDisable(goal == null
                    || !model.canMove(goal, (GoalList) item.getUserData())));
        });
        return menu;
    }

    // ---- selection across the three lists

    private void selectedIn(GoalList list, Goal goal) {
        if (syncingSelection || model == null) {
            return;
        }
        if (goal != null) {
            syncingSelection = true;
            goalLists.forEach((other, view) -> {
                if (other != list) {
                    view.getSelectionModel().clearSelection();
                }
            });
            syncingSelection = false;
            model.selectedProperty().set(goal);
        } else if (goalLists.values().stream().allMatch(v -> v.getSelectionModel().isEmpty())) {
            model.selectedProperty().set(null);
        }
    }

    private void showSelected(Goal goal) {
        syncingSelection = true;
        goalLists.forEach((list, view) -> {
            if (goal != null && list.holds(goal)) {
                view.getSelectionModel().select(goal);
                view.scrollTo(goal);
            } else {
                view.getSelectionModel().clearSelection();
            }
        });
        syncingSelection = false;
    }

    private Goal selected() {
        return model == null ? null : model.selectedProperty().get();
    }

    // ---- drag and drop

    private void acceptDrops(ListView<Goal> view, GoalList list) {
        view.setOnDragOver(e -> {
            if (accepts(e.getDragboard(), list)) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        view.setOnDragEntered(e -> {
            if (accepts(e.getDragboard(), list)) {
                view.getStyleClass().add("drop-here");
            }
        });
        view.setOnDragExited(e -> view.getStyleClass().removeAll("drop-here"));
        view.setOnDragDropped(e -> dropped(e, list));
    }

    private boolean accepts(Dragboard board, GoalList list) {
        if (model == null) {
            return false;
        }
        if (board.hasContent(DragFormats.EVENT)) {
            return true;
        }
        return board.hasContent(DragFormats.GOAL)
                && model.canMove(model.findGoal((String) board.getContent(DragFormats.GOAL)), list);
    }

    private void dropped(DragEvent e, GoalList list) {
        Dragboard board = e.getDragboard();
        boolean accepted = accepts(board, list);
        if (accepted && board.hasContent(DragFormats.EVENT)) {
            String event = (String) board.getContent(DragFormats.EVENT);
            // The dialog opens after the drop gesture has finished, not inside it.
            Platform.runLater(() -> openEditor(model.newGoal(list, event)));
        } else if (accepted) {
            model.move(model.findGoal((String) board.getContent(DragFormats.GOAL)), list);
        }
        e.setDropCompleted(accepted);
        e.consume();
    }

    // ---- buttons

    @FXML
    private void onNewGoal() {
        Goal current = selected();
        openEditor(model.newGoal(current == null ? GoalList.MACRO : GoalList.of(current)));
    }

    @FXML
    private void onEdit() {
        if (selected() != null) {
            openEditor(model.edit(selected()));
        }
    }

    @FXML
    private void onDelete() {
        Goal goal = selected();
        if (goal != null && confirmDelete(goal)) {
            model.delete(goal);
        }
    }

    /** Asks first when saved funnels use the goal, naming them: they could not be computed without it. */
    private boolean confirmDelete(Goal goal) {
        return model.deleteQuestion(goal).map(question -> {
            ButtonType delete = new ButtonType("Delete goal", ButtonBar.ButtonData.OK_DONE);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, delete, ButtonType.CANCEL);
            ask.initOwner(root.getScene().getWindow());
            ask.setTitle("Delete goal");
            ask.setHeaderText("Delete “" + goal.name() + "”?");
            return ask.showAndWait().filter(delete::equals).isPresent();
        }).orElse(true);
    }

    private void openEditor(GoalEditorViewModel editor) {
        GoalsPanelViewModel panel = model;
        GoalEditorController.open(screens, root.getScene().getWindow(), editor, panel::save);
    }
}
