package io.funnelworkbench.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edit rules for goals and saved funnels, on a real project file. */
class WorkspaceTest {
    private static final Goal PURCHASE = goal("Purchase", GoalKind.MACRO, "purchase");
    private static final Goal VIEW = goal("Product view", GoalKind.MICRO, "view_product");
    private static final FunnelDefinition BUYERS = new FunnelDefinition("Buyers",
            List.of(FunnelStep.goal("Product view"), FunnelStep.goal("Purchase")), Duration.ofDays(2),
            OrderMode.SEQUENTIAL, List.of(new Exclusion(FunnelStep.goal("Purchase"), 1, 2, false)), null, null,
            null);
    private static final FunnelDefinition VIEWERS = FunnelDefinition.of("Viewers",
            List.of(FunnelStep.goal("Product view")));

    @TempDir
    Path dir;

    private ProjectStore store;
    private Workspace workspace;

    @BeforeEach
    void openProject() {
        store = ProjectStore.create(dir.resolve("shop"));
        workspace = Workspace.open(store);
        workspace.createGoal(PURCHASE);
        workspace.createGoal(VIEW);
        workspace.createFunnel(BUYERS);
        workspace.createFunnel(VIEWERS);
    }

    @AfterEach
    void closeProject() {
        store.close();
    }

    private static Goal goal(String name, GoalKind kind, String event) {
        return new Goal(name, kind, null, null, MatchRule.event(event), null, null);
    }

    @Test
    void aGoalNameIsRefusedWhenTakenWhateverItsCaseOrSpaces() {
        assertThatThrownBy(() -> workspace.createGoal(goal(" purchase ", GoalKind.MICRO, "buy")))
                .isInstanceOf(EditRefusedException.class)
                .hasMessage("A goal named “purchase” exists already.");
        assertThatThrownBy(() -> workspace.saveGoal(goal("PRODUCT VIEW", GoalKind.MACRO, "x"), "Purchase"))
                .hasMessage("A goal named “PRODUCT VIEW” exists already.");

        assertThat(store.goals().list()).containsExactly(PURCHASE, VIEW);
        assertThat(Workspace.open(store).goals()).containsExactly(PURCHASE, VIEW);
    }

    @Test
    void editingAGoalUnderItsOwnNameIsNoClash() {
        Goal revenue = new Goal("Purchase", GoalKind.MACRO, null, null, MatchRule.event("order"), null, null);
        GoalSaved saved = workspace.replaceGoal(revenue);

        assertThat(saved.replaced()).isEqualTo(PURCHASE);
        assertThat(saved.renamed()).isFalse();
        assertThat(store.goals().list()).containsExactly(revenue, VIEW);
    }

    @Test
    void renamingAGoalRenamesItInTheSavedFunnelsThatUseIt() {
        GoalSaved renamed = workspace.renameGoal("Purchase", " Order ");

        assertThat(renamed.goal().name()).isEqualTo("Order");
        assertThat(renamed.followingFunnelNames()).containsExactly("Buyers");
        FunnelDefinition buyers = store.funnels().find("Buyers").orElseThrow();
        assertThat(buyers.steps()).containsExactly(FunnelStep.goal("Product view"), FunnelStep.goal("Order"));
        assertThat(buyers.exclusions()).extracting(Exclusion::step).containsExactly(FunnelStep.goal("Order"));
        assertThat(store.funnels().find("Viewers")).contains(VIEWERS);
        assertThat(store.goals().find("Purchase")).isEmpty();
        assertThat(workspace.funnelsUsing("Order")).containsExactly("Buyers");

        assertThatThrownBy(() -> workspace.renameGoal("Order", "product view"))
                .hasMessage("A goal named “product view” exists already.");
        assertThatThrownBy(() -> workspace.renameGoal("Order", "  ")).hasMessage("Give the goal a name.");
        assertThat(workspace.renameGoal("Order", "order").followingFunnelNames())
                .as("a change of case is a rename of the goal itself, not a clash").containsExactly("Buyers");
    }

    @Test
    void undoingARenamePutsTheGoalAndItsFunnelsBackExactly() {
        GoalSaved renamed = workspace.renameGoal("Purchase", "Order");
        workspace.undo(renamed);

        assertThat(workspace.goals()).containsExactly(PURCHASE, VIEW);
        assertThat(workspace.funnels()).containsExactly(BUYERS, VIEWERS);
        assertThat(store.funnels().find("Buyers")).contains(BUYERS);
        assertThat(store.goals().find("Order")).isEmpty();

        workspace.redo(renamed);
        assertThat(store.funnels().find("Buyers").orElseThrow().usesGoal("Order")).isTrue();
    }

