package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.GoalType;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.LatestWins;
import io.funnelworkbench.workspace.NameRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The New goal and Edit goal dialog's state: the goal's fields, the project's events and properties to choose
 * from, validation with a message per field, and a live count of what the rule matches.
 */
public final class GoalEditorViewModel {
    /** Where a goal's value comes from. */
    public enum ValueSource {
        NONE("No value"), FIXED("Fixed amount"), PROPERTY("From a property");

        private final String label;

        ValueSource(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final int FREQUENT_VALUES = 15;

    private final GoalComputation computation;
    /** The imported events, for the properties' values; empty on a connected project, which offers none. */
    private final EventLog log;
    private final Set<String> otherNames;
    private final Goal original;
    private final LatestWins<GoalMetrics> previewRun;
    private final BackgroundRunner runner;
    private final ErrorDisplay errors;
    /** Each condition row's frequent values, read in the background. */
    private final Map<ConditionRow, LatestWins<List<String>>> valueRuns = new IdentityHashMap<>();

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<GoalKind> kind = new SimpleObjectProperty<>(GoalKind.MACRO);
    private final ObservableList<GoalCategory> categories = FXCollections.observableArrayList();
    private final ObjectProperty<GoalCategory> category = new SimpleObjectProperty<>();
    private final ObjectProperty<GoalType> type = new SimpleObjectProperty<>();
    private final ObservableList<EventChoice> events =
            FXCollections.observableArrayList(choice -> new Observable[] {choice.selectedProperty()});
    private final FilteredList<EventChoice> shownEvents = new FilteredList<>(events);
    private final StringProperty eventSearch = new SimpleStringProperty("");
    private final ObservableList<ConditionRow> conditions = FXCollections.observableArrayList(row ->
            new Observable[] {row.propertyProperty(), row.operatorProperty(), row.valueProperty(),
                row.ignoreCaseProperty()});
    private final List<String> propertyNames;
    private final List<String> numericProperties;
    private final ObjectProperty<ValueSource> valueSource = new SimpleObjectProperty<>(ValueSource.NONE);
    private final StringProperty fixedAmount = new SimpleStringProperty("");
    private final StringProperty valueProperty = new SimpleStringProperty();
    private final ObjectProperty<Counting> counting = new SimpleObjectProperty<>(Counting.USER);

    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper eventsError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fixedAmountError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper valuePropertyError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper previewBusy = new ReadOnlyBooleanWrapper(false);

    /**
     * @param otherNames names of the project's other goals, which this one may not take
     * @param original   the goal being edited, or null for a new goal
     */
    public GoalEditorViewModel(EventLog log, List<EventCount> eventCounts, Collection<String> otherNames,
                               BackgroundRunner runner, ErrorDisplay errors, Goal original) {
        this(GoalComputation.local(log), eventCounts, otherNames, runner, errors, original);
    }

    /** A dialog whose preview and property names come from {@code computation} (here, or the team's Spark). */
    public GoalEditorViewModel(GoalComputation computation, List<EventCount> eventCounts,
                               Collection<String> otherNames, BackgroundRunner runner, ErrorDisplay errors,
                               Goal original) {
        this.computation = computation;
        this.log = computation.localLog().orElse(EventLog.empty());
        this.runner = runner;
        this.errors = errors;
        this.otherNames = otherNames.stream().map(NameRules::key).collect(Collectors.toSet());
        this.original = original;
        this.previewRun = new LatestWins<>(runner, "counting the matching events", errors);
        this.propertyNames = computation.propertyNames();
        // A cluster's values are not read here: every column is offered, and the cluster sums the numbers.
        this.numericProperties = computation.isConnected() ? propertyNames
                : propertyNames.stream().filter(this::isNumericProperty).toList();
        kind.addListener((obs, old, now) -> offerCategories());
        offerCategories();
        eventSearch.addListener((obs, old, text) -> filterEvents(text));
        loadEvents(eventCounts);
        if (original != null) {
            load(original);
        }
        listen();
        validate();
        refreshPreview();
    }

    private void loadEvents(List<EventCount> eventCounts) {
        List<String> chosen = original == null ? List.of() : original.rule().eventNames();
        List<EventChoice> choices = new ArrayList<>(eventCounts.stream().map(EventChoice::new).toList());
        // An edited goal may name events this project lacks; keep them so that saving does not drop them.
        chosen.stream().filter(n -> choices.stream().noneMatch(c -> c.name().equals(n)))
                .forEach(n -> choices.add(new EventChoice(new EventCount(n, 0, 0))));
        choices.forEach(c -> c.setSelected(chosen.contains(c.name())));
        choices.sort(Comparator.comparing((EventChoice c) -> !c.isSelected()));
        events.setAll(choices);
    }

    private void load(Goal goal) {
        name.set(goal.name());
        kind.set(goal.kind());
        category.set(goal.category());
        type.set(goal.type());
        goal.rule().conditions().forEach(c -> conditions.add(new ConditionRow(c)));
        counting.set(goal.counting());
        if (goal.value().fromProperty() != null) {
            valueSource.set(ValueSource.PROPERTY);
            valueProperty.set(goal.value().fromProperty());
        } else if (!goal.value().isNone()) {
            valueSource.set(ValueSource.FIXED);
            fixedAmount.set(plain(goal.value().fixedAmount()));
        }
    }

    private void listen() {
        InvalidationListener revalidate = o -> validate();
        for (Observable field : List.of(name, category, valueSource, fixedAmount, valueProperty, counting)) {
            field.addListener(revalidate);
        }
        events.addListener((InvalidationListener) o -> {
            validate();
            refreshPreview();
            conditions.forEach(this::refreshFrequentValues);
        });
        conditions.addListener((InvalidationListener) o -> {
            validate();
            refreshPreview();
        });
        conditions.forEach(this::watchProperty);
    }

    private void offerCategories() {
        List<GoalCategory> fitting = Arrays.stream(GoalCategory.values()).filter(c -> c.kind() == kind.get()).toList();
        categories.setAll(fitting);
        if (category.get() == null || category.get().kind() != kind.get()) {
            category.set(GoalCategory.defaultFor(kind.get()));
        }
    }

    private void filterEvents(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        shownEvents.setPredicate(wanted.isEmpty() ? null
                : choice -> choice.name().toLowerCase(Locale.ROOT).contains(wanted));
    }

    // ---- commands

    /** Ticks {@code eventName} (for a goal made by dropping an event onto a list). */
    public void chooseEvent(String eventName) {
        events.stream().filter(c -> c.name().equals(eventName)).findFirst().ifPresent(c -> c.setSelected(true));
    }

    public ConditionRow addCondition() {
        ConditionRow row = new ConditionRow();
        if (!propertyNames.isEmpty()) {
            row.propertyProperty().set(propertyNames.get(0));
        }
        conditions.add(row);
        watchProperty(row);
        return row;
    }

    public void removeCondition(ConditionRow row) {
        conditions.remove(row);
    }

    /** The goal as edited; only call while {@link #validProperty()} holds. */
    public Goal build() {
        if (!valid.get()) {
            throw new IllegalStateException(message.get());
        }
        MatchRule rule = new MatchRule(selectedEventNames(),
                conditions.stream().map(ConditionRow::toCondition).toList());
        return new Goal(name.get().strip(), kind.get(), category.get(), type.get(), rule, goalValue(), counting.get());
    }

    private GoalValue goalValue() {
        return switch (valueSource.get()) {
            case NONE -> GoalValue.NONE;
            case FIXED -> GoalValue.fixed(Double.parseDouble(fixedAmount.get().strip()));
            case PROPERTY -> GoalValue.fromProperty(valueProperty.get());
        };
    }

    public List<String> selectedEventNames() {
        return events.stream().filter(EventChoice::isSelected).map(EventChoice::name).toList();
    }

    // ---- validation

    private void validate() {
        List<String> problems = new ArrayList<>();
        nameError.set(nameProblem());
        eventsError.set(selectedEventNames().isEmpty() ? "Choose at least one event that completes the goal." : null);
        fixedAmountError.set(valueSource.get() == ValueSource.FIXED && !ConditionRow.isNumber(text(fixedAmount))
                ? "The fixed value must be a number, such as 25 or 19.99." : null);
        valuePropertyError.set(valueSource.get() == ValueSource.PROPERTY && text(valueProperty).isEmpty()
                ? "Choose the numeric property that holds each conversion's value." : null);
        add(problems, nameError.get());
        add(problems, eventsError.get());
        for (int i = 0; i < conditions.size(); i++) {
            add(problems, conditions.get(i).validate(i + 1));
        }
        add(problems, fixedAmountError.get());
        add(problems, valuePropertyError.get());
        message.set(problems.isEmpty() ? "" : problems.get(0));
        valid.set(problems.isEmpty());
    }

    private String nameProblem() {
        String wanted = text(name);
        if (wanted.isEmpty()) {
            return NameRules.goalNeedsName();
        }
        return otherNames.contains(NameRules.key(wanted)) ? NameRules.goalExists(wanted) : null;
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private boolean ruleValid() {
        if (selectedEventNames().isEmpty()) {
            return false;
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).validate(i + 1) != null) {
                return false;
            }
        }
        return true;
    }

