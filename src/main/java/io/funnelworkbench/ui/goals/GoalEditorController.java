package io.funnelworkbench.ui.goals;

import atlantafx.base.theme.Styles;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalType;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.text.GoalText;
import io.funnelworkbench.ui.BoundScreen;
import io.funnelworkbench.ui.Labels;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.SegmentedToggles;
import io.funnelworkbench.ui.goals.GoalEditorViewModel.ValueSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.kordamp.ikonli.javafx.FontIcon;

/** The New goal and Edit goal dialog: binds the form to a {@link GoalEditorViewModel}. */
public final class GoalEditorController implements BoundScreen<GoalEditorController.Request> {
    @FXML private VBox root;
    @FXML private TextField goalNameField;
    @FXML private HBox kindToggles;
    @FXML private ComboBox<GoalCategory> categoryBox;
    @FXML private ComboBox<GoalType> typeBox;
    @FXML private TextField goalEventSearch;
    @FXML private ListView<EventChoice> goalEventChoices;
    @FXML private VBox conditionRows;
    @FXML private Button addConditionButton;
    @FXML private ComboBox<ValueSource> valueSourceBox;
    @FXML private TextField fixedAmountField;
    @FXML private ComboBox<String> valuePropertyBox;
    @FXML private Label valueHint;
    @FXML private HBox countingToggles;
    @FXML private Label goalPreview;
    @FXML private ProgressIndicator goalPreviewBusy;
    @FXML private Label goalProblem;
    @FXML private Button goalOkButton;

    private final GraphicValidationDecoration decoration = new GraphicValidationDecoration();
    private GoalEditorViewModel model;
    private Consumer<GoalEditorViewModel> onSave;
    private Stage stage;

    /** What the dialog edits, and what confirming it does. */
    public record Request(GoalEditorViewModel editor, Consumer<GoalEditorViewModel> onSave) {
    }

    /** Shows the dialog over {@code owner}; {@code onSave} gets the view model when the user confirms. */
    public static Stage open(Screens screens, Window owner, GoalEditorViewModel model,
                             Consumer<GoalEditorViewModel> onSave) {
        return screens.showWindow(owner, GoalEditorController.class, new Request(model, onSave),
                new Screens.WindowSpec(model.title(), 720, 560));
    }

    @Override
    public void bind(Request request) {
        bind(request.editor(), (Stage) root.getScene().getWindow(), request.onSave());
        stage.setOnHidden(e -> model.dispose());
        Platform.runLater(goalNameField::requestFocus);
    }

    private void bind(GoalEditorViewModel editor, Stage window, Consumer<GoalEditorViewModel> save) {
        this.model = editor;
        this.stage = window;
        this.onSave = save;
        goalNameField.textProperty().bindBidirectional(editor.nameProperty());
        bindKindAndCategory();
        bindEvents();
        editor.conditions().addListener((ListChangeListener<ConditionRow>) c -> {
            if (membershipChanged(c)) {
                showConditions();
            }
        });
        showConditions();
        addConditionButton.setDisable(editor.propertyNames().isEmpty());
        bindValue();
        SegmentedToggles.fill(countingToggles, Counting.values(), GoalText::counting, editor.countingProperty(),
                "counting");
        bindFooter();
        decorate(goalNameField, editor.nameErrorProperty(), editor.nameProperty());
        decorate(goalEventChoices, editor.eventsErrorProperty(), editor.events());
        decorate(fixedAmountField, editor.fixedAmountErrorProperty(), editor.fixedAmountProperty());
        decorate(valuePropertyBox, editor.valuePropertyErrorProperty(), editor.valueSourceProperty());
    }

    private static boolean membershipChanged(ListChangeListener.Change<? extends ConditionRow> change) {
        while (change.next()) {
            if (change.wasAdded() || change.wasRemoved()) {
                return true;
            }
        }
        return false;
    }

    private void bindKindAndCategory() {
        SegmentedToggles.fill(kindToggles, GoalKind.values(), kind -> kind == GoalKind.MACRO ? "Macro" : "Micro",
                model.kindProperty(), "kind");
        categoryBox.setItems(model.categories());
        categoryBox.valueProperty().bindBidirectional(model.categoryProperty());
        categoryBox.setConverter(Labels.of(GoalCategory::label));
        typeBox.setItems(FXCollections.observableArrayList(Arrays.asList(GoalType.values())));
        typeBox.getItems().add(0, null);
        typeBox.setConverter(Labels.including(t -> t == null ? "None" : capitalised(t.name())));
        typeBox.setButtonCell(new TextListCell<>(t -> t == null ? "None" : capitalised(t.name())));
        typeBox.valueProperty().bindBidirectional(model.typeProperty());
    }

