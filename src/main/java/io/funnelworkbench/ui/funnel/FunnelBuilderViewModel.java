package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PeriodComparison;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.analysis.WindowCheck;
import io.funnelworkbench.chart.FunnelShape;
import io.funnelworkbench.export.CsvTableWriter;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import io.funnelworkbench.text.FunnelHeadline;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.PropertyText;
import io.funnelworkbench.text.WindowAdviceText;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.background.LatestWins;
import io.funnelworkbench.ui.goals.GoalComputation;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.ui.project.UndoHistory;
import io.funnelworkbench.workspace.NameRules;
import io.funnelworkbench.workspace.TeamAnalyses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State and commands of the Funnels screen: the palette, the steps and options being edited (every edit
 * undoable through the session's history), the live result, the impact table, drill-down lists and exports.
 * Works without any Node; every computation goes through a {@link LatestWins} (debounced, latest wins, stale
 * work cancelled), and defects are reported on the session's error path.
 */
public final class FunnelBuilderViewModel {
    static final String WINDOW_PROBLEM = "The window must be a whole number of 0 or more (0: every step at the"
            + " same instant as step 1).";
    static final String NO_STEPS = "Drag goals or events here to build a funnel.";
    static final String NO_MACRO_GOAL = "No macro goal yet: define one on the Goals tab to see which micro goals"
            + " lift it.";
    static final String NO_RESULT_YET = "Drag goals or events into the steps to see where visitors drop out.";
    static final String EXCLUSIONS_LEFT_OUT = "Exclusions are left out in any order: steps have no between. They"
            + " apply again in an ordered funnel.";

    private ProjectSession session;
    private LatestWins<Checked> funnelRun;
    private LatestWins<GoalComputation.ExplainedImpact> impactRun;
    private LatestWins<DrillDown> drillDownRun;
    private LatestWins<PropertyCatalog> catalogRun;
    private final ListChangeListener<Goal> goalsChanged = change -> goalsChanged();
    private final BiConsumer<String, String> goalRenamed = this::goalRenamed;

    private final ObservableList<PaletteItem> paletteItems = FXCollections.observableArrayList();
    private final ObservableList<PaletteItem> visiblePalette = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");

    private final ObservableList<FunnelStep> steps = FXCollections.observableArrayList();
    private final ObservableList<Exclusion> exclusions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper funnelName = new ReadOnlyStringWrapper();
    private final StringProperty windowAmount = new SimpleStringProperty("7");
    private final ObjectProperty<WindowUnit> windowUnit = new SimpleObjectProperty<>(WindowUnit.DAYS);
    private final ObjectProperty<OrderMode> order = new SimpleObjectProperty<>(OrderMode.SEQUENTIAL);
    private final ObjectProperty<String> breakdownProperty = new SimpleObjectProperty<>();
    private final ObjectProperty<Attribution> attribution = new SimpleObjectProperty<>(Attribution.FIRST_TOUCH);
    private final ObjectProperty<LocalDate> entryFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> entryTo = new SimpleObjectProperty<>();
    private final ObjectProperty<TrendPeriod> trendPeriod = new SimpleObjectProperty<>(TrendPeriod.WEEK);
    // How the funnel chart is drawn: a view choice, not part of the funnel, so it is neither saved nor undone.
    private final ObjectProperty<FunnelShape> funnelShape = new SimpleObjectProperty<>(FunnelShape.COLUMNS);
    // "Compare to": a view choice too, neither saved nor undone; the compared funnel is computed with the funnel.
    private final ComparisonViewModel comparison = new ComparisonViewModel();
    private Draft committed = Draft.empty();
    // The funnel as last opened from or saved to the project: what closing the project would not lose.
    private Draft saved = Draft.empty();
    private boolean restoring;

    private final ReadOnlyObjectWrapper<FunnelResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FunnelSpec> resultSpec = new ReadOnlyObjectWrapper<>();
    private final ObservableList<StepResult> stepRows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(NO_STEPS);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper windowAdvice = new ReadOnlyStringWrapper("");
    // Where the result shown was computed, for a connected project: "Computed on spark-connect 4.0.1".
    private final ReadOnlyStringWrapper computedOn = new ReadOnlyStringWrapper("");
    // What the results area says while it has no result: how to start, or that the computation was cancelled.
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(NO_RESULT_YET);
    // Written and read on the compute lane; volatile because that lane has two threads.
    private volatile LastCheck lastCheck;
    // The counting unit: null counts users, a property name counts its values (accounts).
    private final ObjectProperty<String> countBy = new SimpleObjectProperty<>();
    private final ObservableList<String> countChoices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Duration> suggestedWindow = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Integer> selectedStep = new SimpleObjectProperty<>();
    private final ObservableList<String> propertyNames = FXCollections.observableArrayList();
    private final ObservableList<BreakdownChoice> breakdownChoices = FXCollections.observableArrayList();

    private final ObservableList<Goal> macroGoals = FXCollections.observableArrayList();
    private final ObjectProperty<Goal> impactMacro = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ImpactResult> impact = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DrillDown> drillDown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper listingUsers = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper impactExplanation = new ReadOnlyStringWrapper("");

    public FunnelBuilderViewModel() {
        search.addListener((obs, old, text) -> filterPalette());
        watchOptions();
        impactMacro.addListener((obs, old, goal) -> computeImpact());
        comparison.onChange(this::recompute);
    }

    private void watchOptions() {
        windowAmount.addListener(obs -> edited("window change"));
        windowUnit.addListener(obs -> edited("window change"));
        order.addListener(obs -> edited("order change"));
        breakdownProperty.addListener(obs -> edited("breakdown change"));
        attribution.addListener(obs -> edited("breakdown change"));
        entryFrom.addListener(obs -> edited("entry date change"));
        entryTo.addListener(obs -> edited("entry date change"));
        trendPeriod.addListener(obs -> edited("trend period change"));
        countBy.addListener(obs -> edited("counting change"));
    }

    // ---- project ---------------------------------------------------------------------------------------

    /** Shows {@code newSession}'s goals and events; the builder starts on its first saved funnel, if any. */
    public void open(ProjectSession newSession) {
        close();
        session = newSession;
        funnelRun = new LatestWins<>(session.runner(), "computing the funnel", session.errors());
        impactRun = new LatestWins<>(session.runner(), "computing the micro-goal impact", session.errors());
        drillDownRun = new LatestWins<>(session.runner(), "listing the users", session.errors());
        session.goals().addListener(goalsChanged);
        session.addGoalRenameListener(goalRenamed);
        catalogRun = new LatestWins<>(session.runner(), "describing the properties", session.errors());
        propertyNames.setAll(session.propertyNames().stream().sorted().toList());
        describeProperties();
        rebuildPalette();
        macroGoals.setAll(macros());
        Draft start = session.funnels().isEmpty() ? Draft.empty()
                : Draft.of(session.funnels().get(0), Attribution.FIRST_TOUCH, TrendPeriod.WEEK);
        restore(start);
        saved = start;
        notice.set("");
        impactMacro.set(macroGoals.isEmpty() ? null : macroGoals.get(0));
    }

    public void close() {
        if (session != null) {
            funnelRun.stop();
            impactRun.stop();
            drillDownRun.stop();
            catalogRun.stop();
            session.goals().removeListener(goalsChanged);
            session.removeGoalRenameListener(goalRenamed);
        }
        session = null;
        result.set(null);
        resultSpec.set(null);
        stepRows.clear();
        comparison.show(null);
        impact.set(null);
        drillDown.set(null);
        // A notice speaks of this project ("Saved Lead -> Deal."): it must not follow into the next one.
        notice.set("");
        computedOn.set("");
        placeholder.set(NO_RESULT_YET);
    }

    private void goalsChanged() {
        rebuildPalette();
        Goal chosen = impactMacro.get();
        macroGoals.setAll(macros());
        impactMacro.set(chosen != null && macroGoals.contains(chosen) ? chosen
                : macroGoals.isEmpty() ? null : macroGoals.get(0));
        computeImpact();
        recompute();
    }

    /**
     * Follows a goal's new name in the draft. Not an edit of its own: it is part of the goal edit, which undoes it
     * (telling this view model the other way round).
     */
    private void goalRenamed(String from, String to) {
        FunnelStep old = FunnelStep.goal(from);
        FunnelStep renamed = FunnelStep.goal(to);
        restoring = true;
        try {
            steps.replaceAll(s -> s.sameTarget(old) ? renamed.withOptional(s.optional()) : s);
            exclusions.replaceAll(e -> e.step().equals(old)
                    ? new Exclusion(renamed, e.fromStep(), e.toStep(), e.dropFromThatPoint()) : e);
        } finally {
            restoring = false;
        }
        committed = snapshot();
        saved = withGoalRenamed(saved, old, renamed);
        recompute();
    }

    /** The session renames the goal in saved funnels too, so the saved baseline follows. */
    private static Draft withGoalRenamed(Draft draft, FunnelStep old, FunnelStep renamed) {
        List<FunnelStep> steps = draft.steps().stream()
                .map(s -> s.sameTarget(old) ? renamed.withOptional(s.optional()) : s).toList();
        List<Exclusion> exclusions = draft.exclusions().stream().map(e -> e.step().equals(old)
                ? new Exclusion(renamed, e.fromStep(), e.toStep(), e.dropFromThatPoint()) : e).toList();
        return new Draft(draft.name(), steps, draft.windowAmount(), draft.windowUnit(), draft.order(), exclusions,
                draft.breakdownProperty(), draft.attribution(), draft.entryFrom(), draft.entryTo(),
                draft.trendPeriod(), draft.countBy());
    }

    private List<Goal> macros() {
        return session.goals().stream().filter(g -> g.kind() == GoalKind.MACRO).toList();
    }

    // ---- palette -------------------------------------------------------------------------------------

    private void rebuildPalette() {
        List<PaletteItem> items = new ArrayList<>();
        for (Goal goal : session.goals()) {
            PaletteItem.Group group = goal.kind() == GoalKind.MACRO ? PaletteItem.Group.MACRO
                    : PaletteItem.Group.MICRO;
            items.add(new PaletteItem(group, FunnelStep.goal(goal.name()), goalDetail(goal)));
        }
        for (EventCount event : session.eventCounts()) {
            items.add(new PaletteItem(PaletteItem.Group.EVENT, FunnelStep.event(event.name()),
                    Numbers.count(event.users()) + " users"));
        }
        paletteItems.setAll(items);
        filterPalette();
    }

    private static String goalDetail(Goal goal) {
        String events = String.join(" or ", goal.rule().eventNames());
        return goal.rule().conditions().isEmpty() ? events : events + " (with conditions)";
    }

    /** Palette items whose name contains the search text, each group under its header; empty groups hidden. */
    private void filterPalette() {
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        List<PaletteItem> shown = new ArrayList<>();
        for (PaletteItem.Group group : PaletteItem.Group.values()) {
            List<PaletteItem> matches = paletteItems.stream().filter(i -> i.group() == group)
                    .filter(i -> i.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
            if (!matches.isEmpty()) {
                shown.add(PaletteItem.header(group));
                shown.addAll(matches);
            }
        }
        visiblePalette.setAll(shown);
    }

    // ---- breakdown list ------------------------------------------------------------------------------

    /**
     * Lists the properties plainly at once, then, once the catalog of the session's log is computed (once per
     * opened project, in the background), grouped by kind with the events that carry each. A connected project's
     * log is empty: its list stays plain.
     */
    private void describeProperties() {
        breakdownChoices.setAll(propertyNames.stream().map(name -> BreakdownChoice.property(name, "")).toList());
        countChoices.setAll(CountChoices.of(propertyNames, null));
        if (session.isConnected() && session.team().isEmpty()) {
            return;
        }
        EventLog log = session.log();
        Optional<TeamAnalyses> team = session.team();
        catalogRun.request(p -> team.isPresent() ? team.get().propertyCatalog(p::isCancelled)
                        : PropertyCatalog.of(log, p::isCancelled),
                catalog -> {
                    breakdownChoices.setAll(groupedChoices(catalog));
                    countChoices.setAll(CountChoices.of(propertyNames, catalog));
                },
                failure -> notice.set("Could not describe the properties: " + failure));
    }

    /** Text first, then numbers (broken down in ranges), then ids last: a group per user is rarely a breakdown. */
    static List<BreakdownChoice> groupedChoices(PropertyCatalog catalog) {
        List<BreakdownChoice> choices = new ArrayList<>();
        addGroup(choices, catalog, PropertyCatalog.Kind.TEXT, "Text");
        addGroup(choices, catalog, PropertyCatalog.Kind.NUMBER, "Numbers (in ranges)");
        addGroup(choices, catalog, PropertyCatalog.Kind.ID_LIKE, "IDs");
        return choices;
    }

    private static void addGroup(List<BreakdownChoice> choices, PropertyCatalog catalog, PropertyCatalog.Kind kind,
                                 String title) {
        List<PropertyCatalog.Entry> entries = catalog.entries().stream().filter(e -> e.kind() == kind).toList();
        if (!entries.isEmpty()) {
            choices.add(BreakdownChoice.header(title));
            entries.forEach(e -> choices.add(BreakdownChoice.property(e.name(), PropertyText.carriedBy(e))));
        }
    }

    // ---- step edits ----------------------------------------------------------------------------------

    /** Inserts {@code step} at {@code index} (clamped to the list), e.g. where it was dropped. */
    public void insertStep(int index, FunnelStep step) {
        steps.add(Math.max(0, Math.min(index, steps.size())), step);
        edited("adding " + step.name());
    }

    public void appendStep(FunnelStep step) {
        insertStep(steps.size(), step);
    }

    /**
     * Moves the step at {@code from} so that it lands before the step now at {@code insertionIndex} (an index
     * into the list before the move, as a drop indicator shows it; {@code size()} means the end).
     */
    public void moveStep(int from, int insertionIndex) {
        int target = insertionIndex > from ? insertionIndex - 1 : insertionIndex;
        target = Math.max(0, Math.min(target, steps.size() - 1));
        if (from < 0 || from >= steps.size() || target == from) {
            return;
        }
        FunnelStep moved = steps.remove(from);
        steps.add(target, moved);
        edited("moving " + moved.name());
    }

    public void removeStep(int index) {
        if (index >= 0 && index < steps.size()) {
            FunnelStep removed = steps.remove(index);
            edited("removing " + removed.name());
        }
    }

    /**
     * Marks the step at {@code index} optional, or required again. Refused (nothing happens) when
     * {@link #optionalRefusal} gives a reason; making a step required again is always allowed.
     */
    public void toggleOptional(int index) {
        if (index < 0 || index >= steps.size()) {
            return;
        }
        FunnelStep step = steps.get(index);
        if (!step.optional() && optionalRefusal(index) != null) {
            return;
        }
        steps.set(index, step.withOptional(!step.optional()));
        edited("making " + step.name() + (step.optional() ? " required" : " optional"));
    }

    /**
     * Why the step at {@code index} cannot be made optional (FUNNEL-SEMANTICS.md, "Optional steps"), or null when
     * it can: the first and the last step are always required, and exclusions sit between required steps.
     */
    public String optionalRefusal(int index) {
        if (index == 0) {
            return "The first step is always required: the funnel starts there.";
        }
        if (index == steps.size() - 1) {
            return "The last step is always required: the funnel ends there.";
        }
        for (Exclusion e : exclusions) {
            if (e.fromStep() == index + 1 || e.toStep() == index + 1) {
                return "The exclusion of " + e.step().name() + " starts or ends at this step: exclusions sit"
                        + " between required steps.";
            }
        }
        return null;
    }

    public void addExclusion(Exclusion exclusion) {
        exclusions.add(exclusion);
        edited("exclusion");
    }

    public void removeExclusion(Exclusion exclusion) {
        if (exclusions.remove(exclusion)) {
            edited("exclusion removal");
        }
    }

    /** Empties the builder for a new funnel. */
    public void newFunnel() {
        Draft empty = Draft.empty();
        Draft blank = new Draft(null, List.of(), empty.windowAmount(), empty.windowUnit(), empty.order(),
                List.of(), null, attribution.get(), null, null, trendPeriod.get(), null);
        replaceDraft("new funnel", blank);
        saved = blank;
    }

    /**
     * Whether the builder holds a funnel that closing the project would lose: steps that were never saved, or a
     * saved funnel changed since. The attribution and trend period are view choices, not part of the funnel.
     */
    public boolean hasUnsavedChanges() {
        return session != null && !steps.isEmpty() && !sameFunnel(snapshot(), saved);
    }

    private static boolean sameFunnel(Draft a, Draft b) {
        return a.equals(new Draft(b.name(), b.steps(), b.windowAmount(), b.windowUnit(), b.order(), b.exclusions(),
                b.breakdownProperty(), a.attribution(), b.entryFrom(), b.entryTo(), a.trendPeriod(), b.countBy()));
    }

    // ---- undo ----------------------------------------------------------------------------------------

    private Draft snapshot() {
        return new Draft(funnelName.get(), steps, windowAmount.get(), windowUnit.get(), order.get(), exclusions,
                breakdownProperty.get(), attribution.get(), entryFrom.get(), entryTo.get(), trendPeriod.get(),
                countBy.get());
    }

    /** Records the change from the last committed draft to what the controls show now, then recomputes. */
    private void edited(String label) {
        if (restoring) {
            return;
        }
        Draft before = committed;
        Draft after = snapshot();
        committed = after;
        // A newer edit makes a report such as "Saved Lead -> Deal." stale.
        notice.set("");
        if (session != null && !before.equals(after)) {
            session.history().record(new UndoHistory.Edit(label, () -> restore(before), () -> restore(after)));
        }
        recompute();
    }

    private void replaceDraft(String label, Draft draft) {
        notice.set("");
        Draft before = committed;
        restore(draft);
        if (session != null && !before.equals(draft)) {
            session.history().record(new UndoHistory.Edit(label, () -> restore(before), () -> restore(draft)));
        }
    }

    private void restore(Draft draft) {
        restoring = true;
        try {
            funnelName.set(draft.name());
            countBy.set(draft.countBy());
            steps.setAll(draft.steps());
            exclusions.setAll(draft.exclusions());
            windowAmount.set(draft.windowAmount());
            windowUnit.set(draft.windowUnit());
            order.set(draft.order());
            breakdownProperty.set(draft.breakdownProperty());
            attribution.set(draft.attribution());
            entryFrom.set(draft.entryFrom());
            entryTo.set(draft.entryTo());
            trendPeriod.set(draft.trendPeriod());
        } finally {
            restoring = false;
        }
        committed = snapshot();
        recompute();
    }

    // ---- validation and spec -------------------------------------------------------------------------

    /** Why the current draft cannot be computed, or null when it can. */
    public String validationProblem() {
        if (steps.isEmpty()) {
            return NO_STEPS;
        }
        if (window() == null) {
            return WINDOW_PROBLEM;
        }
        for (Exclusion e : exclusions) {
            if (e.fromStep() < 1 || e.toStep() > steps.size() || e.fromStep() >= e.toStep()) {
                return "The exclusion of " + e.step().name() + " sits between steps " + e.fromStep() + " and "
                        + e.toStep() + ", but the funnel has " + steps.size() + " steps: remove or re-add it.";
            }
        }
        if (entryFrom.get() != null && entryTo.get() != null && entryFrom.get().isAfter(entryTo.get())) {
            return "The entry range starts after it ends.";
        }
        return null;
    }

    /** The window the user typed, or null when it is not a whole number of 0 or more. */
    public Duration window() {
        try {
            long amount = Long.parseLong(windowAmount.get() == null ? "" : windowAmount.get().strip());
            return amount >= 0 ? windowUnit.get().times(amount) : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The funnel as it would be saved; only for a valid draft. */
    public FunnelDefinition definition(String name) {
        return new FunnelDefinition(name, steps, window(), order.get(), exclusions, breakdownProperty.get(),
                entryFrom.get(), entryTo.get(), countBy.get());
    }

    /**
     * What the engine computes for the current draft; only for a valid draft. In any order the exclusions are
     * kept in the draft (for switching back) but left out of the computation, and the notice says so.
     */
    public FunnelSpec spec() {
        FunnelDefinition draft = definition(funnelName.get());
        if (draft.order() == OrderMode.ANY && !draft.exclusions().isEmpty()) {
            draft = new FunnelDefinition(draft.name(), draft.steps(), draft.window(), draft.order(), List.of(),
                    draft.breakdownProperty(), draft.entryFrom(), draft.entryTo(), draft.countBy());
        }
        return FunnelSpec.resolve(draft, session.goals())
                .withBreakdown(breakdownProperty.get(), attribution.get())
                .withTrendPeriod(trendPeriod.get());
    }

    // ---- live result ---------------------------------------------------------------------------------

    private void recompute() {
        if (session == null) {
            return;
        }
        String issue = validationProblem();
        FunnelSpec spec = null;
        if (issue == null) {
            try {
                spec = spec();
            } catch (IllegalArgumentException e) {
                issue = e.getMessage();
            }
        }
        CompareChoice compareTo = comparison.choice();
        problem.set(issue != null || spec == null ? issue : compareTo.problem(spec));
        if (spec != null && order.get() == OrderMode.ANY && !exclusions.isEmpty()) {
            notice.set(EXCLUSIONS_LEFT_OUT);
        } else if (EXCLUSIONS_LEFT_OUT.equals(notice.get())) {
            notice.set("");
        }
        if (spec == null) {
            funnelRun.cancel();
            computing.set(false);
            if (steps.isEmpty()) {
                showResult(null, null);
            }
            return;
        }
        if (session.isConnected() && session.team().isEmpty()) {
            // The events stay on a cluster out of reach, and the log here is empty: say why there is no result.
            funnelRun.cancel();
            computing.set(false);
            showResult(null, null);
            problem.set(session.clusterNotice().orElseThrow());
            return;
        }
        start(spec, compareTo.range(spec));
    }

    /** Computes the funnel, and beside it the funnel over {@code compared} when a comparison is chosen. */
    private void start(FunnelSpec spec, PeriodComparison.Range compared) {
        computing.set(true);
        placeholder.set(NO_RESULT_YET);
        funnelRun.request(computation(spec, compared), checked -> {
            computing.set(false);
            // Before the result: whoever follows the result finds the comparison made with it.
            comparison.show(checked.comparison());
            showResult(spec, checked.result());
            showWindowAdvice(checked.advice());
        }, failure -> {
            computing.set(false);
            problem.set("Could not compute the funnel: " + failure);
        });
    }

    /** The funnel's work: on the team's cluster for a connected project, else on this computer from the log. */
    private BackgroundRunner.Work<Checked> computation(FunnelSpec spec, PeriodComparison.Range compared) {
        Optional<TeamAnalyses> team = session.team();
        if (team.isPresent()) {
            return onCluster(team.get(), session.clusterDataRange(), spec, compared);
        }
        EventLog log = session.log();
        return p -> {
            FunnelEngine engine = new FunnelEngine(log);
            Function<FunnelSpec, FunnelResult> compute = other -> engine.compute(other, p::isCancelled);
            DataSpan span = new DataSpan(log, log.firstTime(), log.lastTime());
            if (compared == null) {
                FunnelResult computed = engine.compute(spec, p::isCancelled);
                return new Checked(computed, windowAdvice(span, compute, spec, computed), null);
            }
            // Both periods in one pass over the log.
            PeriodComparison.Compared both = PeriodComparison.computeWith(engine, spec, compared, p::isCancelled);
            return new Checked(both.result(), windowAdvice(span, compute, spec, both.result()), both.comparison());
        };
    }

    /**
     * The same on the cluster: each funnel (the compared period's, the window check's) is one more computation
     * there, each interrupted on the cluster when the work is cancelled.
     */
    private BackgroundRunner.Work<Checked> onCluster(TeamAnalyses team, long[] dataRange, FunnelSpec spec,
                                                     PeriodComparison.Range compared) {
        DataSpan span = new DataSpan(team, dataRange[0], dataRange[1]);
        return p -> {
            Function<FunnelSpec, FunnelResult> compute = other -> team.compute(other, p::isCancelled);
            if (compared == null) {
                FunnelResult computed = compute.apply(spec);
                return new Checked(computed, windowAdvice(span, compute, spec, computed), null);
            }
            PeriodComparison.Compared both = PeriodComparison.computeWith(
                    specs -> specs.stream().map(compute).toList(), spec, compared);
            return new Checked(both.result(), windowAdvice(span, compute, spec, both.result()), both.comparison());
        };
    }

    /** Where the events are (the log, or the cluster's analyses) and their first and last time, epoch micros. */
    private record DataSpan(Object events, long firstTime, long lastTime) {
    }

    /**
     * The window check's advice, reused while only the view changes (breakdown, attribution, trend period): the
     * check's second funnel ignores them, so computing it again would only repeat the same scan.
     */
    private WindowCheck.Advice windowAdvice(DataSpan span, Function<FunnelSpec, FunnelResult> compute,
                                            FunnelSpec spec, FunnelResult computed) {
        FunnelSpec key = spec.withBreakdown(null, null).withTrendPeriod(null);
        LastCheck last = lastCheck;
        if (last != null && last.events() == span.events() && last.key().equals(key)) {
            return last.advice();
        }
        WindowCheck.Advice advice = WindowCheck.check(compute, span.firstTime(), span.lastTime(), spec, computed)
                .orElse(null);
        lastCheck = new LastCheck(span.events(), key, advice);
        return advice;
    }

    /** The last window check, by the events (log or cluster) and the funnel it was made for. */
    private record LastCheck(Object events, FunnelSpec key, WindowCheck.Advice advice) {
    }

    /**
     * A funnel, what the window check said about it (null: the window suits the data) and the funnel over the
     * compared period (null: none chosen).
     */
    private record Checked(FunnelResult result, WindowCheck.Advice advice, Comparison comparison) {
    }

    private void showWindowAdvice(WindowCheck.Advice advice) {
        windowAdvice.set(advice == null ? "" : WindowAdviceText.sentence(advice, countedBy(result.get())));
        suggestedWindow.set(advice == null ? null : advice.suggestedWindow());
    }

    private static String countedBy(FunnelResult shown) {
        return shown == null ? null : shown.countedBy();
    }

    /** Takes the window the check suggested (the "Use a 180-day window" button). */
    public void useSuggestedWindow() {
        Duration suggested = suggestedWindow.get();
        if (suggested != null) {
            WindowUnit unit = WindowUnit.largestExact(suggested);
            windowUnit.set(unit);
            windowAmount.set(Long.toString(suggested.getSeconds() / unit.times(1).getSeconds()));
        }
    }

    /** The window check's advice for the result shown, or "" when the window suits the data. */
    public ReadOnlyStringProperty windowAdviceProperty() {
        return windowAdvice.getReadOnlyProperty();
    }

    /** The window the check suggests, or null. */
    public ReadOnlyObjectProperty<Duration> suggestedWindowProperty() {
        return suggestedWindow.getReadOnlyProperty();
    }

    private void showResult(FunnelSpec spec, FunnelResult computed) {
        if (computed == null) {
            showWindowAdvice(null);
            comparison.show(null);
        }
        resultSpec.set(spec);
        computedOn.set(computed == null || !session.isConnected() ? "" : "Computed on " + session.engine());
        result.set(computed);
        stepRows.setAll(computed == null ? List.of() : computed.steps());
        headline.set(computed == null ? "" : FunnelHeadline.text(computed));
        Integer selected = selectedStep.get();
        if (computed == null || selected == null || selected > computed.steps().size()) {
            selectedStep.set(computed == null || computed.steps().isEmpty() ? null : computed.steps().size());
        }
    }

    /**
     * Stops the funnel under way (on a cluster its queries are interrupted there): the result it would replace no
     * longer matches the draft, so none is shown, and the results area says why.
     */
    public void cancelComputing() {
        if (session == null || !computing.get()) {
            return;
        }
        funnelRun.cancel();
        computing.set(false);
        showResult(null, null);
        placeholder.set("Cancelled: the funnel was not computed" + (session.isConnected() ? " on "
                + session.engine() : "") + ". Any change to it computes it again.");
    }

    /**
     * {@code caption} as the CLI's captions end: for a connected project with where its numbers were computed,
     * "computed on spark-connect 4.0.1"; a local project's caption is left as it is.
     */
    public ChartCaption withEngine(ChartCaption caption) {
        return session != null && session.isConnected() ? caption.computedOn(session.engine()) : caption;
    }

    /** What the results area says while computing: where the funnel is computed, for a connected project. */
    public String computingText() {
        return session != null && session.isConnected() ? "Computing on " + session.engine() + "…" : "Updating…";
    }

    /** "Computed on spark-connect 4.0.1" beside a connected project's result; "" for a local one or no result. */
    public ReadOnlyStringProperty computedOnProperty() {
        return computedOn.getReadOnlyProperty();
    }

    /** What the results area says without a result: how to start, or that the computation was cancelled. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The chart's title: the saved name, or the steps joined by arrows. */
    public String title() {
        return ChartText.funnelTitle(funnelName.get(), steps.stream().map(FunnelStep::name).toList());
    }

    // ---- saved funnels ----------------------------------------------------------------------------

    public ObservableList<FunnelDefinition> savedFunnels() {
        return session == null ? FXCollections.emptyObservableList() : session.funnels();
    }

    /** Loads a saved funnel into the builder (undoable: the previous draft comes back). */
    public void openSaved(FunnelDefinition funnel) {
        if (funnel != null) {
            Draft opened = Draft.of(funnel, attribution.get(), trendPeriod.get());
            replaceDraft("opening " + funnel.name(), opened);
            saved = opened;
        }
    }

    public boolean canSave() {
        return session != null && validationProblem() == null;
    }

    /** Saves under the current name; false when the funnel has no name yet (ask for one, then saveAs). */
    public boolean save() {
        if (funnelName.get() == null) {
            return false;
        }
        saveAs(funnelName.get());
        return true;
    }

    /**
     * Saves the draft under {@code name}: over the open saved funnel when it is its name, else as a new saved
     * funnel, refused (an IllegalArgumentException saying so) when another saved funnel has that name.
     */
    public void saveAs(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("A funnel needs a name.");
        }
        String problemNow = validationProblem();
        if (problemNow != null) {
            throw new IllegalArgumentException(problemNow);
        }
        // Saving under the open funnel's name saves over it; any other name must be free.
        boolean overOpenFunnel = funnelName.get() != null && NameRules.same(funnelName.get(), clean);
        FunnelDefinition named = definition(clean);
        if (overOpenFunnel) {
            session.saveFunnel(named);
        } else {
            session.createFunnel(named);
        }
        funnelName.set(clean);
        committed = snapshot();
        saved = committed;
        notice.set("Saved " + clean + ".");
    }

    public void deleteSaved(FunnelDefinition funnel) {
        if (funnel == null) {
            return;
        }
        session.removeFunnel(funnel);
        if (funnel.name().equals(funnelName.get())) {
            funnelName.set(null);
            committed = snapshot();
            saved = Draft.empty();
        }
        notice.set("Deleted " + funnel.name() + ".");
    }

    // ---- impact, drill-down, exports ----------------------------------------------------------------

    private void computeImpact() {
        Goal macro = impactMacro.get();
        if (session == null || macro == null) {
            if (impactRun != null) {
                impactRun.cancel();
            }
            impact.set(null);
            impactExplanation.set(session == null ? "" : NO_MACRO_GOAL);
            return;
        }
        // Here on the imported events, or on the team's Spark for a connected project (Cancel interrupts it there).
        GoalComputation computation = GoalComputation.of(session);
        Optional<String> outOfReach = computation.outOfReach("impact tables");
        if (outOfReach.isPresent()) {
            impactRun.cancel();
            impact.set(null);
            impactExplanation.set(outOfReach.get());
            return;
        }
        List<Goal> goals = List.copyOf(session.goals());
        impactRun.request(p -> computation.impact(macro, goals, p), computed -> {
            impact.set(computed.result());
            impactExplanation.set(computed.whyEmpty());
        }, failure -> notice.set("Could not compute the impact table: " + failure));
    }

    /** Lists the users who reached step {@code step} (1-based) of the shown result, what they did next and why. */
    public void drillDown(int step) {
        drillDown(step, null);
    }

    /** As {@link #drillDown(int)}, for the users of one breakdown group; null means all users. */
    public void drillDown(int step, BreakdownGroup group) {
        FunnelSpec spec = resultSpec.get();
        if (session == null || spec == null || step < 1 || step > spec.steps().size()
                || (group != null && spec.breakdownProperty() == null)) {
            return;
        }
        selectedStep.set(step);
        if (session.isConnected()) {
            drillDownOnCluster(spec, step, group);
            return;
        }
        EventLog log = session.log();
        drillDownRun.request(p -> {
            FunnelOutcome outcome = new FunnelEngine(log).scan(spec, p::isCancelled);
            return group == null ? DrillDown.of(log, spec, outcome, step)
                    : DrillDown.of(log, spec, outcome, step, group);
        }, drillDown::set, failure -> notice.set("Could not list the users: " + failure));
    }

    /** A connected project's users, the first page of them, listed on the team's cluster. */
    private void drillDownOnCluster(FunnelSpec spec, int step, BreakdownGroup group) {
        FunnelResult shown = result.get();
        TeamAnalyses team = session.team().orElse(null);
        if (team == null || shown == null) {
            notice.set(ConnectedDrillDown.OUT_OF_REACH);
            return;
        }
        listUsers("Listing the users at " + spec.steps().get(step - 1).name() + " on " + team.engine() + "…",
                p -> ConnectedDrillDown.firstPage(team, session.clusterDataRange()[1], spec, shown, step, group, p));
    }

    /** Reads the next page of the drill-down shown (a connected project's); the dialog then shows it grown. */
    public void showMoreUsers() {
        DrillDown shown = drillDown.get();
        TeamAnalyses team = session == null ? null : session.team().orElse(null);
        if (shown == null || !shown.hasMore() || team == null) {
            return;
        }
        listUsers("Listing " + Numbers.count(ConnectedDrillDown.PAGE_SIZE) + " more users on " + team.engine() + "…",
                p -> ConnectedDrillDown.nextPage(team, shown, p));
    }

    private void listUsers(String doing, BackgroundRunner.Work<DrillDown> work) {
        listingUsers.set(doing);
        drillDownRun.request(work, listed -> {
            listingUsers.set("");
            drillDown.set(listed);
        }, failure -> {
            listingUsers.set("");
            notice.set("Could not list the users: " + failure);
        });
    }

    /** Stops listing users on the cluster (the Cancel beside "Listing the users…"); what is shown stays. */
    public void cancelDrillDown() {
        drillDownRun.cancel();
        listingUsers.set("");
    }

    /** What is being listed on the cluster ("Listing the users at Add to cart on spark-connect 4.0.1…"), or "". */
    public ReadOnlyStringProperty listingUsersProperty() {
        return listingUsers.getReadOnlyProperty();
    }

    public void clearDrillDown() {
        drillDownRun.cancel();
        listingUsers.set("");
        drillDown.set(null);
    }

    /** A reader of the drill-down's user timelines on this project's runner; its notices show on this screen. */
    public UserTimelineViewModel timelines() {
        return new UserTimelineViewModel(runner(), session.errors(), notice::set);
    }

    /** Writes the step table (and breakdown rows) of the shown result as CSV in the background. */
    public void exportStepTable(Path target, Runnable done) {
        FunnelResult shown = result.get();
        Comparison compared = comparison.comparisonProperty().get();
        if (shown != null) {
            writeCsv(target, compared == null ? ResultTable.of(shown) : ComparisonTable.of(shown, compared), done);
        }
    }

    /** Writes the trend of the shown result, a row per period, as CSV in the background. */
    public void exportTrendTable(Path target, Runnable done) {
        FunnelResult shown = result.get();
        if (shown != null) {
            writeCsv(target, ResultTable.trend(shown), done);
        }
    }

    /** Writes the time-to-convert histogram of {@code step} (2 or later) of the shown result as CSV. */
    public void exportTimeTable(int step, Path target, Runnable done) {
        FunnelResult shown = result.get();
        if (shown != null && step >= 2 && step <= shown.steps().size()) {
            writeCsv(target, ResultTable.timeToConvert(shown, step), done);
        }
    }

    /** Writes the micro-goal impact table in view as CSV in the background. */
    public void exportImpactTable(Path target, Runnable done) {
        ImpactResult shown = impact.get();
        if (shown != null) {
            writeCsv(target, ResultTable.impact(shown), done);
        }
    }

    public void exportDrillDown(Path target, Runnable done) {
        DrillDown shown = drillDown.get();
        if (shown != null) {
            writeCsv(target, shown.table(), done);
        }
    }

    private void writeCsv(Path target, ResultTable table, Runnable done) {
        ErrorDisplay errors = session.errors();
        runner().run("Writing " + target.getFileName(), p -> {
            CsvTableWriter.write(target, table.header(), table.rows());
            return target;
        }, written -> {
            notice.set("Saved " + written.getFileName() + ".");
            done.run();
        }, failure -> notice.set("Could not write " + target.getFileName() + ": "
                + FailureReport.handle("writing " + target.getFileName(), failure, errors)));
    }

    public void reportNotice(String text) {
        notice.set(text);
    }

    // ---- properties --------------------------------------------------------------------------------

    public ObservableList<PaletteItem> palette() {
        return visiblePalette;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The steps; change them through the commands so that edits are undoable. */
    public ObservableList<FunnelStep> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    public ObservableList<Exclusion> exclusions() {
        return FXCollections.unmodifiableObservableList(exclusions);
    }

    public ReadOnlyStringProperty funnelNameProperty() {
        return funnelName.getReadOnlyProperty();
    }

    public StringProperty windowAmountProperty() {
        return windowAmount;
    }

    public ObjectProperty<WindowUnit> windowUnitProperty() {
        return windowUnit;
    }

    public ObjectProperty<OrderMode> orderProperty() {
        return order;
    }

    public ObjectProperty<String> breakdownPropertyProperty() {
        return breakdownProperty;
    }

    public ObjectProperty<Attribution> attributionProperty() {
        return attribution;
    }

    public ObjectProperty<LocalDate> entryFromProperty() {
        return entryFrom;
    }

    public ObjectProperty<LocalDate> entryToProperty() {
        return entryTo;
    }

    public ObjectProperty<TrendPeriod> trendPeriodProperty() {
        return trendPeriod;
    }

    /** The counting unit: null counts users, a property name counts its values (accounts); undoable, saved. */
    public ObjectProperty<String> countByProperty() {
        return countBy;
    }

    /** The properties the Count list offers, ids first (an account or company id is the usual choice). */
    public ObservableList<String> countChoices() {
        return countChoices;
    }

    public ObjectProperty<FunnelShape> funnelShapeProperty() {
        return funnelShape;
    }

    /** The "Compare to" choice and the comparison computed with the result shown. */
    public ComparisonViewModel comparison() {
        return comparison;
    }

    public ObservableList<String> propertyNames() {
        return propertyNames;
    }

    /** The Breakdown list: properties under their group headers, each with the events that carry it. */
    public ObservableList<BreakdownChoice> breakdownChoices() {
        return breakdownChoices;
    }

    /** The line of the Breakdown list whose {@link BreakdownChoice#key()} is {@code key}, or null. */
    public BreakdownChoice breakdownChoice(String key) {
        return breakdownChoices.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
    }

    public ReadOnlyObjectProperty<FunnelResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FunnelSpec> resultSpecProperty() {
        return resultSpec.getReadOnlyProperty();
    }

    public ObservableList<StepResult> stepRows() {
        return stepRows;
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The step (1-based) whose time to convert is shown; null without a result. */
    public ObjectProperty<Integer> selectedStepProperty() {
        return selectedStep;
    }

    public ObservableList<Goal> macroGoals() {
        return macroGoals;
    }

    public ObjectProperty<Goal> impactMacroProperty() {
        return impactMacro;
    }

    public ReadOnlyObjectProperty<ImpactResult> impactProperty() {
        return impact.getReadOnlyProperty();
    }

    /** Why the impact table has no rows (no micro goal, or no group with and without one); empty when it has. */
    public ReadOnlyStringProperty impactExplanationProperty() {
        return impactExplanation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DrillDown> drillDownProperty() {
        return drillDown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Fires whenever anything that changes the draft's validity changes, for enabling Save. */
    public Observable[] draftObservables() {
        return new Observable[] {steps, exclusions, windowAmount, windowUnit, entryFrom, entryTo, funnelName,
            countBy};
    }

    /** The open project; null while none is open. */
    public ProjectSession session() {
        return session;
    }

    /** CSV exports run on the jobs lane of the app's runner, which the status bar follows. */
    private BackgroundRunner runner() {
        return session.runner();
    }
}