    // ---- live preview and frequent values

    private void refreshPreview() {
        if (selectedEventNames().isEmpty()) {
            previewRun.cancel();
            showPreview("Choose events to see how many match.");
            return;
        }
        if (!ruleValid()) {
            previewRun.cancel();
            showPreview("Complete the conditions to see how many events match.");
            return;
        }
        Goal probe = new Goal("preview", GoalKind.MICRO, null, null, new MatchRule(selectedEventNames(),
                conditions.stream().map(ConditionRow::toCondition).toList()), GoalValue.NONE, Counting.EVENT);
        Optional<String> outOfReach = computation.outOfReach("matches");
        if (outOfReach.isPresent()) {
            showPreview(outOfReach.get());
            return;
        }
        previewBusy.set(true);
        previewRun.request(p -> computation.metrics(probe, p), m -> showPreview(matches(m)),
                failure -> showPreview("Cannot count matches: " + failure));
    }

    private void showPreview(String text) {
        previewBusy.set(false);
        preview.set(text);
    }

    private String matches(GoalMetrics metrics) {
        return "Matches " + Numbers.counted(metrics.completions(), "event") + " from "
                + Numbers.counted(metrics.users(), "user") + " · " + Numbers.percent(metrics.conversionRate())
                + " of all users" + (computation.isConnected() ? " (counted on " + computation.engine() + ")" : "");
    }

