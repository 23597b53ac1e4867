package io.funnelworkbench.ui.project;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open project as every screen shares it: the store, the analysis snapshot, the event names, and the
 * goals and saved funnels as observable lists. Edits update the lists at once, are saved in the background
 * and can be undone. Use on the FX thread only.
 */
public final class ProjectSession {
    private final ProjectStore store;
    private final ProjectOverview overview;
    private final BackgroundRunner runner;
    private final ObservableList<Goal> goals = FXCollections.observableArrayList();
    private final ObservableList<FunnelDefinition> funnels = FXCollections.observableArrayList();
    private final UndoHistory history = new UndoHistory();
    private final List<BiConsumer<String, String>> goalRenameListeners = new ArrayList<>();
    private ErrorDisplay errors = ErrorDisplay.NONE;

    public ProjectSession(ProjectStore store, ProjectOverview overview, BackgroundRunner runner) {
        this.store = store;
        this.overview = overview;
        this.runner = runner;
        goals.setAll(overview.goals());
        funnels.setAll(overview.funnels());
    }

    /** Where failures the user must read go: the main window's error path. */
    public void setErrorSink(ErrorDisplay errors) {
        this.errors = errors;
    }

    /** The error path the screens' background work reports defects to. */
    public ErrorDisplay errors() {
        return sentence -> errors.show(sentence);
    }

    public ProjectStore store() {
        return store;
    }

    public ProjectOverview overview() {
        return overview;
    }

    public EventLog log() {
        return overview.log();
    }

    public List<EventCount> eventCounts() {
        return overview.eventCounts();
    }

    public BackgroundRunner runner() {
        return runner;
    }

    public UndoHistory history() {
        return history;
    }

    public ObservableList<Goal> goals() {
        return goals;
    }

    public ObservableList<FunnelDefinition> funnels() {
        return funnels;
    }

    /** Adds {@code goal}, or replaces {@code replaced} (which may have had another name) with it. */
    /**
     * Saves a new or edited goal. A renamed goal is renamed in the saved funnels that use it, and listeners (the
     * Funnels tab's draft) are told, all in one undoable edit, so no funnel is left pointing at a missing goal.
     */
    public void saveGoal(Goal goal, Goal replaced) {
        Goal clash = findGoal(goal.name());
        if (clash != null && clash != replaced && !Objects.equals(clash, replaced)) {
            throw new IllegalArgumentException("A goal named '" + goal.name() + "' exists already.");
        }
        String from = replaced == null || replaced.name().equals(goal.name()) ? null : replaced.name();
        List<FunnelDefinition> using = from == null ? List.of()
                : funnels.stream().filter(f -> f.usesGoal(from)).toList();
        List<FunnelDefinition> renamed = using.stream().map(f -> f.withGoalRenamed(from, goal.name())).toList();
        Runnable redo = () -> {
            putGoal(goal, replaced);
            for (int i = 0; i < using.size(); i++) {
                putFunnel(renamed.get(i), using.get(i));
            }
            if (from != null) {
                goalRenameListeners.forEach(l -> l.accept(from, goal.name()));
            }
        };
        Runnable undo = () -> {
            if (replaced == null) {
                dropGoal(goal);
            } else {
                putGoal(replaced, goal);
            }
            for (int i = 0; i < using.size(); i++) {
                putFunnel(using.get(i), renamed.get(i));
            }
            if (from != null) {
                goalRenameListeners.forEach(l -> l.accept(goal.name(), from));
            }
        };
        redo.run();
        history.record(new UndoHistory.Edit(replaced == null ? "new goal" : "goal edit", undo, redo));
    }

    public void removeGoal(Goal goal) {
        int position = goals.indexOf(goal);
        Runnable redo = () -> dropGoal(goal);
        Runnable undo = () -> {
            goals.add(Math.min(position, goals.size()), goal);
            persist("Saving " + goal.name(), () -> store.goals().save(goal));
        };
        redo.run();
        history.record(new UndoHistory.Edit("goal removal", undo, redo));
    }

    /** Told (old name, new name) when a goal is renamed, and again the other way when that is undone. */
    public void addGoalRenameListener(BiConsumer<String, String> listener) {
        goalRenameListeners.add(listener);
    }

    public void removeGoalRenameListener(BiConsumer<String, String> listener) {
        goalRenameListeners.remove(listener);
    }

    public Goal findGoal(String name) {
        return goals.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private void putGoal(Goal goal, Goal replaced) {
        int index = replaced == null ? -1 : goals.indexOf(replaced);
        if (index >= 0) {
            goals.set(index, goal);
        } else {
            goals.add(goal);
        }
        persist("Saving " + goal.name(), () -> {
            if (replaced != null && !replaced.name().equals(goal.name())) {
                store.goals().remove(replaced.name());
            }
            store.goals().save(goal);
        });
    }

    private void dropGoal(Goal goal) {
        goals.remove(goal);
        persist("Removing " + goal.name(), () -> store.goals().remove(goal.name()));
    }

    /** Saves a funnel under its name, replacing a saved funnel of that name. */
    public void saveFunnel(FunnelDefinition funnel) {
        FunnelDefinition previous = funnels.stream().filter(f -> f.name().equals(funnel.name())).findFirst()
                .orElse(null);
        Runnable redo = () -> putFunnel(funnel, previous);
        Runnable undo = () -> {
            if (previous == null) {
                dropFunnel(funnel);
            } else {
                putFunnel(previous, funnel);
            }
        };
        redo.run();
        history.record(new UndoHistory.Edit("saved funnel", undo, redo));
    }

    public void removeFunnel(FunnelDefinition funnel) {
        Runnable redo = () -> dropFunnel(funnel);
        Runnable undo = () -> putFunnel(funnel, null);
        redo.run();
        history.record(new UndoHistory.Edit("funnel removal", undo, redo));
    }

    private void putFunnel(FunnelDefinition funnel, FunnelDefinition replaced) {
        int index = replaced == null ? -1 : funnels.indexOf(replaced);
        if (index >= 0) {
            funnels.set(index, funnel);
        } else {
            funnels.add(funnel);
        }
        persist("Saving " + funnel.name(), () -> store.funnels().save(funnel));
    }

    private void dropFunnel(FunnelDefinition funnel) {
        funnels.remove(funnel);
        persist("Removing " + funnel.name(), () -> store.funnels().remove(funnel.name()));
    }

    private void persist(String title, Runnable write) {
        runner.run(BackgroundRunner.Lane.SAVE, title, p -> {
            write.run();
            return null;
        }, done -> { }, failure -> {
            String sentence = FailureReport.handle("saving the change", failure, errors);
            if (Failures.isBadInput(failure)) {
                errors.show("Could not save the change: " + sentence);
            }
        });
    }
}