    private void bindEvents() {
        goalEventSearch.textProperty().bindBidirectional(model.eventSearchProperty());
        goalEventChoices.setItems(model.shownEvents());
        goalEventChoices.setCellFactory(list -> new EventChoiceCell());
        goalEventChoices.setPlaceholder(new Label("No event matches the search"));
    }

    private void bindValue() {
        valueSourceBox.getItems().setAll(ValueSource.values());
        valueSourceBox.setConverter(Labels.of(ValueSource::label));
        valueSourceBox.valueProperty().bindBidirectional(model.valueSourceProperty());
        fixedAmountField.textProperty().bindBidirectional(model.fixedAmountProperty());
        valuePropertyBox.getItems().setAll(model.numericProperties());
        valuePropertyBox.valueProperty().bindBidirectional(model.valuePropertyProperty());
        valuePropertyBox.setPlaceholder(new Label("This project has no numeric property"));
        Runnable show = () -> {
            ValueSource source = model.valueSourceProperty().get();
            showIf(fixedAmountField, source == ValueSource.FIXED);
            showIf(valuePropertyBox, source == ValueSource.PROPERTY);
            valueHint.setText(switch (source) {
                case NONE -> "";
                case FIXED -> "earned once per conversion, as the goal counts";
                case PROPERTY -> "summed over every matching event";
            });
        };
        model.valueSourceProperty().addListener(o -> show.run());
        show.run();
    }

    private void bindFooter() {
        goalPreview.textProperty().bind(model.previewProperty());
        goalPreviewBusy.visibleProperty().bind(model.previewBusyProperty());
        goalProblem.textProperty().bind(model.messageProperty());
        goalProblem.visibleProperty().bind(model.messageProperty().isNotEmpty());
        goalProblem.managedProperty().bind(goalProblem.visibleProperty());
        goalOkButton.setText(model.original() == null ? "Create goal" : "Save goal");
        goalOkButton.disableProperty().bind(model.validProperty().not());
    }

    // ---- condition rows

    private void showConditions() {
        // Decorations live in an overlay, not in the row: take them off before the row goes.
        conditionRows.lookupAll(".combo-box").forEach(node -> decoration.removeDecorations((Control) node));
        conditionRows.getChildren().clear();
        List<ConditionRow> rows = model.conditions();
        for (int i = 0; i < rows.size(); i++) {
            conditionRows.getChildren().add(conditionRow(rows.get(i), i));
        }
    }

