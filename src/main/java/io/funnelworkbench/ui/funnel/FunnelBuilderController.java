package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.chart.BreakdownChart;
import io.funnelworkbench.chart.ChartExporter;
import io.funnelworkbench.chart.ComparisonChart;
import io.funnelworkbench.chart.FunnelChart;
import io.funnelworkbench.chart.FunnelShape;
import io.funnelworkbench.chart.ImpactTable;
import io.funnelworkbench.chart.TimeToConvertChart;
import io.funnelworkbench.chart.TrendChart;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import io.funnelworkbench.text.ComparisonText;
import io.funnelworkbench.text.CountingText;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.StepText;
import io.funnelworkbench.text.Times;
import io.funnelworkbench.ui.Labels;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.SegmentedToggles;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileKinds;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectScreen;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Callback;

/** Binds the Funnels screen to its view model and turns gestures, menus and dialogs into its commands. */
public final class FunnelBuilderController implements ProjectScreen {
    static final double EXPORT_WIDTH = 1280;
    static final double EXPORT_HEIGHT = 720;

    @FXML private BorderPane root;
    @FXML private TextField paletteSearch;
    @FXML private ListView<PaletteItem> palette;
    @FXML private ComboBox<FunnelDefinition> savedFunnels;
    @FXML private Button saveButton;
    @FXML private MenuButton moreMenu;
    @FXML private MenuItem saveAsItem;
    @FXML private MenuItem deleteItem;
    @FXML private Label funnelTitle;
    @FXML private ListView<FunnelStep> stepsList;
    @FXML private ComboBox<OrderMode> orderChoice;
    @FXML private TextField windowAmount;
    @FXML private ComboBox<WindowUnit> windowUnit;
    @FXML private DatePicker entryFrom;
    @FXML private DatePicker entryTo;
    @FXML private ComboBox<String> breakdownChoice;
    @FXML private ComboBox<Attribution> attributionChoice;
    @FXML private ComboBox<CompareChoice.Kind> compareChoice;
    @FXML private VBox compareDates;
    @FXML private DatePicker compareFrom;
    @FXML private DatePicker compareTo;
    @FXML private ComboBox<String> countChoice;
    @FXML private Button addExclusionButton;
    @FXML private ListView<Exclusion> exclusionsList;
    @FXML private Label headline;
    @FXML private Label problemLabel;
    @FXML private HBox updatingBox;
    @FXML private Label updatingLabel;
    @FXML private Button cancelComputing;
    @FXML private Label computedOn;
    @FXML private MenuButton exportMenu;
    @FXML private Button copyChartButton;
    @FXML private TabPane resultTabs;
    @FXML private Tab funnelTab;
    @FXML private Tab breakdownTab;
    @FXML private Tab timeTab;
    @FXML private Tab trendTab;
    @FXML private Tab impactTab;
    @FXML private FunnelChart funnelChart;
    @FXML private ComparisonChart comparisonChart;
    @FXML private HBox shapeToggles;
    @FXML private HBox shapeBox;
    @FXML private TableView<StepResult> stepTable;
    @FXML private TableColumn<StepResult, String> stepColumn;
    @FXML private TableColumn<StepResult, String> usersColumn;
    @FXML private TableColumn<StepResult, String> fromPreviousColumn;
    @FXML private TableColumn<StepResult, String> fromFirstColumn;
    @FXML private TableColumn<StepResult, String> dropOffColumn;
    @FXML private TableColumn<StepResult, String> medianColumn;
    @FXML private TableColumn<StepResult, String> valueColumn;
    @FXML private HBox windowAdviceBox;
    @FXML private Label windowAdvice;
    @FXML private Button useSuggestedWindow;
    @FXML private BreakdownChart breakdownChart;
    @FXML private BreakdownTable breakdownTable;
    @FXML private SplitPane breakdownSplit;
    @FXML private Label breakdownHint;
    @FXML private ComboBox<Integer> timeStepChoice;
    @FXML private TimeToConvertChart timeChart;
    @FXML private ComboBox<TrendPeriod> trendChoice;
    @FXML private TrendChart trendChart;
    @FXML private ComboBox<Goal> impactChoice;
    @FXML private ImpactTable impactTable;
    @FXML private Label resultPlaceholder;
    @FXML private Label noticeLabel;

