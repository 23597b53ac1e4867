package io.funnelworkbench.ui.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.text.GoalText;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.DeferredRunner;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.main.AppSettings;
import io.funnelworkbench.ui.main.MainWindowViewModel;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.workspace.EditRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Goals screen's view model on a real project (H2 file, imported CSV), without a JavaFX toolkit. */
class GoalsPanelViewModelTest {
    private static final Goal PURCHASE = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null,
            MatchRule.event("purchase"), GoalValue.fromProperty("revenue"), Counting.USER);
    private static final Goal LAPTOP_VIEW = new Goal("Laptop view", GoalKind.MICRO, GoalCategory.PROCESS_MILESTONE,
            null, new MatchRule(List.of("view_product"), List.of(Condition.of("category", Operator.EQUALS, "laptops"))),
            null, null);

    @TempDir
    Path dir;

    private Path project;
    private ProjectStore store;

    @BeforeEach
    void importAProject() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,event,time,category,revenue
                u1,view_product,2024-01-01T00:00:00Z,laptops,
                u1,add_to_cart,2024-01-01T00:01:00Z,laptops,
                u1,purchase,2024-01-01T00:02:00Z,laptops,999
                u2,view_product,2024-01-02T00:00:00Z,phones,
                u3,view_product,2024-01-03T00:00:00Z,laptops,
                u3,purchase,2024-01-03T00:05:00Z,laptops,49.5
                u4,newsletter_signup,2024-01-04T00:00:00Z,,
                """);
        MainWindowViewModel main = new MainWindowViewModel(new SynchronousRunner(),
                new AppSettings(dir.resolve("settings.properties")), (delay, fade) -> { });
        main.createProject(dir.resolve("shop"));
        main.importWizard(List.of(csv)).startImport();
        project = main.projectProperty().get().file();
        main.closeProject();
        store = ProjectStore.open(project);
    }

    @AfterEach
    void closeProject() {
        store.close();
    }

    private ProjectSession session(BackgroundRunner runner) {
        return new ProjectSession(store, ProjectOverview.load(store, Progress.NONE), runner);
    }

    @Test
    void splitsGoalsIntoTheThreeListsWithTheirMetrics() {
        ProjectSession session = session(new SynchronousRunner());
        session.saveGoal(PURCHASE, null);
        session.saveGoal(LAPTOP_VIEW, null);
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);

        assertThat(panel.goals(GoalList.MACRO)).containsExactly(PURCHASE);
        assertThat(panel.goals(GoalList.MILESTONES)).containsExactly(LAPTOP_VIEW);
        assertThat(panel.goals(GoalList.SECONDARY)).isEmpty();
        GoalMetrics purchase = panel.metricsOf(PURCHASE).orElseThrow();
        assertThat(GoalText.conversion(purchase)).isEqualTo("50.0% · 2 of 4");
        assertThat(Numbers.money(purchase.value())).isEqualTo("1,049");
        assertThat(panel.metricsOf(LAPTOP_VIEW).orElseThrow().users()).isEqualTo(2);
        assertThat(panel.computingProperty().get()).isFalse();
        assertThat(panel.events()).extracting(EventCount::name).containsExactly("view_product", "purchase",
                "add_to_cart", "newsletter_signup");
    }

    @Test
    void anEventDroppedOnAListBecomesAGoalOfThatKind() {
        ProjectSession session = session(new SynchronousRunner());
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);

        GoalEditorViewModel editor = panel.newGoal(GoalList.SECONDARY, "newsletter_signup");
        assertThat(editor.nameProperty().get()).isEqualTo("Newsletter signup");
        assertThat(editor.kindProperty().get()).isEqualTo(GoalKind.MICRO);
        assertThat(editor.categoryProperty().get()).isEqualTo(GoalCategory.SECONDARY_ACTION);
        assertThat(editor.selectedEventNames()).containsExactly("newsletter_signup");
        assertThat(editor.validProperty().get()).isTrue();
        Goal saved = panel.save(editor);

        assertThat(panel.goals(GoalList.SECONDARY)).containsExactly(saved);
        assertThat(panel.selectedProperty().get()).isEqualTo(saved);
        assertThat(panel.metricsOf(saved).orElseThrow().conversionRate()).isEqualTo(0.25);
        assertThat(store.goals().list()).containsExactly(saved);
        assertThat(panel.newGoal(GoalList.MACRO, "newsletter_signup").nameProperty().get())
                .isEqualTo("Newsletter signup 2");
    }

    @Test
    void editsDeletesAndUndoesThroughTheSession() {
        ProjectSession session = session(new SynchronousRunner());
        session.saveGoal(PURCHASE, null);
        session.saveGoal(LAPTOP_VIEW, null);
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);

        GoalEditorViewModel editor = panel.edit(LAPTOP_VIEW);
        editor.nameProperty().set("Any product view");
        editor.removeCondition(editor.conditions().get(0));
        Goal edited = panel.save(editor);
        assertThat(panel.goals(GoalList.MILESTONES)).containsExactly(edited);
        assertThat(panel.metricsOf(edited).orElseThrow().users()).isEqualTo(3);
        assertThat(panel.metrics()).doesNotContainKey(LAPTOP_VIEW);

        panel.selectedProperty().set(PURCHASE);
        panel.delete(PURCHASE);
        assertThat(panel.goals(GoalList.MACRO)).isEmpty();
        assertThat(panel.selectedProperty().get()).isNull();
        assertThat(panel.noticeProperty().get()).isEqualTo("Deleted “Purchase”. Edit › Undo brings it back.");
        assertThat(store.goals().list()).containsExactly(edited);

        session.history().undo();
        assertThat(panel.noticeProperty().get()).as("the notice about the deletion is stale").isEmpty();
        assertThat(panel.goals(GoalList.MACRO)).containsExactly(PURCHASE);
        assertThat(panel.metricsOf(PURCHASE)).isPresent();
        assertThat(store.goals().list()).containsExactlyInAnyOrder(PURCHASE, edited);

        session.saveFunnel(FunnelDefinition.of("Buyers", List.of(
                FunnelStep.event("view_product"),
                FunnelStep.goal("Purchase"))));
        panel.delete(PURCHASE);
        assertThat(panel.noticeProperty().get()).isEqualTo("Deleted “Purchase”. The saved funnel “Buyers” used it"
                + " and cannot be computed without it. Edit › Undo brings it back.");
    }

    @Test
    void asksBeforeDeletingAGoalSavedFunnelsUseAndRefusesATakenName() {
        ProjectSession session = session(new SynchronousRunner());
        session.saveGoal(PURCHASE, null);
        session.saveGoal(LAPTOP_VIEW, null);
        session.saveFunnel(FunnelDefinition.of("Buyers", List.of(FunnelStep.goal("Laptop view"),
                FunnelStep.goal("Purchase"))));
        session.saveFunnel(FunnelDefinition.of("Laptop buyers", List.of(FunnelStep.goal("Purchase"))));
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);

        assertThat(panel.deleteQuestion(PURCHASE)).contains("The saved funnels “Buyers” and “Laptop buyers” use"
                + " “Purchase” and cannot be computed without it. Delete the goal anyway?");
        assertThat(panel.deleteQuestion(LAPTOP_VIEW)).contains("The saved funnel “Buyers” uses “Laptop view” and"
                + " cannot be computed without it. Delete the goal anyway?");
        session.removeFunnel(session.funnels().get(0));
        assertThat(panel.deleteQuestion(LAPTOP_VIEW)).isEmpty();

        Goal twin = new Goal("PURCHASE ", GoalKind.MICRO, null, null, MatchRule.event("purchase"), null, null);
        assertThatThrownBy(() -> session.saveGoal(twin, null)).isInstanceOf(EditRefusedException.class)
                .hasMessage("A goal named “PURCHASE” exists already.");
        GoalEditorViewModel editor = panel.newGoal(GoalList.MACRO);
        editor.nameProperty().set("PURCHASE ");
        assertThat(editor.nameErrorProperty().get()).as("the editor and the workspace say the same")
                .isEqualTo("A goal named “PURCHASE” exists already.");
        assertThat(store.goals().list()).containsExactly(PURCHASE, LAPTOP_VIEW);
    }

    @Test
    void movingAGoalToAnotherListChangesItsKindAndCategory() {
        ProjectSession session = session(new SynchronousRunner());
        session.saveGoal(LAPTOP_VIEW, null);
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);

        assertThat(panel.canMove(LAPTOP_VIEW, GoalList.MILESTONES)).isFalse();
        panel.move(LAPTOP_VIEW, GoalList.MACRO);
        Goal moved = session.findGoal("Laptop view");
        assertThat(moved.kind()).isEqualTo(GoalKind.MACRO);
        assertThat(moved.category()).isEqualTo(GoalCategory.OTHER);
        assertThat(panel.goals(GoalList.MACRO)).containsExactly(moved);
        assertThat(panel.goals(GoalList.MILESTONES)).isEmpty();

        panel.move(moved, GoalList.SECONDARY);
        assertThat(session.findGoal("Laptop view").category()).isEqualTo(GoalCategory.SECONDARY_ACTION);
        session.history().undo();
        session.history().undo();
        assertThat(panel.goals(GoalList.MILESTONES)).containsExactly(LAPTOP_VIEW);
        assertThat(store.goals().list()).containsExactly(LAPTOP_VIEW);
    }

    @Test
    void searchesTheEvents() {
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session(new SynchronousRunner()));
        panel.eventSearchProperty().set("CART");
        assertThat(panel.events()).extracting(EventCount::name).containsExactly("add_to_cart");
    }

    @Test
    void dropsMetricsThatArriveAfterTheGoalsChangedAgain() {
        DeferredRunner runner = new DeferredRunner();
        ProjectSession session = session(runner);
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);
        session.saveGoal(PURCHASE, null);
        assertThat(panel.computingProperty().get()).isTrue();

        session.saveGoal(LAPTOP_VIEW, null);
        session.removeGoal(PURCHASE);
        runner.runAll();

        assertThat(panel.metrics()).containsOnlyKeys(LAPTOP_VIEW);
        assertThat(panel.computingProperty().get()).isFalse();
        assertThat(runner.cancelled()).as("the superseded computation was asked to stop").isPositive();
    }

    @Test
    void stopsComputingWhenTheScreenCloses() {
        DeferredRunner runner = new DeferredRunner();
        ProjectSession session = session(runner);
        session.goals().add(PURCHASE);
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);
        panel.dispose();
        runner.runAll();
        assertThat(panel.metrics()).isEmpty();
    }
}