    @Test
    void deletingAGoalThatSavedFunnelsUseIsRefusedNamingThem() {
        workspace.createFunnel(FunnelDefinition.of("Also views", List.of(FunnelStep.goal("Product view"))));

        assertThatThrownBy(() -> workspace.deleteGoal("Product view", false))
                .isInstanceOfSatisfying(GoalInUseException.class, e -> {
                    assertThat(e.goal()).isEqualTo("Product view");
                    assertThat(e.funnels()).containsExactly("Buyers", "Viewers", "Also views");
                })
                .hasMessage("The goal “Product view” is used by the saved funnels “Buyers”, “Viewers” and"
                        + " “Also views”, which cannot be computed without it.");
        assertThat(store.goals().find("Product view")).contains(VIEW);
    }

    @Test
    void deletingAGoalAnywayNamesTheFunnelsItBreaksAndUndoBringsItBack() {
        GoalDeleted deleted = workspace.deleteGoal("purchase", true);

        assertThat(deleted.goal()).isEqualTo(PURCHASE);
        assertThat(deleted.position()).isZero();
        assertThat(deleted.brokenFunnels()).containsExactly("Buyers");
        assertThat(store.goals().list()).containsExactly(VIEW);
        assertThat(store.funnels().find("Buyers")).as("left as it was").contains(BUYERS);

        workspace.undo(deleted);
        assertThat(workspace.goals()).containsExactly(PURCHASE, VIEW);
        assertThat(store.goals().find("Purchase")).contains(PURCHASE);
    }

    @Test
    void aGoalNobodyUsesIsDeletedWithoutAsking() {
        workspace.createGoal(goal("Newsletter", GoalKind.MICRO, "newsletter_signup"));
        GoalDeleted deleted = workspace.deleteGoal("Newsletter", false);

        assertThat(deleted.brokenFunnels()).isEmpty();
        assertThat(store.goals().list()).containsExactly(PURCHASE, VIEW);
        assertThatThrownBy(() -> workspace.deleteGoal("Newsletter", true))
                .hasMessage("There is no goal named “Newsletter” in shop.");
    }

    @Test
    void savedFunnelNamesAreUniqueToo() {
        assertThatThrownBy(() -> workspace.createFunnel(FunnelDefinition.of(" buyers", List.of())))
                .isInstanceOf(EditRefusedException.class)
                .hasMessage("A saved funnel named “buyers” exists already.");
        assertThatThrownBy(() -> workspace.renameFunnel("Viewers", "BUYERS"))
                .hasMessage("A saved funnel named “BUYERS” exists already.");
        assertThatThrownBy(() -> workspace.createFunnel(FunnelDefinition.of(" ", List.of())))
                .hasMessage("A funnel needs a name.");
        assertThat(store.funnels().list()).containsExactly(BUYERS, VIEWERS);
    }

    @Test
    void savingOverRenamingAndDeletingSavedFunnels() {
        FunnelDefinition wider = new FunnelDefinition("Buyers", BUYERS.steps(), Duration.ofDays(30),
                BUYERS.order(), BUYERS.exclusions(), "device", null, null);
        FunnelSaved over = workspace.saveFunnel(wider);
        assertThat(over.replaced()).isEqualTo(BUYERS);
        assertThat(store.funnels().find("Buyers")).contains(wider);

        FunnelSaved renamed = workspace.renameFunnel("Buyers", "Buyers, 30 days");
        assertThat(store.funnels().list()).extracting(FunnelDefinition::name)
                .containsExactly("Buyers, 30 days", "Viewers");
        workspace.undo(renamed);
        assertThat(store.funnels().list()).extracting(FunnelDefinition::name).containsExactly("Buyers", "Viewers");

        FunnelDeleted deleted = workspace.deleteFunnel("Viewers");
        assertThat(deleted.position()).isEqualTo(1);
        assertThat(store.funnels().list()).containsExactly(wider);
        assertThatThrownBy(() -> workspace.deleteFunnel("Viewers"))
                .hasMessage("There is no saved funnel named “Viewers” in shop.");
        workspace.undo(deleted);
        assertThat(workspace.funnels()).containsExactly(wider, VIEWERS);
    }

    @Test
    void editsChangeTheWorkspaceAtOnceAndTheFileWhenTheSaverRuns() {
        List<String> pending = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        Workspace later = new Workspace(store, store.goals().list(), store.funnels().list(), (what, write) -> {
            pending.add(what);
            writes.add(write);
        });

        later.renameGoal("Purchase", "Order");
        assertThatThrownBy(() -> later.createGoal(goal("order", GoalKind.MACRO, "x")))
                .as("the rules see the edit before the file does").isInstanceOf(EditRefusedException.class);
        assertThat(store.goals().find("Purchase")).isPresent();
        assertThat(pending).containsExactly("Saving Order", "Saving Buyers");

        writes.forEach(Runnable::run);
        assertThat(store.goals().find("Order")).isPresent();
        assertThat(store.funnels().find("Buyers").orElseThrow().usesGoal("Order")).isTrue();
    }
}