    private final FunnelBuilderViewModel model = new FunnelBuilderViewModel();
    private final Dialogs dialogs;
    private final PathsEntry paths;
    private StepDragAndDrop dragAndDrop;
    private ComparisonColumns comparisonColumns;
    private boolean syncingSaved;

    public FunnelBuilderController(Screens screens) {
        this.dialogs = screens.dialogs();
        this.paths = new PathsEntry(model, dialogs, this::window);
    }

    @FXML
    private void initialize() {
        dragAndDrop = new StepDragAndDrop(model, stepsList);
        setUpPalette();
        setUpSteps();
        setUpRules();
        setUpExclusions();
        setUpSaved();
        setUpResults();
        setUpResultTabs();
        setUpExport();
    }

    public FunnelBuilderViewModel viewModel() {
        return model;
    }

    @Override
    public void open(ProjectSession session) {
        savedFunnels.setItems(session.funnels());
        model.open(session);
        // A cluster may take seconds: say where the funnel is computed and offer to stop it.
        updatingLabel.setText(model.computingText());
        cancelComputing.setVisible(session.isConnected());
        cancelComputing.setManaged(session.isConnected());
        syncSavedChoice();
    }

    @Override
    public boolean reveal(Object item) {
        if (item instanceof FunnelDefinition funnel) {
            model.openSaved(funnel);
            return true;
        }
        return false;
    }

    @Override
    public Optional<String> unsavedWork() {
        if (!model.hasUnsavedChanges()) {
            return Optional.empty();
        }
        String name = model.funnelNameProperty().get();
        return Optional.of(name == null ? "the new funnel" : "the funnel “" + name + "”");
    }

    @Override
    public boolean saveUnsavedWork() {
        if (!model.canSave()) {
            model.reportNotice("This funnel cannot be saved yet: " + model.problemProperty().get());
            return false;
        }
        boolean saved = model.save() || askNameAndSave();
        syncSavedChoice();
        return saved;
    }

    @Override
    public void close() {
        model.close();
        savedFunnels.setItems(null);
    }

    // ---- palette and steps ----------------------------------------------------------------------------

