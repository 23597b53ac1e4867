package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.analysis.UserTimeline;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill-down's timeline state: a selected user's events read through the runner, shown, cleared, exported. */
class UserTimelineViewModelTest {
    private static final long T0 = LocalDate.of(2026, 8, 3).toEpochDay() * 86_400_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long DAY = 1_440 * MINUTE;

    private static final Goal VIEW = new Goal("Product view", GoalKind.MICRO, null, null,
            MatchRule.event("view_product"), null, null);
    private static final Goal CART = new Goal("Add to cart", GoalKind.MICRO, null, null,
            MatchRule.event("add_to_cart"), null, null);
    private static final Goal PURCHASE = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null,
            MatchRule.event("purchase"), GoalValue.fromProperty("revenue"), null);

    @TempDir Path dir;
    private ProjectStore store;
    private ProjectSession session;
    private FunnelBuilderViewModel model;
    private final SynchronousRunner runner = new SynchronousRunner();

    @BeforeEach
    void openProject() {
        EventLog log = new EventLogBuilder()
                .add("ann", "search", T0 - MINUTE, null, Map.of("device", "mobile"))
                .add("ann", "view_product", T0, null, Map.of("device", "mobile"))
                .add("ann", "add_to_cart", T0 + MINUTE, null, Map.of("device", "mobile"))
                .add("ann", "purchase", T0 + 5 * MINUTE, null, Map.of("device", "mobile", "revenue", "120"))
                .add("ann", "search", T0 + 9 * DAY, null, Map.of("device", "desktop"))
                .add("bob", "view_product", T0, null, Map.of("device", "desktop"))
                .add("eve", "view_product", T0 + 3 * DAY, null, Map.of("device", "mobile"))
                .add("eve", "newsletter_signup", T0 + 3 * DAY + MINUTE, null, Map.of())
                .add("eve", "add_to_cart", T0 + 3 * DAY + 2 * MINUTE, null, Map.of("device", "mobile"))
                .build();
        store = ProjectStore.create(dir.resolve("shop"));
        ProjectOverview overview = new ProjectOverview("shop", store.databaseFile(), log.size(),
                log.activeUserCount(), null, null, EventStats.byName(log), List.of(PURCHASE, VIEW, CART),
                List.of(), List.of(), log);
        session = new ProjectSession(store, overview, runner);
        model = new FunnelBuilderViewModel();
        model.open(session);
    }

    @AfterEach
    void closeProject() {
        model.close();
        store.close();
    }

    @Test
    void selectingAUserShowsTheirEventsWithTheStepsMarkedAndExportsThem() throws Exception {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.appendStep(FunnelStep.goal("Purchase"));
        model.drillDown(1);
        DrillDown users = model.drillDownProperty().get();
        UserTimelineViewModel timelines = model.timelines();
        assertThat(timelines.statusProperty().get()).isEqualTo(UserTimelineViewModel.CHOOSE_A_USER);

        Explanation ann = users.users().get(0);
        timelines.select(users, ann);

        UserTimeline.Timeline shown = timelines.timelineProperty().get();
        assertThat(shown.user()).isEqualTo("ann");
        assertThat(shown.entries()).extracting(e -> e.event() + " " + e.place() + " " + e.marks().stream()
                .map(UserTimeline.Mark::step).toList()).containsExactly(
                "search BEFORE_ENTRY []", "view_product IN_WINDOW [1]", "add_to_cart IN_WINDOW [2]",
                "purchase IN_WINDOW [3]", "search AFTER_WINDOW []");
        assertThat(timelines.statusProperty().get())
                .isEqualTo("Events of ann around the funnel: 5 (1 before entering, 3 in the window, 1 after).");

        Path csv = dir.resolve("ann.csv");
        boolean[] done = {false};
        timelines.exportTimeline(csv, () -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).containsExactly(
                "Time (UTC),Event,Step,Where,revenue,device",
                "2026-08-02T23:59:00Z,search,,Before entry,,mobile",
                "2026-08-03T00:00:00Z,view_product,① Product view,In window,,mobile",
                "2026-08-03T00:01:00Z,add_to_cart,② Add to cart,In window,,mobile",
                "2026-08-03T00:05:00Z,purchase,③ Purchase,In window,120,mobile",
                "2026-08-12T00:00:00Z,search,,After window,,desktop");
        assertThat(model.noticeProperty().get()).isEqualTo("Saved ann.csv.");

        timelines.select(users, null);
        assertThat(timelines.timelineProperty().get()).isNull();
        assertThat(timelines.statusProperty().get()).isEqualTo(UserTimelineViewModel.CHOOSE_A_USER);
    }

    @Test
    void theDrillDownOfAnOptionalStepListsWhoDidItAndTheirTimelineMarksIt() {
        session.createFunnel(FunnelDefinition.of("With sign-up", List.of(FunnelStep.goal("Product view"),
                FunnelStep.event("newsletter_signup").withOptional(true), FunnelStep.goal("Add to cart"))));
        model.openSaved(session.funnels().stream().filter(f -> f.name().equals("With sign-up")).findFirst()
                .orElseThrow());

        model.drillDown(2);

        DrillDown users = model.drillDownProperty().get();
        assertThat(model.noticeProperty().get()).isEmpty();
        assertThat(users.stepName()).isEqualTo("newsletter_signup");
        assertThat(users.nextStepName()).isEqualTo("Add to cart");
        assertThat(users.users()).containsExactly(new Explanation("eve", Outcome.WENT_ON, "Add to cart 2 min later"));
        UserTimelineViewModel timelines = model.timelines();
        timelines.select(users, users.users().get(0));
        assertThat(timelines.timelineProperty().get().entries()).extracting(e -> e.event() + " " + e.marks())
                .containsExactly(
                        "view_product [Mark[kind=STEP, step=1, name=Product view]]",
                        "newsletter_signup [Mark[kind=OPTIONAL_STEP, step=2, name=newsletter_signup]]",
                        "add_to_cart [Mark[kind=STEP, step=3, name=Add to cart]]");
    }
}
