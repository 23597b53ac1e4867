package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.text.GoalText;
import io.funnelworkbench.ui.background.LatestWins;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.workspace.GoalDeleted;
import io.funnelworkbench.workspace.NameRules;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * The Goals screen's state: the session's goals split into the three lists, each goal's metrics computed in
 * the background (only for goals that changed), the searchable events list, and the commands that create,
 * edit, move and delete goals through the session, which makes each of them undoable.
 */
public final class GoalsPanelViewModel {
    private final ProjectSession session;
    private final Map<GoalList, FilteredList<Goal>> lists = new EnumMap<>(GoalList.class);
    private final ObservableMap<Goal, GoalMetrics> metrics = FXCollections.observableHashMap();
    private final FilteredList<EventCount> events;
    private final StringProperty eventSearch = new SimpleStringProperty("");
    private final ObjectProperty<Goal> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final GoalComputation computation;
    private final String metricsNotice;
    private final LatestWins<Map<Goal, GoalMetrics>> metricsRun;
    private final ListChangeListener<Goal> goalsChanged = change -> goalsChanged();
    private boolean acting;

    public GoalsPanelViewModel(ProjectSession session) {
        this.session = session;
        for (GoalList list : GoalList.values()) {
            lists.put(list, new FilteredList<>(session.goals(), list::holds));
        }
        events = new FilteredList<>(FXCollections.observableArrayList(session.eventCounts()));
        eventSearch.addListener((obs, old, text) -> filterEvents(text));
        metricsRun = new LatestWins<>(session.runner(), "computing goal metrics", session.errors());
        computation = GoalComputation.of(session);
        metricsNotice = computation.outOfReach("goal metrics").orElse(computation.isConnected()
                ? "Users, conversion and value computed on " + computation.engine() + "." : "");
        session.goals().addListener(goalsChanged);
        refreshMetrics();
    }

    ProjectSession session() {
        return session;
    }

    public ObservableList<Goal> goals(GoalList list) {
        return lists.get(list);
    }

    /** Metrics of goals computed so far; a goal missing here is still being computed. */
    public ObservableMap<Goal, GoalMetrics> metrics() {
        return metrics;
    }

    public Optional<GoalMetrics> metricsOf(Goal goal) {
        return Optional.ofNullable(metrics.get(goal));
    }

    public ObservableList<EventCount> events() {
        return events;
    }

    public StringProperty eventSearchProperty() {
        return eventSearch;
    }

    public ObjectProperty<Goal> selectedProperty() {
        return selected;
    }

    /** Whether the metrics can be computed: not for a connected project whose cluster was out of reach. */
    public boolean canComputeMetrics() {
        return computation.outOfReach("goal metrics").isEmpty();
    }

