package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's Optional toggle per step and its Count choice: rules, results, undo, dirty state and saving. */
class OptionalStepsAndCountTest {
    private static final long T0 = LocalDate.of(2026, 8, 3).toEpochDay() * 86_400_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long DAY = 1_440 * MINUTE;
    private static final Goal VIEW = new Goal("Product view", GoalKind.MICRO, null, null,
            MatchRule.event("view_product"), null, null);

    @TempDir Path dir;
    private ProjectStore store;
    private ProjectSession session;
    private FunnelBuilderViewModel model;

    /** Four viewers in two companies; eve signs up on the way to her cart, ann and bob add to cart too. */
    @BeforeEach
    void openProject() {
        EventLog log = new EventLogBuilder()
                .add("ann", "view_product", T0, null, Map.of("company_id", "acme"))
                .add("ann", "add_to_cart", T0 + MINUTE, null, Map.of("company_id", "acme"))
                .add("bob", "view_product", T0, null, Map.of("company_id", "acme"))
                .add("bob", "add_to_cart", T0 + 2 * DAY, null, Map.of("company_id", "acme"))
                .add("cat", "view_product", T0 + DAY, null, Map.of("company_id", "globex"))
                .add("eve", "view_product", T0 + 3 * DAY, null, Map.of("company_id", "initech"))
                .add("eve", "newsletter_signup", T0 + 3 * DAY + MINUTE, null, Map.of("company_id", "initech"))
                .add("eve", "add_to_cart", T0 + 3 * DAY + 2 * MINUTE, null, Map.of("company_id", "initech"))
                .build();
        store = ProjectStore.create(dir.resolve("shop"));
        ProjectOverview overview = new ProjectOverview("shop", store.databaseFile(), log.size(),
                log.activeUserCount(), null, null, EventStats.byName(log), List.of(VIEW), List.of(), List.of(), log);
        session = new ProjectSession(store, overview, new SynchronousRunner());
        model = new FunnelBuilderViewModel();
        model.open(session);
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.event("newsletter_signup"));
        model.appendStep(FunnelStep.event("add_to_cart"));
    }

    @AfterEach
    void closeProject() {
        model.close();
        store.close();
    }

    @Test
    void onlyAMiddleStepMayBeOptionalAndTheRefusalSaysWhy() {
        assertThat(model.optionalRefusal(0)).isEqualTo("The first step is always required: the funnel starts"
                + " there.");
        assertThat(model.optionalRefusal(2)).isEqualTo("The last step is always required: the funnel ends there.");
        assertThat(model.optionalRefusal(1)).isNull();

        model.toggleOptional(0);
        model.toggleOptional(2);
        assertThat(model.steps()).extracting(FunnelStep::optional).containsExactly(false, false, false);

        model.addExclusion(new Exclusion(FunnelStep.event("page_view"), 1, 2, false));
        assertThat(model.optionalRefusal(1)).startsWith("The exclusion of page_view starts or ends at this step");
        model.toggleOptional(1);
        assertThat(model.steps().get(1).optional()).isFalse();
    }

    @Test
    void anOptionalStepIsComputedApartAndTheToggleIsUndoable() {
        assertThat(model.stepRows()).extracting(StepResult::users).containsExactly(4L, 1L, 1L);

        model.toggleOptional(1);

        assertThat(model.steps()).extracting(FunnelStep::optional).containsExactly(false, true, false);
        // Required: view then cart (ann, bob, eve); the sign-up only counts eve, on her way.
        assertThat(model.stepRows()).extracting(StepResult::users, StepResult::optional)
                .containsExactly(tuple(4L, false),
                        tuple(1L, true),
                        tuple(3L, false));
        assertThat(session.history().undoLabelProperty().get()).isEqualTo("Undo making newsletter_signup optional");
        // An optional step's drill-down lists who did it on the way (eve); it has no time to convert of its own:
        // the cart's times are from the product view.
        model.drillDown(2);
        assertThat(model.drillDownProperty().get().reached()).containsExactly("eve");
        assertThat(TimedSteps.of(model.resultProperty().get())).containsExactly(3);
        assertThat(TimedSteps.previous(model.stepRows(), 3).name()).isEqualTo("Product view");

        session.history().undo();
        assertThat(model.steps().get(1).optional()).isFalse();
        assertThat(model.stepRows()).extracting(StepResult::users).containsExactly(4L, 1L, 1L);
        session.history().redo();
        assertThat(model.steps().get(1).optional()).isTrue();
        assertThat(model.stepRows().get(2).users()).isEqualTo(3L);

        // Making it required again is always allowed.
        model.toggleOptional(1);
        assertThat(model.steps().get(1).optional()).isFalse();
        assertThat(session.history().undoLabelProperty().get()).isEqualTo("Undo making newsletter_signup required");
    }

    @Test
    void theOptionalMarkAndTheCountingUnitAreSavedRestoredAndMakeTheDraftDirty() {
        model.saveAs("Sign-up on the way");
        assertThat(model.hasUnsavedChanges()).isFalse();

        model.toggleOptional(1);
        assertThat(model.hasUnsavedChanges()).isTrue();
        model.countByProperty().set("company_id");
        model.saveAs("Sign-up on the way");
        assertThat(model.hasUnsavedChanges()).isFalse();
        FunnelDefinition saved = session.funnels().stream().filter(f -> f.name().equals("Sign-up on the way"))
                .findFirst().orElseThrow();
        assertThat(saved.steps()).extracting(FunnelStep::optional).containsExactly(false, true, false);
        assertThat(saved.countBy()).isEqualTo("company_id");

        model.newFunnel();
        assertThat(model.steps()).isEmpty();
        assertThat(model.countByProperty().get()).as("a new funnel counts users").isNull();
        model.openSaved(saved);
        assertThat(model.steps()).extracting(FunnelStep::optional).containsExactly(false, true, false);
        assertThat(model.countByProperty().get()).isEqualTo("company_id");
        assertThat(model.resultProperty().get().countedBy()).isEqualTo("company_id");

        model.countByProperty().set(null);
        assertThat(model.hasUnsavedChanges()).isTrue();
        session.history().undo();
        assertThat(model.countByProperty().get()).isEqualTo("company_id");
        assertThat(model.hasUnsavedChanges()).isFalse();
    }

    @Test
    void countingByACompanyCountsCompaniesAndSaysAccounts() {
        assertThat(model.countChoices()).containsExactly("company_id");
        model.removeStep(1);

        model.countByProperty().set("company_id");

        // acme (ann, bob), globex (cat) and initech (eve) viewed; acme and initech added to cart.
        assertThat(model.resultProperty().get().countedBy()).isEqualTo("company_id");
        assertThat(model.stepRows()).extracting(StepResult::users).containsExactly(3L, 2L);
        assertThat(model.headlineProperty().get()).contains("(1 account, 33.3%)");
        assertThat(session.history().undoLabelProperty().get()).isEqualTo("Undo counting change");
        session.history().undo();
        assertThat(model.countByProperty().get()).isNull();
        assertThat(model.stepRows()).extracting(StepResult::users).containsExactly(4L, 3L);
    }

    @Test
    void idsComeFirstInTheCountList() {
        PropertyCatalog catalog = new PropertyCatalog(List.of(
                new PropertyCatalog.Entry("order_ref", PropertyCatalog.Kind.ID_LIKE, 900, 900, List.of("purchase"),
                        false),
                new PropertyCatalog.Entry("plan", PropertyCatalog.Kind.TEXT, 3, 900, List.of("purchase"), true)));
        assertThat(CountChoices.of(List.of("plan", "paid", "company_id", "order_ref", "teamId", "device"), catalog))
                .containsExactly("company_id", "order_ref", "teamId", "device", "paid", "plan");
        assertThat(CountChoices.of(List.of("plan", "account id", "id"), null))
                .containsExactly("account id", "id", "plan");
    }

    @Test
    void renamingAGoalKeepsItsStepOptional() {
        model.removeStep(1);
        model.insertStep(1, FunnelStep.goal("Product view"));
        model.removeStep(0);
        model.insertStep(0, FunnelStep.event("view_product"));
        model.toggleOptional(1);
        assertThat(model.steps().get(1)).isEqualTo(FunnelStep.goal("Product view").withOptional(true));

        session.saveGoal(new Goal("Viewed", GoalKind.MICRO, null, null, MatchRule.event("view_product"), null,
                null), VIEW);

        assertThat(model.steps().get(1)).isEqualTo(FunnelStep.goal("Viewed").withOptional(true));
    }
}
