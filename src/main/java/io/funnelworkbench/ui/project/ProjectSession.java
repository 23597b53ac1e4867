package io.funnelworkbench.ui.project;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.workspace.EditRefusedException;
import io.funnelworkbench.workspace.FunnelDeleted;
import io.funnelworkbench.workspace.FunnelSaved;
import io.funnelworkbench.workspace.GoalDeleted;
import io.funnelworkbench.workspace.GoalSaved;
import io.funnelworkbench.workspace.TeamAnalyses;
import io.funnelworkbench.workspace.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open project as every screen shares it: the store, the analysis snapshot, the event names, and the
 * goals and saved funnels as observable lists that mirror the project's {@link Workspace}. Every edit goes
 * through the workspace (which holds the rules and saves in the background), then the lists follow and the edit
 * joins the undo history. Use on the FX thread only.
 */
public final class ProjectSession {
    private final ProjectStore store;
    private final ProjectOverview overview;
    private final BackgroundRunner runner;
    private final ObservableList<Goal> goals = FXCollections.observableArrayList();
    private final ObservableList<FunnelDefinition> funnels = FXCollections.observableArrayList();
    private final Workspace workspace;
    private final UndoHistory history = new UndoHistory();
    private final List<BiConsumer<String, String>> goalRenameListeners = new ArrayList<>();
    private final ClusterLink cluster;
    private ErrorDisplay errors = ErrorDisplay.NONE;

    public ProjectSession(ProjectStore store, ProjectOverview overview, BackgroundRunner runner) {
        this(store, overview, runner, null);
    }

    /** A session on a connected project's {@code cluster} link (null for a project whose events were imported). */
    public ProjectSession(ProjectStore store, ProjectOverview overview, BackgroundRunner runner,
                          ClusterLink cluster) {
        this.store = store;
        this.overview = overview;
        this.runner = runner;
        this.cluster = cluster;
        this.workspace = new Workspace(store, overview.goals(), overview.funnels(), this::persist);
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

    /**
     * A connected project's analyses on the team's Spark, when it was reached; empty for a project whose events
     * were imported (computed here from {@link #log()}) and for a cluster out of reach ({@link #clusterNotice()}).
     */
    public Optional<TeamAnalyses> team() {
        return cluster == null ? Optional.empty() : cluster.reached();
    }

    /** Whether the events stay on a team's cluster (reached or not): nothing here computes on {@link #log()}. */
    public boolean isConnected() {
        return overview.connection() != null;
    }

    /** The events' properties: the source's columns on a connected project's cluster, else the log's. */
    public List<String> propertyNames() {
        return team().map(TeamAnalyses::propertyNames).orElseGet(() -> Arrays.asList(log().propertyNames()));
    }

    /**
     * A connected project's first and last event time on the cluster, epoch microseconds, as counted when it
     * opened (0 and 0 when it holds none or was not reached): still-in-window and the window check read it.
     */
    public long[] clusterDataRange() {
        return cluster == null ? new long[] {0, 0} : cluster.dataRange().clone();
    }

    /** Where the results shown are computed, as results and captions name it: "local" or "spark-connect 4.0.1". */
    public String engine() {
        return team().map(TeamAnalyses::engine).orElse(TeamAnalyses.LOCAL_ENGINE);
    }

    /**
     * For a connected project, the sentence under its header: where its results are computed, or why the cluster
     * could not be reached and what to do.
     */
    public Optional<String> clusterNotice() {
        TeamConnection connection = overview.connection();
        if (connection == null) {
            return Optional.empty();
        }
        String where = connection.address() + ", " + connection.describeSource();
        return Optional.of(team().isPresent()
                ? "The events of " + overview.name() + " stay on the team's Spark (" + where + "): funnels, goals"
                        + " and user lists are computed there, on " + engine() + "."
                : "Could not reach the team's Spark (" + where + "): " + cluster.problem() + " The goals and"
                        + " funnels can be read and edited; open the project again to compute them.");
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

    /** The edit rules every change goes through; the lists here mirror it. */
    public Workspace workspace() {
        return workspace;
    }

    /**
     * Saves a new goal ({@code replaced} null) or an edited one. A renamed goal is renamed in the saved funnels
     * that use it, and listeners (the Funnels tab's draft) are told, all in one undoable edit, so no funnel is
     * left pointing at a missing goal. Refused ({@link EditRefusedException}) when another goal has the name.
     */
    public GoalSaved saveGoal(Goal goal, Goal replaced) {
        GoalSaved saved = workspace.saveGoal(goal, replaced == null ? null : replaced.name());
        mirror();
        tellRenamed(saved, false);
        history.record(new UndoHistory.Edit(saved.created() ? "new goal" : "goal edit", () -> {
            workspace.undo(saved);
            mirror();
            tellRenamed(saved, true);
        }, () -> {
            workspace.redo(saved);
            mirror();
            tellRenamed(saved, false);
        }));
        return saved;
    }

    private void tellRenamed(GoalSaved saved, boolean back) {
        if (saved.renamed()) {
            String from = saved.replaced().name();
            String to = saved.goal().name();
            goalRenameListeners.forEach(l -> l.accept(back ? to : from, back ? from : to));
        }
    }

    /**
     * Deletes a goal even when saved funnels use it: the screen asks first ({@link #funnelsUsing}), and the
     * result names the funnels left without it.
     */
    public GoalDeleted removeGoal(Goal goal) {
        GoalDeleted deleted = workspace.deleteGoal(goal.name(), true);
        mirror();
        recordUndoable("goal removal", () -> workspace.undo(deleted), () -> workspace.redo(deleted));
        return deleted;
    }

    /** The names of the saved funnels with the goal as a step or an exclusion. */
    public List<String> funnelsUsing(String goalName) {
        return workspace.funnelsUsing(goalName);
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

    /** Saves a funnel under its name, replacing the saved funnel of that name (the one open). */
    public FunnelSaved saveFunnel(FunnelDefinition funnel) {
        return recordFunnel(workspace.saveFunnel(funnel), "saved funnel");
    }

    /** Saves a funnel under a new name; refused ({@link EditRefusedException}) when a saved funnel has it. */
    public FunnelSaved createFunnel(FunnelDefinition funnel) {
        return recordFunnel(workspace.createFunnel(funnel), "saved funnel");
    }

    /** Renames a saved funnel; refused when another saved funnel has the new name. */
    public FunnelSaved renameFunnel(String from, String to) {
        return recordFunnel(workspace.renameFunnel(from, to), "funnel rename");
    }

    private FunnelSaved recordFunnel(FunnelSaved saved, String label) {
        mirror();
        recordUndoable(label, () -> workspace.undo(saved), () -> workspace.redo(saved));
        return saved;
    }

    public FunnelDeleted removeFunnel(FunnelDefinition funnel) {
        FunnelDeleted deleted = workspace.deleteFunnel(funnel.name());
        mirror();
        recordUndoable("funnel removal", () -> workspace.undo(deleted), () -> workspace.redo(deleted));
        return deleted;
    }

    /** Records an edit already made, whose undo and redo change the workspace and then the mirror. */
    private void recordUndoable(String what, Runnable undo, Runnable redo) {
        history.record(new UndoHistory.Edit(what, () -> {
            undo.run();
            mirror();
        }, () -> {
            redo.run();
            mirror();
        }));
    }

    /** Goals first, then funnels: a funnel that follows a renamed goal must never see the goal missing. */
    private void mirror() {
        ListMirror.follow(goals, workspace.goals());
        ListMirror.follow(funnels, workspace.funnels());
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