    /**
     * Where the metrics are computed, for a connected project ("… computed on spark-connect 4.0.1."), or the
     * sentence that stands in for them when its cluster was out of reach; blank for an imported project.
     */
    public String metricsNotice() {
        return metricsNotice;
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** What just happened, e.g. that a deleted goal can be brought back with Undo. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    // ---- editors

    /** An empty New goal dialog for {@code list}'s kind and category. */
    public GoalEditorViewModel newGoal(GoalList list) {
        GoalEditorViewModel editor = editor(null);
        editor.kindProperty().set(list.kind());
        editor.categoryProperty().set(list.categoryFor(null));
        return editor;
    }

    /** A New goal dialog for an event dropped onto {@code list}: the event ticked and a name made from it. */
    public GoalEditorViewModel newGoal(GoalList list, String eventName) {
        GoalEditorViewModel editor = newGoal(list);
        editor.chooseEvent(eventName);
        editor.nameProperty().set(unusedName(GoalText.nameFor(eventName)));
        return editor;
    }

    public GoalEditorViewModel edit(Goal goal) {
        return editor(goal);
    }

    private GoalEditorViewModel editor(Goal original) {
        List<String> otherNames = session.goals().stream().filter(g -> g != original).map(Goal::name).toList();
        return new GoalEditorViewModel(computation, session.eventCounts(), otherNames, session.runner(),
                session.errors(), original);
    }

    /** Saves what the dialog holds, as a new goal or in place of the goal it edited. */
    public Goal save(GoalEditorViewModel editor) {
        Goal goal = editor.build();
        act(() -> session.saveGoal(goal, editor.original()));
        selected.set(goal);
        notice.set((editor.original() == null ? "Created “" : "Saved “") + goal.name() + "”.");
        return goal;
    }

    // ---- commands on goals

    /**
     * What to ask before deleting {@code goal}, when saved funnels use it (they could not be computed without
     * it); empty when nothing depends on it and it can go at once.
     */
    public Optional<String> deleteQuestion(Goal goal) {
        List<String> usedBy = session.funnelsUsing(goal.name());
        if (usedBy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The saved " + NameRules.funnelsNamed(usedBy) + (usedBy.size() == 1 ? " uses" : " use")
                + " “" + goal.name() + "” and cannot be computed without it. Delete the goal anyway?");
    }

    /** Deletes the goal even when saved funnels use it (ask first with {@link #deleteQuestion}). */
    public void delete(Goal goal) {
        GoalDeleted deleted = acting(() -> session.removeGoal(goal));
        if (goal.equals(selected.get())) {
            selected.set(null);
        }
        List<String> usedBy = deleted.brokenFunnels();
        notice.set("Deleted “" + goal.name() + "”." + (usedBy.isEmpty() ? "" : " The saved "
                + NameRules.funnelsNamed(usedBy) + " used it and cannot be computed without it.")
                + " Edit › Undo brings it back.");
    }

    /** Whether dropping {@code goal} onto {@code list} would change it. */
    public boolean canMove(Goal goal, GoalList list) {
        return goal != null && !list.holds(goal);
    }

    /** Moves a goal to another list, which changes its kind and category; undoable like any edit. */
    public void move(Goal goal, GoalList target) {
        if (!canMove(goal, target)) {
            return;
        }
        Goal moved = new Goal(goal.name(), target.kind(), target.categoryFor(goal), goal.type(), goal.rule(),
                goal.value(), goal.counting());
        act(() -> session.saveGoal(moved, goal));
        selected.set(moved);
        notice.set("Moved “" + goal.name() + "” to " + target.title().toLowerCase(Locale.ROOT) + ".");
    }

    public Goal findGoal(String name) {
        return session.findGoal(name);
    }

    /** {@code base}, or {@code base 2}, {@code base 3}… when a goal has that name already. */
    String unusedName(String base) {
        String candidate = base;
        for (int n = 2; taken(candidate); n++) {
            candidate = base + " " + n;
        }
        return candidate;
    }

    private boolean taken(String name) {
        return session.goals().stream().anyMatch(g -> NameRules.same(g.name(), name));
    }

    // ---- metrics

    /** Runs one of this screen's own edits; any other change (Undo, Redo) makes the last notice stale. */
    private void act(Runnable edit) {
        acting(() -> {
            edit.run();
            return null;
        });
    }

    private <T> T acting(Supplier<T> edit) {
        acting = true;
        try {
            return edit.get();
        } finally {
            acting = false;
        }
    }

    private void goalsChanged() {
        if (selected.get() != null && !session.goals().contains(selected.get())) {
            selected.set(null);
        }
        if (!acting) {
            notice.set("");
        }
        refreshMetrics();
    }

    /** Keeps metrics of unchanged goals and computes the rest in the background; stale results are dropped. */
    private void refreshMetrics() {
        metrics.keySet().retainAll(session.goals());
        List<Goal> missing = session.goals().stream().filter(g -> !metrics.containsKey(g)).toList();
        if (missing.isEmpty() || !canComputeMetrics()) {
            metricsRun.cancel();
            computing.set(false);
            return;
        }
        computing.set(true);
        metricsRun.request(progress -> compute(computation, missing, progress), computed -> {
            computing.set(false);
            computed.forEach((goal, result) -> {
                if (session.goals().contains(goal)) {
                    metrics.put(goal, result);
                }
            });
        }, failure -> {
            computing.set(false);
            notice.set("Could not compute goal metrics: " + failure);
        });
    }

    /** One goal at a time: on a cluster, one query per goal (each interrupted by Cancel). */
    private static Map<Goal, GoalMetrics> compute(GoalComputation computation, List<Goal> goals, Progress progress) {
        Map<Goal, GoalMetrics> computed = new HashMap<>();
        for (int i = 0; i < goals.size(); i++) {
            progress.checkCancelled();
            progress.report(i, goals.size(), "Computing " + goals.get(i).name());
            computed.put(goals.get(i), computation.metrics(goals.get(i), progress));
        }
        return computed;
    }

    private void filterEvents(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        events.setPredicate(wanted.isEmpty() ? null : e -> e.name().toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** Stops listening to the session and drops background work: the project closed or reopened. */
    public void dispose() {
        session.goals().removeListener(goalsChanged);
        metricsRun.stop();
    }
}