    private HBox conditionRow(ConditionRow row, int index) {
        ComboBox<String> property = new ComboBox<>(FXCollections.observableArrayList(model.propertyNames()));
        property.setId("condition-property-" + index);
        property.setPromptText("Property");
        property.setPrefWidth(160);
        property.valueProperty().bindBidirectional(row.propertyProperty());

        ComboBox<Operator> operator = new ComboBox<>(FXCollections.observableArrayList(Operator.values()));
        operator.setId("condition-operator-" + index);
        operator.setPrefWidth(145);
        operator.setConverter(Labels.of(GoalText::operatorChoice));
        operator.valueProperty().bindBidirectional(row.operatorProperty());

        ComboBox<String> value = valueBox(row, index);
        CheckBox ignoreCase = new CheckBox("Any case");
        ignoreCase.setMinWidth(Region.USE_PREF_SIZE);
        ignoreCase.setId("condition-case-" + index);
        ignoreCase.setTooltip(new Tooltip("Ignore upper and lower case when comparing text"));
        ignoreCase.selectedProperty().bindBidirectional(row.ignoreCaseProperty());
        ignoreCase.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !row.operatorProperty().get().takesValue() || row.operatorProperty().get().numeric(),
                row.operatorProperty()));

        Button remove = new Button(null, new FontIcon("fth-x"));
        remove.setId("condition-remove-" + index);
        remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        remove.setTooltip(new Tooltip("Remove this condition"));
        remove.setOnAction(e -> model.removeCondition(row));

        decorate(property, row.propertyErrorProperty(), row.propertyProperty());
        decorate(value, row.valueErrorProperty(), row.valueProperty(), row.operatorProperty());
        HBox line = new HBox(8, property, operator, value, ignoreCase, remove);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(value, Priority.ALWAYS);
        line.getStyleClass().add("condition-row");
        return line;
    }

    /** An editable drop-down offering the property's most frequent values; typing updates the goal at once. */
    private ComboBox<String> valueBox(ConditionRow row, int index) {
        ComboBox<String> value = new ComboBox<>(row.frequentValues());
        value.setId("condition-value-" + index);
        value.setEditable(true);
        value.setPromptText("Value");
        value.setMaxWidth(Double.MAX_VALUE);
        value.setVisibleRowCount(12);
        value.setValue(row.valueProperty().get());
        value.getEditor().setText(row.valueProperty().get());
        value.getEditor().textProperty().addListener((obs, old, text) -> {
            row.valueProperty().set(text);
            value.setValue(text);
        });
        value.valueProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && !chosen.equals(row.valueProperty().get())) {
                row.valueProperty().set(chosen);
            }
        });
        value.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !row.operatorProperty().get().takesValue(), row.operatorProperty()));
        return value;
    }

    // ---- validation shown on the fields

    /**
     * Shows {@code error} on {@code control} (a red outline and a ControlsFX decoration with the message) once
     * the user has changed one of {@code edits}: a fresh form does not open covered in red.
     */
    private void decorate(Control control, ReadOnlyStringProperty error, Observable... edits) {
        SimpleBooleanProperty touched = new SimpleBooleanProperty(model.original() != null);
        for (Observable edit : edits) {
            edit.addListener(o -> touched.set(true));
        }
        Runnable update = () -> showProblem(control, touched.get() ? error.get() : null);
        error.addListener(o -> update.run());
        touched.addListener(o -> update.run());
        update.run();
    }

    private void showProblem(Control control, String problem) {
        control.pseudoClassStateChanged(Styles.STATE_DANGER, problem != null);
        decoration.removeDecorations(control);
        if (problem != null) {
            decoration.applyValidationDecoration(ValidationMessage.error(control, problem));
        }
        control.setTooltip(problem == null ? null : new Tooltip(problem));
    }

    // ---- buttons

    @FXML
    private void onAddCondition() {
        model.addCondition();
        conditionRows.getChildren().get(conditionRows.getChildren().size() - 1).lookup(".combo-box")
                .requestFocus();
    }

    @FXML
    private void onOk() {
        if (!model.validProperty().get()) {
            return;
        }
        try {
            onSave.accept(model);
            stage.close();
        } catch (IllegalArgumentException e) {
            goalProblem.textProperty().unbind();
            goalProblem.setText(e.getMessage());
            goalProblem.setVisible(true);
        }
    }

    @FXML
    private void onCancel() {
        stage.close();
    }

    // ---- helpers


    private static void showIf(Region node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private static String capitalised(String constant) {
        String lower = constant.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }


    /** A cell that shows a text made from its item, including for a null item. */
    private static final class TextListCell<T> extends ListCell<T> {
        private final Function<T, String> text;

        TextListCell(Function<T, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : text.apply(item));
        }
    }

    /** An event with a check box that puts it in the goal's rule, and its counts on the right. */
    private static final class EventChoiceCell extends ListCell<EventChoice> {
        private final CheckBox check = new CheckBox();
        private final Label counts = new Label();
        private final HBox box;
        private EventChoice bound;

        EventChoiceCell() {
            counts.getStyleClass().addAll("text-muted", "text-small");
            // Event names are identifiers: an underscore is part of the name, not a mnemonic.
            check.setMnemonicParsing(false);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            box = new HBox(8, check, gap, counts);
            box.setAlignment(Pos.CENTER_LEFT);
            setOnMouseClicked(e -> {
                if (bound != null && e.getTarget() != check && !check.isHover()) {
                    bound.setSelected(!bound.isSelected());
                }
            });
        }

        @Override
        protected void updateItem(EventChoice choice, boolean empty) {
            super.updateItem(choice, empty);
            if (bound != null) {
                check.selectedProperty().unbindBidirectional(bound.selectedProperty());
                bound = null;
            }
            if (empty || choice == null) {
                setGraphic(null);
                return;
            }
            bound = choice;
            check.setText(choice.name());
            check.setId("event-" + choice.name());
            check.selectedProperty().bindBidirectional(choice.selectedProperty());
            counts.setText(choice.count().events() == 0 ? "not in this project"
                    : GoalText.eventCounts(choice.count().events(), choice.count().users()));
            setGraphic(box);
        }
    }
}
