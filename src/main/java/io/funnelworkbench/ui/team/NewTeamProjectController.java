package io.funnelworkbench.ui.team;

import io.funnelworkbench.model.TeamConnection.SourceFormat;
import io.funnelworkbench.ui.BoundScreen;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.dialogs.FileKinds;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel.Preset;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel.SourceKind;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel.TestState;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the New team project dialog to its view model and forwards the buttons to it. */
public final class NewTeamProjectController implements BoundScreen<NewTeamProjectViewModel> {
    @FXML private BorderPane root;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private CheckBox tlsBox;
    @FXML private TextField tokenField;
    @FXML private Label hostProblem;
    @FXML private Label portProblem;
    @FXML private Label tokenProblem;
    @FXML private RadioButton tableChoice;
    @FXML private RadioButton pathChoice;
    @FXML private TextField tableField;
    @FXML private HBox pathRow;
    @FXML private TextField pathField;
    @FXML private ComboBox<SourceFormat> formatBox;
    @FXML private Label sourceProblem;
    @FXML private ComboBox<Preset> presetBox;
    @FXML private TextField userField;
    @FXML private TextField eventField;
    @FXML private TextField timeField;
    @FXML private TextField sessionField;
    @FXML private Label mappingProblem;
    @FXML private Button testButton;
    @FXML private ProgressIndicator testProgress;
    @FXML private Label testMessage;
    @FXML private Button cancelButton;
    @FXML private Button createButton;

    private final Screens screens;
    private NewTeamProjectViewModel viewModel;

    public NewTeamProjectController(Screens screens) {
        this.screens = screens;
    }

    /** Shows the dialog as a modal window over {@code owner}, styled like it. */
    public static Stage open(Screens screens, Window owner, NewTeamProjectViewModel model) {
        return screens.showWindow(owner, NewTeamProjectController.class, model,
                new Screens.WindowSpec("New team project", 720, 560));
    }

    @Override
    public void bind(NewTeamProjectViewModel model) {
        this.viewModel = model;
        hostField.textProperty().bindBidirectional(model.host());
        portField.textProperty().bindBidirectional(model.port());
        tlsBox.selectedProperty().bindBidirectional(model.tls());
        tokenField.textProperty().bindBidirectional(model.tokenVariable());
        tableField.textProperty().bindBidirectional(model.table());
        pathField.textProperty().bindBidirectional(model.path());
        userField.textProperty().bindBidirectional(model.userColumn());
        eventField.textProperty().bindBidirectional(model.eventColumn());
        timeField.textProperty().bindBidirectional(model.timeColumn());
        sessionField.textProperty().bindBidirectional(model.sessionColumn());
        bindSource(model);
        bindPresets(model);
        showProblem(hostProblem, model.hostProblem());
        showProblem(portProblem, model.portProblem());
        showProblem(tokenProblem, model.tokenProblem());
        showProblem(sourceProblem, model.sourceProblem());
        showProblem(mappingProblem, model.mappingProblem());
        bindTest(model);
        model.created().addListener((obs, old, file) -> close());
    }

    /** A sentence under its field, taking room only while there is one. */
    private static void showProblem(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        BooleanBinding shown = Bindings.createBooleanBinding(() -> !text.get().isEmpty(), text);
        label.visibleProperty().bind(shown);
        label.managedProperty().bind(shown);
    }

    private void bindSource(NewTeamProjectViewModel model) {
        ToggleGroup kinds = new ToggleGroup();
        tableChoice.setToggleGroup(kinds);
        pathChoice.setToggleGroup(kinds);
        tableChoice.setUserData(SourceKind.TABLE);
        pathChoice.setUserData(SourceKind.PATH);
        kinds.selectToggle(model.sourceKind().get() == SourceKind.TABLE ? tableChoice : pathChoice);
        kinds.selectedToggleProperty().addListener((obs, old, chosen) -> {
            if (chosen != null) {
                model.sourceKind().set((SourceKind) chosen.getUserData());
            }
        });
        BooleanBinding isTable = model.sourceKind().isEqualTo(SourceKind.TABLE);
        tableField.visibleProperty().bind(isTable);
        pathRow.visibleProperty().bind(isTable.not());
        formatBox.getItems().setAll(SourceFormat.values());
        formatBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SourceFormat format) {
                return format == null ? "" : NewTeamProjectViewModel.formatLabel(format);
            }

            @Override
            public SourceFormat fromString(String text) {
                return null;
            }
        });
        formatBox.valueProperty().bindBidirectional(model.format());
    }

    private void bindPresets(NewTeamProjectViewModel model) {
        presetBox.getItems().setAll(Preset.ALL);
        presetBox.setOnAction(e -> {
            Preset chosen = presetBox.getValue();
            if (chosen != null) {
                model.applyPreset(chosen);
            }
        });
    }

    private void bindTest(NewTeamProjectViewModel model) {
        BooleanBinding busy = model.busy();
        for (Node field : List.of(hostField, portField, tlsBox, tokenField, tableChoice, pathChoice,
                tableField, pathRow, presetBox, userField, eventField, timeField, sessionField)) {
            field.disableProperty().bind(busy);
        }
        testButton.disableProperty().bind(busy.or(model.valid().not()));
        createButton.disableProperty().bind(busy.or(model.valid().not()));
        testProgress.visibleProperty().bind(busy);
        testProgress.managedProperty().bind(busy);
        cancelButton.visibleProperty().bind(busy);
        cancelButton.managedProperty().bind(busy);
        testMessage.textProperty().bind(model.testMessage());
        model.testState().addListener((obs, old, state) -> showState(state));
        showState(model.testState().get());
    }

    private void showState(TestState state) {
        testMessage.getStyleClass().removeAll("success", "danger");
        testMessage.setGraphic(null);
        if (state == TestState.PASSED) {
            testMessage.getStyleClass().add("success");
            testMessage.setGraphic(new FontIcon("fth-check-circle"));
        } else if (state == TestState.FAILED) {
            testMessage.getStyleClass().add("danger");
            testMessage.setGraphic(new FontIcon("fth-x-circle"));
        }
    }

    @FXML
    private void onTest() {
        viewModel.testConnection();
    }

    @FXML
    private void onCancel() {
        viewModel.cancel();
    }

    @FXML
    private void onCreate() {
        screens.dialogs().saveFile(FileKinds.project("New team project", "team-project"))
                .ifPresent(viewModel::create);
    }

    @FXML
    private void onClose() {
        viewModel.cancel();
        window().close();
    }

    /** Closes the dialog once its project is created (the main window opens it). */
    public void close() {
        window().close();
    }

    private Stage window() {
        return (Stage) root.getScene().getWindow();
    }
}