    private void setUpPalette() {
        palette.setItems(model.palette());
        palette.setCellFactory(list -> new PaletteCell(model::appendStep));
        palette.setPlaceholder(new Label("Nothing matches"));
        palette.setOnKeyPressed(e -> {
            PaletteItem selected = palette.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                model.appendStep(selected.step());
                e.consume();
            }
        });
        paletteSearch.textProperty().bindBidirectional(model.searchProperty());
    }

    private void setUpSteps() {
        stepsList.setItems(model.steps());
        stepsList.setCellFactory(list -> new StepCell(dragAndDrop, model::removeStep, model::toggleOptional,
                model::optionalRefusal));
        // Whether a step may be optional depends on the exclusions too.
        model.exclusions().addListener((ListChangeListener<Exclusion>) change -> stepsList.refresh());
        Label placeholder = new Label("Drag goals or events here");
        placeholder.getStyleClass().add("placeholder");
        stepsList.setPlaceholder(placeholder);
        stepsList.setOnKeyPressed(e -> {
            int selected = stepsList.getSelectionModel().getSelectedIndex();
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && selected >= 0) {
                model.removeStep(selected);
                e.consume();
            } else if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) && selected >= 0) {
                // Alt+Up / Alt+Down reorder from the keyboard, as dragging does with the mouse.
                int target = e.getCode() == KeyCode.UP ? selected - 1 : selected + 2;
                model.moveStep(selected, Math.max(0, target));
                stepsList.getSelectionModel().clearAndSelect(Math.max(0, Math.min(model.steps().size() - 1,
                        e.getCode() == KeyCode.UP ? selected - 1 : selected + 1)));
                e.consume();
            }
        });
        dragAndDrop.attachToList();
        dragAndDrop.attachRemovalArea(root);
        funnelTitle.textProperty().bind(Bindings.createStringBinding(
                () -> model.title().isEmpty() ? "New funnel" : model.title(),
                model.funnelNameProperty(), model.steps()));
    }

    // ---- rules ---------------------------------------------------------------------------------------

    private void setUpRules() {
        orderChoice.getItems().setAll(OrderMode.values());
        orderChoice.setConverter(Labels.of(FunnelBuilderController::orderLabel));
        orderChoice.valueProperty().bindBidirectional(model.orderProperty());
        windowUnit.getItems().setAll(WindowUnit.values());
        windowUnit.valueProperty().bindBidirectional(model.windowUnitProperty());
        setUpWindowAmount();
        entryFrom.valueProperty().bindBidirectional(model.entryFromProperty());
        entryTo.valueProperty().bindBidirectional(model.entryToProperty());
        setUpBreakdown();
        CountChoice.bind(countChoice, model);
        setUpWindowAdvice();
        CompareControls.bind(model.comparison(), compareChoice, compareDates, compareFrom, compareTo);
    }

    /** The amount is committed on Enter or when the field loses focus, so each keystroke is not an undo step. */
    private void setUpWindowAmount() {
        windowAmount.setText(model.windowAmountProperty().get());
        model.windowAmountProperty().addListener((obs, old, text) -> windowAmount.setText(text));
        windowAmount.setOnAction(e -> model.windowAmountProperty().set(windowAmount.getText()));
        windowAmount.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                model.windowAmountProperty().set(windowAmount.getText());
            }
        });
    }

    /** The window check's advice under the headline, with a button taking the suggested window. */
    private void setUpWindowAdvice() {
        windowAdvice.textProperty().bind(model.windowAdviceProperty());
        windowAdviceBox.visibleProperty().bind(model.windowAdviceProperty().isNotEmpty());
        windowAdviceBox.managedProperty().bind(windowAdviceBox.visibleProperty());
        useSuggestedWindow.visibleProperty().bind(model.suggestedWindowProperty().isNotNull());
        useSuggestedWindow.managedProperty().bind(useSuggestedWindow.visibleProperty());
        useSuggestedWindow.textProperty().bind(Bindings.createStringBinding(() ->
                model.suggestedWindowProperty().get() == null ? ""
                        : "Use a " + Times.window(model.suggestedWindowProperty().get()) + " window",
                model.suggestedWindowProperty()));
    }

    @FXML
    private void onCancelComputing() {
        model.cancelComputing();
    }

    @FXML
    private void onUseSuggestedWindow() {
        model.useSuggestedWindow();
    }

    private void setUpBreakdown() {
        // "" stands for no breakdown: a ComboBox cannot select a null item. Headers are items too (keys no
        // property has), shown disabled, so the value stays a property name.
        // The list is refilled when the property catalog arrives, after the funnel is shown: refilling must not
        // read as the user choosing (which would be an undo step, or lose the breakdown).
        boolean[] filling = {false};
        Runnable fillChoices = () -> {
            filling[0] = true;
            List<String> keys = model.breakdownChoices().stream().map(BreakdownChoice::key).toList();
            breakdownChoice.getItems().setAll("");
            breakdownChoice.getItems().addAll(keys);
            filling[0] = false;
            breakdownChoice.setValue(orEmpty(model.breakdownPropertyProperty().get()));
        };
        model.breakdownChoices().addListener((ListChangeListener<BreakdownChoice>) change -> fillChoices.run());
        fillChoices.run();
        breakdownChoice.setCellFactory(list -> new BreakdownChoiceCell(model::breakdownChoice));
        breakdownChoice.setConverter(Labels.of(name -> name.isEmpty() ? BreakdownChoiceCell.NO_BREAKDOWN : name));
        breakdownChoice.valueProperty().addListener((obs, old, name) -> {
            if (filling[0]) {
                return;
            }
            if (BreakdownChoice.isHeaderKey(name)) {
                breakdownChoice.setValue(old); // reached by the keyboard: a header is not a choice
                return;
            }
            model.breakdownPropertyProperty().set(name == null || name.isEmpty() ? null : name);
        });
        model.breakdownPropertyProperty().addListener((obs, old, name) -> breakdownChoice.setValue(orEmpty(name)));
        attributionChoice.getItems().setAll(Attribution.values());
        attributionChoice.setConverter(Labels.of(a -> a == Attribution.FIRST_TOUCH ? "first touch" : "last step"));
        attributionChoice.valueProperty().bindBidirectional(model.attributionProperty());
        attributionChoice.disableProperty().bind(model.breakdownPropertyProperty().isNull());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    static String orderLabel(OrderMode order) {
        return switch (order) {
            case SEQUENTIAL -> "In this order";
            case STRICT -> "Directly followed by";
            case ANY -> "Any order";
        };
    }

    private void setUpExclusions() {
        exclusionsList.setItems(model.exclusions());
        exclusionsList.setPlaceholder(new Label("None"));
        exclusionsList.setCellFactory(list -> new ExclusionCell(model::removeExclusion));
        addExclusionButton.disableProperty().bind(Bindings.size(model.steps()).lessThan(2));
    }

    @FXML
    private void onAddExclusion() {
        List<FunnelStep> candidates = model.palette().stream().filter(i -> !i.isHeader())
                .map(PaletteItem::step).toList();
        ExclusionDialog.ask(window(), candidates, List.copyOf(model.steps())).ifPresent(model::addExclusion);
    }

    // ---- saved funnels -------------------------------------------------------------------------------

    private void setUpSaved() {
        savedFunnels.setConverter(Labels.of(FunnelDefinition::name));
        savedFunnels.setOnAction(e -> {
            if (!syncingSaved && savedFunnels.getValue() != null) {
                model.openSaved(savedFunnels.getValue());
            }
        });
        model.funnelNameProperty().addListener((obs, old, name) -> syncSavedChoice());
        saveButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.canSave(),
                model.draftObservables()));
        saveAsItem.disableProperty().bind(saveButton.disableProperty());
        deleteItem.disableProperty().bind(model.funnelNameProperty().isNull());
    }

    /** Shows the open funnel in the saved list without reopening it. */
    private void syncSavedChoice() {
        syncingSaved = true;
        try {
            String name = model.funnelNameProperty().get();
            savedFunnels.setValue(model.savedFunnels().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElse(null));
        } finally {
            syncingSaved = false;
        }
    }

    @FXML
    private void onSave() {
        if (!model.save()) {
            onSaveAs();
        }
        syncSavedChoice();
    }

    @FXML
    private void onSaveAs() {
        askNameAndSave();
    }

    /** Asks for a name and saves under it; false when the user cancelled or the name was refused. */
    private boolean askNameAndSave() {
        Optional<String> name = dialogs.askText("Save funnel", "Save this funnel in the project as", model.title());
        if (name.isEmpty()) {
            return false;
        }
        try {
            model.saveAs(name.get());
            syncSavedChoice();
            return true;
        } catch (IllegalArgumentException e) {
            model.reportNotice(e.getMessage());
            return false;
        }
    }

    @FXML
    private void onNewFunnel() {
        model.newFunnel();
    }

    @FXML
    private void onDelete() {
        FunnelDefinition open = savedFunnels.getValue();
        if (open != null) {
            model.deleteSaved(open);
            model.reportNotice("Deleted " + open.name() + ". Edit > Undo brings it back.");
        }
    }

    // ---- results -------------------------------------------------------------------------------------

    private void setUpResults() {
        headline.textProperty().bind(model.headlineProperty());
        problemLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String problem = model.problemProperty().get();
            return problem == null || problem.equals(FunnelBuilderViewModel.NO_STEPS) ? "" : problem;
        }, model.problemProperty()));
        problemLabel.managedProperty().bind(problemLabel.textProperty().isNotEmpty());
        computedOn.textProperty().bind(model.computedOnProperty());
        computedOn.visibleProperty().bind(model.computedOnProperty().isNotEmpty());
        computedOn.managedProperty().bind(computedOn.visibleProperty());
        // Only the indicator changes while computing; the previous result stays in place until the new one.
        updatingBox.visibleProperty().bind(model.computingProperty());
        // Only the Cancel button takes clicks: the rest of the indicator lets them through to the tabs below.
        updatingBox.setPickOnBounds(false);
        noticeLabel.textProperty().bind(model.noticeProperty());
        resultPlaceholder.textProperty().bind(model.placeholderProperty());
        // The problem line says why there is no result when there is one to say.
        resultPlaceholder.visibleProperty().bind(model.resultProperty().isNull().and(problemLabel.textProperty()
                .isEmpty()));
        resultTabs.visibleProperty().bind(model.resultProperty().isNotNull());
        funnelChart.headlineVisibleProperty().set(false);
        SegmentedToggles.fill(shapeToggles, FunnelShape.values(), FunnelShape::label, model.funnelShapeProperty(),
                "shape");
        // The choice sits by the export buttons, which export what it draws, and shows with the funnel chart only.
        shapeBox.visibleProperty().bind(funnelTab.selectedProperty()
                .and(model.comparison().comparisonProperty().isNull()));
        shapeBox.managedProperty().bind(shapeBox.visibleProperty());
        funnelChart.funnelShapeProperty().bind(model.funnelShapeProperty());
        funnelChart.setOnStepClicked(model::drillDown);
        paths.attachToChart(funnelChart);
        breakdownChart.setOnBarClicked(model::drillDown);
        paths.attachToBreakdownChart(breakdownChart);
        breakdownTable.setOnOpen(model::drillDown);
        model.selectedStepProperty().addListener((obs, old, step) ->
                funnelChart.selectedStepProperty().set(step == null ? 0 : step));
        model.resultProperty().addListener((obs, old, result) -> showResult(result));
        comparisonChart.setOnStepClicked(model::drillDown);
        // The legend names the entry range of the result's spec, which may change while the numbers do not.
        model.comparison().comparisonProperty().addListener((obs, old, comparison) -> showComparison());
        model.resultSpecProperty().addListener((obs, old, spec) -> showComparison());
        // A connected project's users are listed on the cluster: what is listed, with Cancel, beside the notices.
        Pane notices = (Pane) noticeLabel.getParent();
        notices.getChildren().add(notices.getChildren().indexOf(noticeLabel), DrillDownDialog.listingBar(model));
        model.drillDownProperty().addListener((obs, old, users) -> {
            // A connected project's list grown by a page shows in its open dialog.
            if (users != null && !users.continues(old)) {
                DrillDownDialog.show(window(), dialogs, users, model);
            }
        });
        setUpStepTable();
    }

    private void setUpStepTable() {
        stepTable.setItems(model.stepRows());
        comparisonColumns = new ComparisonColumns(stepTable,
                List.of(fromPreviousColumn, dropOffColumn, medianColumn, valueColumn));
        stepTable.setPlaceholder(new Label(""));
        stepColumn.setCellValueFactory(text(StepText::tableLines));
        stepColumn.setCellFactory(c -> new TwoLineCell<>(Pos.CENTER_LEFT));
        usersColumn.setCellValueFactory(text(s -> Numbers.count(s.users())));
        usersColumn.textProperty().bind(Bindings.createStringBinding(() ->
                CountingText.countedHeader(model.resultProperty().get()), model.resultProperty()));
        fromPreviousColumn.setCellValueFactory(text(s -> Numbers.percent(s.conversionFromPrevious())
                + "\n" + Numbers.interval(s.conversionFromPreviousInterval())));
        fromFirstColumn.setCellValueFactory(text(s -> Numbers.percent(s.conversionFromFirst())
                + "\n" + Numbers.interval(s.conversionFromFirstInterval())));
        dropOffColumn.setCellValueFactory(text(s -> s.dropped() == 0 ? Numbers.NONE
                : Numbers.count(s.dropped()) + "\n" + Numbers.percent(s.dropOffRate())));
        for (TableColumn<StepResult, String> column : List.of(fromPreviousColumn, fromFirstColumn, dropOffColumn)) {
            column.setCellFactory(c -> new TwoLineCell<>());
        }
        medianColumn.setCellValueFactory(text(s -> Times.duration(s.timeFromPrevious().medianSeconds())));
        valueColumn.setCellValueFactory(text(s -> s.value() == 0 ? Numbers.NONE : Numbers.money(s.value())));
        stepTable.setRowFactory(table -> {
            TableRow<StepResult> row = new TableRow<>();
            paths.attachToRow(row, StepResult::number);
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    model.drillDown(row.getItem().number());
                }
            });
            return row;
        });
    }

    private static Callback<TableColumn.CellDataFeatures<StepResult, String>, ObservableValue<String>> text(
            Function<StepResult, String> format) {
        return cell -> new ReadOnlyObjectWrapper<>(format.apply(cell.getValue()));
    }

    private void showResult(FunnelResult result) {
        funnelChart.setResult(result);
        breakdownChart.setResult(result);
        trendChart.setResult(result);
        boolean noBreakdown = result == null || result.breakdown() == null || result.breakdown().isEmpty();
        breakdownTable.setResult(result);
        breakdownHint.setVisible(noBreakdown);
        breakdownSplit.setVisible(!noBreakdown);
        List<Integer> timed = TimedSteps.of(result);
        if (!timeStepChoice.getItems().equals(timed)) {
            timeStepChoice.getItems().setAll(timed);
        }
        showTimeToConvert();
        showComparison();
    }

    /** While comparing, the Funnel tab draws both periods side by side and the step table adds their difference. */
    private void showComparison() {
        Comparison comparison = model.comparison().comparisonProperty().get();
        FunnelResult result = model.resultProperty().get();
        FunnelSpec spec = model.resultSpecProperty().get();
        boolean comparing = comparison != null && result != null && spec != null;
        comparisonChart.setComparison(comparing ? result : null, comparing ? comparison : null,
                comparing ? ComparisonText.thisPeriod(spec.entryFrom(), spec.entryTo()) : "",
                comparing ? ComparisonText.comparedPeriod(comparison) : "");
        comparisonChart.setVisible(comparing);
        funnelChart.setVisible(!comparing);
        comparisonColumns.show(comparing ? comparison : null);
    }

    private void setUpResultTabs() {
        timeStepChoice.setConverter(Labels.of(this::timeStepLabel));
        timeStepChoice.valueProperty().addListener((obs, old, step) -> {
            if (step != null) {
                model.selectedStepProperty().set(step);
            }
        });
        model.selectedStepProperty().addListener((obs, old, step) -> showTimeToConvert());
        trendChoice.getItems().setAll(TrendPeriod.values());
        trendChoice.setConverter(Labels.of(p -> p.name().toLowerCase(Locale.ROOT)));
        trendChoice.valueProperty().bindBidirectional(model.trendPeriodProperty());
        impactChoice.setItems(model.macroGoals());
        impactChoice.setConverter(Labels.of(Goal::name));
        impactChoice.valueProperty().bindBidirectional(model.impactMacroProperty());
        model.impactProperty().addListener((obs, old, impact) -> impactTable.setResult(impact));
        model.impactExplanationProperty().addListener((obs, old, why) -> impactTable.setPlaceholder(why));
    }

    private String timeStepLabel(Integer step) {
        List<StepResult> steps = model.stepRows();
        if (step == null || step < 2 || step > steps.size()) {
            return "";
        }
        return steps.get(step - 1).name() + " (from " + TimedSteps.previous(steps, step).name() + ")";
    }

    /** The histogram of the selected step's time from the previous step (the last step when none is chosen). */
    private void showTimeToConvert() {
        FunnelResult result = model.resultProperty().get();
        Integer selected = model.selectedStepProperty().get();
        if (result == null || result.steps().size() < 2) {
            timeChart.setStats(null, "");
            timeStepChoice.setValue(null);
            return;
        }
        int step = selected == null || !TimedSteps.of(result).contains(selected) ? result.steps().size() : selected;
        timeStepChoice.setValue(step);
        StepResult target = result.steps().get(step - 1);
        timeChart.setStats(target.timeFromPrevious(), ChartText.timeBetween(TimedSteps.previous(result.steps(),
                step).name(), target.name()), result.window().getSeconds());
    }

    // ---- export --------------------------------------------------------------------------------------

    private void setUpExport() {
        exportMenu.disableProperty().bind(model.resultProperty().isNull());
        copyChartButton.disableProperty().bind(model.resultProperty().isNull());
    }

    @FXML
    private void onExportPng1() {
        choosePng(1);
    }

    @FXML
    private void onExportPng2() {
        choosePng(2);
    }

    @FXML
    private void onExportPng3() {
        choosePng(3);
    }

    private void choosePng(double scale) {
        String name = FileNames.safe(model.title()) + (scale > 1 ? "@" + (int) scale + "x" : "") + ".png";
        dialogs.saveFile(FileKinds.pngImage("Export chart", name))
                .ifPresent(target -> exportPng(target, scale, () -> { }));
    }

    /** Writes the chart of the chosen result tab, with its caption, as a PNG in the background. */
    void exportPng(Path target, double scale, Runnable done) {
        Region chart = exportChart();
        ChartCaption caption = caption();
        ErrorDisplay errors = model.session().errors();
        model.session().runner().run("Exporting " + target.getFileName(), p -> {
            ChartExporter.writePng(chart, caption, EXPORT_WIDTH, EXPORT_HEIGHT, scale, target);
            return target;
        }, written -> {
            model.reportNotice("Saved " + written.getFileName() + ".");
            done.run();
        }, failure -> model.reportNotice("Could not export the chart: "
                + FailureReport.handle("exporting the chart", failure, errors)));
    }

    @FXML
    private void onCopyChart() {
        ClipboardContent content = new ClipboardContent();
        content.putImage(ChartExporter.render(exportChart(), caption(), EXPORT_WIDTH, EXPORT_HEIGHT, 2));
        Clipboard.getSystemClipboard().setContent(content);
        model.reportNotice("Chart copied to the clipboard.");
    }

    /** Exports the table behind the tab in view: steps (and breakdown), time to convert, trend or impact. */
    @FXML
    private void onExportTable() {
        Tab tab = resultTabs.getSelectionModel().getSelectedItem();
        String what = tab == trendTab ? "trend" : tab == timeTab ? "time to convert" : tab == impactTab ? "impact"
                : "steps";
        String name = FileNames.safe(model.title() + " - " + what) + ".csv";
        dialogs.saveFile(FileKinds.csvTable("Export " + what + " table", name))
                .ifPresent(target -> exportTable(tab, target, () -> { }));
    }

    void exportTable(Tab tab, Path target, Runnable done) {
        FunnelResult result = model.resultProperty().get();
        if (tab == trendTab) {
            model.exportTrendTable(target, done);
        } else if (tab == timeTab && result != null && result.steps().size() > 1) {
            model.exportTimeTable(timeStepChoice.getValue() == null ? result.steps().size()
                    : timeStepChoice.getValue(), target, done);
        } else if (tab == impactTab && model.impactProperty().get() != null) {
            model.exportImpactTable(target, done);
        } else {
            model.exportStepTable(target, done);
        }
    }

    /** A fresh, unattached chart for the selected tab, so exporting never disturbs the one on screen. */
    private Region exportChart() {
        FunnelResult result = model.resultProperty().get();
        Tab tab = resultTabs.getSelectionModel().getSelectedItem();
        if (tab == breakdownTab && !breakdownHint.isVisible()) {
            BreakdownChart chart = new BreakdownChart();
            chart.setResult(result);
            return chart;
        }
        if (tab == trendTab) {
            TrendChart chart = new TrendChart();
            chart.setResult(result);
            return chart;
        }
        if (tab == timeTab && result.steps().size() > 1) {
            return timeChartCopy(result);
        }
        if (tab == impactTab && model.impactProperty().get() != null) {
            ImpactTable table = new ImpactTable();
            table.setPlaceholder(model.impactExplanationProperty().get());
            table.setResult(model.impactProperty().get());
            return table;
        }
        if (tab == funnelTab && comparisonChart.isVisible()) {
            return comparisonChart.copyForExport();
        }
        FunnelChart chart = new FunnelChart();
        chart.funnelShapeProperty().set(model.funnelShapeProperty().get());
        chart.setResult(result);
        return chart;
    }

    private Region timeChartCopy(FunnelResult result) {
        int step = timeStepChoice.getValue() == null ? result.steps().size() : timeStepChoice.getValue();
        TimeToConvertChart chart = new TimeToConvertChart();
        chart.setStats(result.steps().get(step - 1).timeFromPrevious(),
                ChartText.timeBetween(TimedSteps.previous(result.steps(), step).name(),
                        result.steps().get(step - 1).name()),
                result.window().getSeconds());
        return chart;
    }

    /** The caption of the chart {@link #exportChart()} draws: the rules it was computed with, both periods' ones. */
    ChartCaption caption() {
        FunnelResult result = model.resultProperty().get();
        FunnelSpec spec = model.resultSpecProperty().get();
        ProjectOverview overview = model.session().overview();
        Tab shown = resultTabs.getSelectionModel().getSelectedItem();
        boolean drawsBreakdown = shown == breakdownTab || shown == trendTab && TrendChart.drawsBreakdown(result);
        // Impact and comparison captions keep the funnel's data range, and with it where it was computed.
        ChartCaption funnel = model.withEngine(ChartText.caption(result, model.title(), spec.entryFrom(),
                spec.entryTo(), overview.firstEvent(), overview.lastEvent(), drawsBreakdown));
        ImpactResult impact = model.impactProperty().get();
        if (resultTabs.getSelectionModel().getSelectedItem() == impactTab && impact != null) {
            return ChartText.impactCaption(impact, funnel.dataRange());
        }
        if (shown == funnelTab && comparisonChart.isVisible()) {
            return ComparisonText.caption(funnel, comparisonChart.getComparison());
        }
        return funnel;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** An exclusion as one readable line with a remove button. */
    private static final class ExclusionCell extends ListCell<Exclusion> {
        private final Consumer<Exclusion> onRemove;

        ExclusionCell(Consumer<Exclusion> onRemove) {
            this.onRemove = onRemove;
        }

        @Override
        protected void updateItem(Exclusion exclusion, boolean empty) {
            super.updateItem(exclusion, empty);
            if (empty || exclusion == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText("No " + exclusion.step().name() + " between steps " + exclusion.fromStep() + " and "
                    + exclusion.toStep() + (exclusion.dropFromThatPoint() ? " (drop from there)" : ""));
            Button remove = new Button(null, new org.kordamp.ikonli.javafx.FontIcon("fth-x"));
            remove.getStyleClass().add("step-remove");
            remove.setOnAction(e -> onRemove.accept(exclusion));
            setGraphic(remove);
            setContentDisplay(ContentDisplay.RIGHT);
        }
    }
}