    private void watchProperty(ConditionRow row) {
        row.propertyProperty().addListener((obs, old, now) -> refreshFrequentValues(row));
        refreshFrequentValues(row);
    }

    /** Offers the property's most frequent values on the chosen events (on all events while none is chosen). */
    private void refreshFrequentValues(ConditionRow row) {
        LatestWins<List<String>> values = valueRuns.computeIfAbsent(row,
                r -> new LatestWins<>(runner, "reading a property's values", errors));
        String property = row.propertyProperty().get();
        int index = property == null ? -1 : log.propertyIndex(property);
        if (index < 0) {
            values.cancel();
            row.frequentValues().clear();
            return;
        }
        Set<String> chosen = Set.copyOf(selectedEventNames());
        values.request(p -> frequentValues(index, chosen), row.frequentValues()::setAll,
                failure -> row.frequentValues().clear());
    }

    private List<String> frequentValues(int property, Set<String> chosenEvents) {
        boolean[] eventWanted = new boolean[log.eventNames().length];
        for (int e = 0; e < eventWanted.length; e++) {
            eventWanted[e] = chosenEvents.isEmpty() || chosenEvents.contains(log.eventName(e));
        }
        long[] counts = new long[log.propertyValueCount(property)];
        int[] column = log.propertyColumn(property);
        int[] eventColumn = log.eventColumn();
        for (int row = 0; row < column.length; row++) {
            if (eventWanted[eventColumn[row]]) {
                counts[column[row]]++;
            }
        }
        counts[EventLog.MISSING_VALUE] = 0;
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id < counts.length; id++) {
            if (counts[id] > 0) {
                ids.add(id);
            }
        }
        ids.sort(Comparator.comparingLong((Integer id) -> counts[id]).reversed()
                .thenComparing(id -> log.propertyValue(property, id)));
        return ids.stream().limit(FREQUENT_VALUES).map(id -> log.propertyValue(property, id)).toList();
    }

    /** A property can carry a value when every value it takes is a number. */
    private boolean isNumericProperty(String property) {
        int index = log.propertyIndex(property);
        int count = log.propertyValueCount(index);
        for (int id = 1; id < count; id++) {
            String value = log.propertyValue(index, id);
            if (value != null && !value.isBlank() && !ConditionRow.isNumber(value)) {
                return false;
            }
        }
        return count > 1;
    }

    /** Stops background work; the dialog has closed. */
    public void dispose() {
        previewRun.stop();
        valueRuns.values().forEach(LatestWins::stop);
    }

    private static String text(StringProperty property) {
        return property.get() == null ? "" : property.get().strip();
    }

    private static String plain(double amount) {
        return amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
    }

    // ---- properties

    public Goal original() {
        return original;
    }

    public String title() {
        return original == null ? "New goal" : "Edit goal";
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<GoalKind> kindProperty() {
        return kind;
    }

    public ObservableList<GoalCategory> categories() {
        return categories;
    }

    public ObjectProperty<GoalCategory> categoryProperty() {
        return category;
    }

    public ObjectProperty<GoalType> typeProperty() {
        return type;
    }

    public ObservableList<EventChoice> events() {
        return events;
    }

    /** The events the search leaves visible. */
    public ObservableList<EventChoice> shownEvents() {
        return shownEvents;
    }

    public StringProperty eventSearchProperty() {
        return eventSearch;
    }

    public ObservableList<ConditionRow> conditions() {
        return conditions;
    }

    public List<String> propertyNames() {
        return propertyNames;
    }

    /** Properties whose values are all numbers: the ones a goal's value can come from. */
    public List<String> numericProperties() {
        return numericProperties;
    }

    public ObjectProperty<ValueSource> valueSourceProperty() {
        return valueSource;
    }

    public StringProperty fixedAmountProperty() {
        return fixedAmount;
    }

    public StringProperty valuePropertyProperty() {
        return valueProperty;
    }

    public ObjectProperty<Counting> countingProperty() {
        return counting;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsErrorProperty() {
        return eventsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fixedAmountErrorProperty() {
        return fixedAmountError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valuePropertyErrorProperty() {
        return valuePropertyError.getReadOnlyProperty();
    }

    /** The first problem in words, or empty when the goal can be saved. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** For example "Matches 2,310 events from 1,749 users · 8.7% of all users". */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewBusyProperty() {
        return previewBusy.getReadOnlyProperty();
    }
}
