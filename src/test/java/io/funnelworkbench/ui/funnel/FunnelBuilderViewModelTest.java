package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelBuilderViewModelTest {
    private static final long T0 = LocalDate.of(2026, 8, 3).toEpochDay() * 86_400_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long DAY = 1_440 * MINUTE;

    private static final Goal VIEW = goal("Product view", GoalKind.MICRO, "view_product");
    private static final Goal CART = goal("Add to cart", GoalKind.MICRO, "add_to_cart");
    private static final Goal PURCHASE = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null,
            MatchRule.event("purchase"), GoalValue.fromProperty("revenue"), null);

    @TempDir Path dir;
    private ProjectStore store;
    private ProjectSession session;
    private EventLog log;
    private FunnelBuilderViewModel model;
    /** Runs each computation at once; its count of runs stands for the number of computations. */
    private final SynchronousRunner runner = new SynchronousRunner();

    @BeforeEach
    void openProject() {
        log = new EventLogBuilder()
                .add("ann", "view_product", T0, null, Map.of("device", "mobile"))
                .add("ann", "add_to_cart", T0 + MINUTE, null, Map.of("device", "mobile"))
                .add("ann", "purchase", T0 + 5 * MINUTE, null, Map.of("device", "mobile", "revenue", "120"))
                .add("bob", "view_product", T0, null, Map.of("device", "desktop"))
                .add("bob", "add_to_cart", T0 + 2 * DAY, null, Map.of("device", "desktop"))
                .add("cat", "view_product", T0 + DAY, null, Map.of("device", "desktop"))
                .add("dan", "add_to_cart", T0, null, Map.of())
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

    private static Goal goal(String name, GoalKind kind, String event) {
        return new Goal(name, kind, null, null, MatchRule.event(event), null, null);
    }

    private List<String> stepNames() {
        return model.steps().stream().map(FunnelStep::name).toList();
    }

    /** Leads that become deals weeks later: a 7-day window misses most, and the screen says so. */
    @Test
    void aWindowTooShortForTheDataSuggestsOneAndTakesIt() {
        EventLogBuilder leads = new EventLogBuilder();
        for (int user = 0; user < 40; user++) {
            leads.add("lead-" + user, "view_product", T0 + user * MINUTE);
            if (user < 5) {
                leads.add("lead-" + user, "add_to_cart", T0 + user * MINUTE + 30 * MINUTE);
            } else if (user < 30) {
                leads.add("lead-" + user, "add_to_cart", T0 + (10 + user % 10) * DAY);
            }
        }
        EventLog b2b = leads.build();
        model.close();
        try (ProjectStore other = ProjectStore.create(dir.resolve("b2b"))) {
            model.open(new ProjectSession(other, new ProjectOverview("b2b", other.databaseFile(), b2b.size(),
                    b2b.activeUserCount(), null, null, EventStats.byName(b2b), List.of(VIEW, CART), List.of(),
                    List.of(), b2b), runner));
            model.appendStep(FunnelStep.goal("Product view"));
            model.appendStep(FunnelStep.goal("Add to cart"));

            assertThat(model.windowAdviceProperty().get()).isEqualTo("The 7-day window counts 12.5% as converted;"
                    + " over all the data 75.0% convert (25 more users), 90% of them within 30 d."
                    + " Try a 30-day window.");
            assertThat(model.suggestedWindowProperty().get()).isEqualTo(Duration.ofDays(30));
            // A breakdown changes the view, not the window check: the advice stays as it was.
            String advice = model.windowAdviceProperty().get();
            model.breakdownPropertyProperty().set("device");
            assertThat(model.resultProperty().get().breakdownProperty()).isEqualTo("device");
            assertThat(model.windowAdviceProperty().get()).isEqualTo(advice);
            model.breakdownPropertyProperty().set(null);

            model.useSuggestedWindow();

            assertThat(model.windowAmountProperty().get()).isEqualTo("30");
            assertThat(model.stepRows()).extracting(StepResult::users).containsExactly(40L, 30L);
            // The ten who never converted entered less than 30 days before the data ends.
            assertThat(model.windowAdviceProperty().get()).isEqualTo("10 of the 10 users who have not converted are"
                    + " still within the 30-day window when the data ends, so these rates may still rise.");
            assertThat(model.suggestedWindowProperty().get()).isNull();
        }
    }

    @Test
    void theBreakdownListGroupsPropertiesByKindWithTheEventsThatCarryThem() {
        assertThat(model.breakdownChoices()).extracting(BreakdownChoice::name, BreakdownChoice::detail,
                BreakdownChoice::header).containsExactly(
                        tuple("Text", "", true),
                        tuple("device", "on view_product, add_to_cart, purchase", false),
                        tuple("Numbers (in ranges)", "", true),
                        tuple("revenue", "on purchase", false));
        assertThat(model.breakdownChoice("revenue").detail()).isEqualTo("on purchase");
        assertThat(BreakdownChoice.isHeaderKey(model.breakdownChoices().get(0).key())).isTrue();
        assertThat(model.breakdownChoice(model.breakdownChoices().get(2).key()).name())
                .isEqualTo("Numbers (in ranges)");

        model.appendStep(FunnelStep.event("view_product"));
        model.appendStep(FunnelStep.event("purchase"));
        model.breakdownPropertyProperty().set("revenue");
        model.attributionProperty().set(Attribution.LAST_STEP);
        assertThat(model.resultProperty().get().breakdown()).extracting(BreakdownGroup::label)
                .as("a numeric property is broken down in ranges, a single number being its own")
                .containsExactly("120", "(none)");
    }

    @Test
    void idsComeLastInTheBreakdownList() {
        PropertyCatalog catalog = new PropertyCatalog(List.of(
                new PropertyCatalog.Entry("order_id", PropertyCatalog.Kind.ID_LIKE, 900, 900, List.of("purchase"),
                        false),
                new PropertyCatalog.Entry("plan", PropertyCatalog.Kind.TEXT, 3, 900, List.of("purchase"), true)));
        assertThat(FunnelBuilderViewModel.groupedChoices(catalog)).extracting(BreakdownChoice::name)
                .containsExactly("Text", "plan", "IDs", "order_id");
        assertThat(FunnelBuilderViewModel.groupedChoices(catalog).get(1).detail()).isEqualTo("on every event");
    }

    /** A funnel saved from the command line with --count-by is computed and saved again by its accounts. */
    @Test
    void aFunnelCountedByAPropertyKeepsItsCountingUnit() {
        FunnelDefinition byDevice = new FunnelDefinition("By device", List.of(FunnelStep.goal("Product view"),
                FunnelStep.goal("Add to cart")), Duration.ofDays(1), OrderMode.SEQUENTIAL, List.of(), null, null,
                null, "device");
        session.createFunnel(byDevice);

        model.openSaved(session.funnels().stream().filter(f -> f.name().equals("By device")).findFirst()
                .orElseThrow());

        // Two accounts, mobile and desktop, viewed; both added to cart within the window.
        assertThat(model.resultProperty().get().countedBy()).isEqualTo("device");
        assertThat(model.stepRows()).extracting(StepResult::users).containsExactly(2L, 2L);
        model.windowUnitProperty().set(WindowUnit.HOURS);
        // In one hour only mobile goes on; the headline counts accounts, not users.
        assertThat(model.headlineProperty().get()).contains("(1 account, 50.0%)");
        model.windowUnitProperty().set(WindowUnit.DAYS);
        model.windowAmountProperty().set("3");
        model.saveAs("By device");
        assertThat(session.funnels()).filteredOn(f -> f.name().equals("By device")).singleElement()
                .extracting(FunnelDefinition::countBy).isEqualTo("device");
        assertThat(model.hasUnsavedChanges()).isFalse();
    }

    /** A funnel saved from the command line with an optional step keeps it through the builder. */
    @Test
    void anOptionalStepStaysOptionalThroughTheBuilder() {
        FunnelDefinition withSignup = FunnelDefinition.of("With sign-up", List.of(FunnelStep.goal("Product view"),
                FunnelStep.event("newsletter_signup").withOptional(true), FunnelStep.goal("Add to cart")));
        session.createFunnel(withSignup);

        model.openSaved(session.funnels().stream().filter(f -> f.name().equals("With sign-up")).findFirst()
                .orElseThrow());

        assertThat(model.stepRows()).extracting(StepResult::optional).containsExactly(false, true, false);
        model.windowAmountProperty().set("3");
        model.saveAs("With sign-up");
        assertThat(session.funnels()).filteredOn(f -> f.name().equals("With sign-up")).singleElement()
                .satisfies(f -> assertThat(f.steps()).extracting(FunnelStep::optional)
                        .containsExactly(false, true, false));
    }

    @Test
    void paletteGroupsGoalsAndEventsAndFiltersBySearch() {
        assertThat(model.palette()).extracting(PaletteItem::name).containsExactly(
                "Macro goals", "Purchase", "Micro goals", "Product view", "Add to cart",
                "Events", "add_to_cart", "view_product", "newsletter_signup", "purchase");
        assertThat(model.palette().get(7).detail()).isEqualTo("4 users");

        model.searchProperty().set("CART");

        assertThat(model.palette()).extracting(PaletteItem::name)
                .containsExactly("Micro goals", "Add to cart", "Events", "add_to_cart");
    }

    @Test
    void addingReorderingAndRemovingStepsIsUndoable() {
        assertThat(model.problemProperty().get()).isEqualTo(FunnelBuilderViewModel.NO_STEPS);
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.insertStep(0, FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Purchase"));
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Purchase");
        assertThat(model.stepRows()).extracting(s -> s.users()).containsExactly(4L, 3L, 1L);

        model.moveStep(2, 0);
        assertThat(stepNames()).containsExactly("Purchase", "Product view", "Add to cart");
        model.moveStep(0, 3);
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Purchase");
        model.removeStep(1);
        assertThat(stepNames()).containsExactly("Product view", "Purchase");
        assertThat(session.history().undoLabelProperty().get()).isEqualTo("Undo removing Add to cart");

        session.history().undo();
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Purchase");
        assertThat(model.stepRows()).extracting(s -> s.users()).containsExactly(4L, 3L, 1L);
        session.history().undo();
        session.history().undo();
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Purchase");
        session.history().undo();
        assertThat(stepNames()).containsExactly("Product view", "Add to cart");
        session.history().redo();
        session.history().redo();
        assertThat(stepNames()).containsExactly("Purchase", "Product view", "Add to cart");
        assertThat(model.stepRows().get(0).name()).isEqualTo("Purchase");
    }

    @Test
    void everyEditRecomputesAndUndoDoesNotRecordAnotherEdit() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        int before = runner.runs();
        model.windowAmountProperty().set("1");
        assertThat(runner.runs()).isEqualTo(before + 1);
        assertThat(model.stepRows().get(1).users()).isEqualTo(2);   // bob's cart came after two days

        session.history().undo();
        assertThat(model.windowAmountProperty().get()).isEqualTo("7");
        assertThat(model.stepRows().get(1).users()).isEqualTo(3);
        assertThat(session.history().canRedoProperty().get()).isTrue();
    }

    @Test
    void optionsBecomeTheSpecTheEngineComputes() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.event("newsletter_signup"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.windowUnitProperty().set(WindowUnit.HOURS);
        model.windowAmountProperty().set("36");
        model.orderProperty().set(OrderMode.STRICT);
        model.breakdownPropertyProperty().set("device");
        model.attributionProperty().set(Attribution.LAST_STEP);
        model.entryFromProperty().set(LocalDate.of(2026, 8, 3));
        model.entryToProperty().set(LocalDate.of(2026, 8, 31));
        model.trendPeriodProperty().set(TrendPeriod.DAY);
        model.addExclusion(new Exclusion(FunnelStep.event("purchase"), 1, 2, true));

        FunnelSpec expected = FunnelSpec.resolve(new FunnelDefinition(null,
                        List.of(FunnelStep.goal("Product view"), FunnelStep.event("newsletter_signup"),
                                FunnelStep.goal("Add to cart")),
                        Duration.ofHours(36), OrderMode.STRICT,
                        List.of(new Exclusion(FunnelStep.event("purchase"), 1, 2, true)), "device",
                        LocalDate.of(2026, 8, 3), LocalDate.of(2026, 8, 31)), List.of(PURCHASE, VIEW, CART))
                .withBreakdown("device", Attribution.LAST_STEP).withTrendPeriod(TrendPeriod.DAY);
        assertThat(model.spec()).isEqualTo(expected);
        assertThat(model.resultProperty().get()).isEqualTo(new FunnelEngine(log).compute(expected));
        assertThat(model.problemProperty().get()).isNull();
    }

    @Test
    void invalidOptionsAreExplainedAndKeepTheLastResult() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.windowAmountProperty().set("0");
        assertThat(model.problemProperty().get()).as("a window of 0 is allowed").isNull();
        FunnelResult shown = model.resultProperty().get();

        model.windowAmountProperty().set("-1");
        assertThat(model.problemProperty().get()).isEqualTo(FunnelBuilderViewModel.WINDOW_PROBLEM);
        model.windowAmountProperty().set("seven");
        assertThat(model.problemProperty().get()).isEqualTo(FunnelBuilderViewModel.WINDOW_PROBLEM);
        assertThat(model.resultProperty().get()).isSameAs(shown);
        assertThat(model.canSave()).isFalse();
        model.windowAmountProperty().set("7");

        model.addExclusion(new Exclusion(FunnelStep.event("newsletter_signup"), 1, 2, false));
        model.removeStep(1);
        assertThat(model.problemProperty().get()).contains("between steps 1 and 2").contains("has 1 steps");
        session.history().undo();
        assertThat(model.problemProperty().get()).isNull();

        model.entryFromProperty().set(LocalDate.of(2026, 9, 1));
        model.entryToProperty().set(LocalDate.of(2026, 8, 1));
        assertThat(model.problemProperty().get()).isEqualTo("The entry range starts after it ends.");
    }

    @Test
    void inAnyOrderExclusionsAreKeptButLeftOutOfTheComputationWithANotice() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Purchase"));
        model.addExclusion(new Exclusion(FunnelStep.event("add_to_cart"), 1, 2, false));
        assertThat(model.resultSpecProperty().get().exclusions()).hasSize(1);

        model.orderProperty().set(OrderMode.ANY);

        assertThat(model.problemProperty().get()).isNull();
        assertThat(model.resultSpecProperty().get().order()).isEqualTo(OrderMode.ANY);
        assertThat(model.resultSpecProperty().get().exclusions()).isEmpty();
        assertThat(model.noticeProperty().get()).startsWith("Exclusions are left out in any order");
        assertThat(model.exclusions()).hasSize(1);
        assertThat(model.definition("x").exclusions()).hasSize(1);

        model.orderProperty().set(OrderMode.SEQUENTIAL);
        assertThat(model.resultSpecProperty().get().exclusions()).hasSize(1);
        assertThat(model.noticeProperty().get()).isEmpty();
    }

    @Test
    void renamingAGoalRenamesItInTheDraftAndTheSavedFunnelsAndUndoPutsItBack() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Purchase"));
        model.saveAs("Buyers");
        long buyers = model.resultProperty().get().steps().get(1).users();
        Goal order = new Goal("Order completed", PURCHASE.kind(), PURCHASE.category(), PURCHASE.type(),
                PURCHASE.rule(), PURCHASE.value(), PURCHASE.counting());

        session.saveGoal(order, PURCHASE);

        assertThat(model.steps()).containsExactly(FunnelStep.goal("Product view"), FunnelStep.goal("Order completed"));
        assertThat(model.problemProperty().get()).isNull();
        assertThat(model.resultProperty().get().steps().get(1).users()).isEqualTo(buyers);
        assertThat(session.funnels()).singleElement()
                .satisfies(f -> assertThat(f.steps()).contains(FunnelStep.goal("Order completed")));
        assertThat(store.funnels().list()).singleElement()
                .satisfies(f -> assertThat(f.usesGoal("Order completed")).isTrue());

        session.history().undo();
        assertThat(model.steps()).containsExactly(FunnelStep.goal("Product view"), FunnelStep.goal("Purchase"));
        assertThat(session.funnels()).singleElement().satisfies(f -> assertThat(f.usesGoal("Purchase")).isTrue());
        assertThat(model.problemProperty().get()).isNull();
    }

    @Test
    void savedFunnelsRoundTrip() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Purchase"));
        model.windowUnitProperty().set(WindowUnit.DAYS);
        model.windowAmountProperty().set("2");
        model.orderProperty().set(OrderMode.ANY);
        assertThat(model.save()).isFalse();   // no name yet: the screen asks for one

        model.saveAs("  View to buy ");

        FunnelDefinition saved = new FunnelDefinition("View to buy",
                List.of(FunnelStep.goal("Product view"), FunnelStep.goal("Purchase")), Duration.ofDays(2),
                OrderMode.ANY, List.of(), null, null, null);
        assertThat(model.savedFunnels()).containsExactly(saved);
        assertThat(store.funnels().list()).containsExactly(saved);
        assertThat(model.title()).isEqualTo("View to buy");

        model.newFunnel();
        assertThat(model.steps()).isEmpty();
        assertThat(model.title()).isEmpty();
        model.openSaved(saved);
        assertThat(model.definition("View to buy")).isEqualTo(saved);
        assertThat(model.windowUnitProperty().get()).isEqualTo(WindowUnit.DAYS);

        model.deleteSaved(saved);
        assertThat(model.savedFunnels()).isEmpty();
        assertThat(store.funnels().list()).isEmpty();
        assertThat(model.funnelNameProperty().get()).isNull();
        assertThatThrownBy(() -> model.saveAs(" ")).hasMessage("A funnel needs a name.");
    }

    @Test
    void saveAsRefusesTheNameOfAnotherSavedFunnelButSavesOverTheOpenOne() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.saveAs("Views");
        model.newFunnel();
        model.appendStep(FunnelStep.goal("Purchase"));

        assertThatThrownBy(() -> model.saveAs(" views")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A saved funnel named “views” exists already.");
        assertThat(model.funnelNameProperty().get()).as("nothing was saved, the draft keeps no name").isNull();
        assertThat(store.funnels().list()).extracting(f -> f.steps().size()).containsExactly(1);

        model.saveAs("Buyers");
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.saveAs("buyers");
        assertThat(store.funnels().list()).extracting(FunnelDefinition::name).containsExactly("Views", "buyers");
        assertThat(session.funnels()).extracting(FunnelDefinition::name).containsExactly("Views", "buyers");
    }

    @Test
    void aSavedFunnelOpensFirstWhenTheProjectOpens() {
        FunnelDefinition saved = FunnelDefinition.of("Cart", List.of(FunnelStep.event("add_to_cart")));
        session.saveFunnel(saved);
        model.open(session);
        assertThat(model.funnelNameProperty().get()).isEqualTo("Cart");
        assertThat(model.stepRows()).extracting(s -> s.users()).containsExactly(4L);
    }

    @Test
    void drillDownListsUsersWhoReachedAndDroppedAtAStep() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.appendStep(FunnelStep.goal("Purchase"));

        model.drillDown(2);
        DrillDown users = model.drillDownProperty().get();
        assertThat(users.stepName()).isEqualTo("Add to cart");
        assertThat(users.reached()).containsExactlyInAnyOrder("ann", "bob", "eve");
        assertThat(users.dropped()).containsExactlyInAnyOrder("bob", "eve");
        assertThat(model.selectedStepProperty().get()).isEqualTo(2);

        model.drillDown(3);
        assertThat(model.drillDownProperty().get().reached()).containsExactly("ann");
        assertThat(model.drillDownProperty().get().dropped()).isEmpty();
    }

    @Test
    void drillDownIntoABreakdownGroupListsOnlyItsUsers() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Purchase"));
        model.breakdownPropertyProperty().set("device");
        BreakdownGroup mobile = model.resultProperty().get().breakdown().stream()
                .filter(g -> "mobile".equals(g.value())).findFirst().orElseThrow();

        model.drillDown(1, mobile);

        DrillDown users = model.drillDownProperty().get();
        assertThat(users.group()).isEqualTo("device = mobile");
        assertThat(users.users()).hasSize((int) mobile.steps().get(0).users());
        assertThat(users.table().header()).containsExactly("User", "Group", "Step", "Outcome", "Reason", "device",
                "revenue at Purchase");
        assertThat(users.table().rows()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("device = mobile"))
                .allSatisfy(row -> assertThat(row.get(5)).isEqualTo("mobile"));
    }

    @Test
    void exportsTheStepTableAndUserListsAsCsv() throws Exception {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Purchase"));
        model.breakdownPropertyProperty().set("device");
        Path table = dir.resolve("steps.csv");
        boolean[] done = {false};

        model.exportStepTable(table, () -> done[0] = true);

        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        assertThat(done[0]).isTrue();
        assertThat(lines.get(0)).startsWith("Group,Step,Name,Users,Conversion from previous (%),");
        assertThat(lines.get(1)).startsWith("All users,1,Product view,4,100.0,");
        assertThat(lines.get(2)).startsWith("All users,2,Purchase,1,25.0,").endsWith(",120.0");
        assertThat(lines).anyMatch(l -> l.startsWith("mobile,2,Purchase,1,50.0,"));
        assertThat(lines).anyMatch(l -> l.startsWith("desktop,1,Product view,2,100.0,"));

        model.drillDown(1);
        Path users = dir.resolve("users.csv");
        model.exportDrillDown(users, () -> { });
        List<String> exported = Files.readAllLines(users, StandardCharsets.UTF_8);
        // The property columns follow: the breakdown group each user counts in, the value read on the purchase.
        assertThat(exported).hasSize(5).first().isEqualTo("User,Step,Outcome,Reason,device,revenue at Purchase");
        // The shop's data ends within a week of these views, so their window was still open.
        assertThat(exported).contains("ann,1. Product view,Went on to Purchase,Purchase 5 min later,mobile,120",
                "bob,1. Product view,Dropped before Purchase,Still within the 1-week window when the data ends,"
                        + "desktop,",
                "cat,1. Product view,Dropped before Purchase,Still within the 1-week window when the data ends,"
                        + "desktop,",
                "eve,1. Product view,Dropped before Purchase,Still within the 1-week window when the data ends,"
                        + "mobile,");
        assertThat(model.noticeProperty().get()).isEqualTo("Saved users.csv.");
    }

    @Test
    void headlineNamesTheLargestDropOffAndTheSlowestStep() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.appendStep(FunnelStep.goal("Purchase"));
        assertThat(model.headlineProperty().get())
                .isEqualTo("Largest drop-off: Add to cart → Purchase (2 users, 66.7%)\n"
                        + "Slowest step: Add to cart → Purchase (median 4 min)");
    }

    @Test
    void impactTableFollowsTheChosenMacroGoal() {
        assertThat(model.macroGoals()).containsExactly(PURCHASE);
        assertThat(model.impactProperty().get().macroGoal()).isEqualTo("Purchase");
        model.impactMacroProperty().set(null);
        assertThat(model.impactProperty().get()).isNull();
    }

    @Test
    void aNoticeBelongsToItsProjectAndGoesStaleOnTheNextEdit() {
        model.appendStep(FunnelStep.goal("Product view"));
        model.appendStep(FunnelStep.goal("Add to cart"));
        model.saveAs("Lead -> Deal");
        assertThat(model.noticeProperty().get()).isEqualTo("Saved Lead -> Deal.");

        model.appendStep(FunnelStep.goal("Purchase"));
        assertThat(model.noticeProperty().get()).as("stale after a newer edit").isEmpty();

        model.saveAs("Lead -> Deal");
        try (ProjectStore other = ProjectStore.create(dir.resolve("other"))) {
            ProjectOverview overview = new ProjectOverview("other", other.databaseFile(), log.size(),
                    log.activeUserCount(), null, null, EventStats.byName(log), List.of(), List.of(), List.of(),
                    log);
            model.open(new ProjectSession(other, overview, new SynchronousRunner()));
            assertThat(model.noticeProperty().get()).as("never follows into another project").isEmpty();
            model.close();
        }
    }

    @Test
    void knowsWhenTheFunnelHasChangesClosingWouldLose() {
        assertThat(model.hasUnsavedChanges()).as("an empty builder loses nothing").isFalse();
        model.appendStep(FunnelStep.goal("Product view"));
        assertThat(model.hasUnsavedChanges()).as("a new funnel never saved").isTrue();
        model.saveAs("Viewers");
        assertThat(model.hasUnsavedChanges()).isFalse();
        model.attributionProperty().set(Attribution.LAST_STEP);
        assertThat(model.hasUnsavedChanges()).as("the attribution is a view choice, not saved").isFalse();

        model.appendStep(FunnelStep.goal("Add to cart"));
        assertThat(model.hasUnsavedChanges()).as("a saved funnel changed since").isTrue();
        session.history().undo();
        assertThat(model.hasUnsavedChanges()).as("undone back to what was saved").isFalse();

        model.newFunnel();
        assertThat(model.hasUnsavedChanges()).isFalse();
        model.openSaved(session.funnels().get(0));
        assertThat(model.hasUnsavedChanges()).isFalse();
    }

    @Test
    void theImpactTableSaysWhyItIsEmpty() {
        assertThat(model.impactProperty().get().rows()).isEmpty();
        assertThat(model.impactExplanationProperty().get()).startsWith("Nothing to compare:")
                .contains("“Product view” before “Purchase”").contains("“Add to cart” before “Purchase”");
        model.impactMacroProperty().set(null);
        assertThat(model.impactExplanationProperty().get()).isEqualTo(FunnelBuilderViewModel.NO_MACRO_GOAL);
    }
}
