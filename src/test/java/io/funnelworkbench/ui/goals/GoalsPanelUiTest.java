package io.funnelworkbench.ui.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.ui.FxTestBase;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real main window on the small fixture shop project, and on the Goals tab creates a goal through the
 * dialog, creates another by dragging an event onto a list, moves a goal by dragging it to another list, edits
 * one, deletes one and undoes that. The Goals tab and the dialog are saved as PNGs in target/goals-snapshots (or
 * -Dgoals.snapshots=DIR) to look at.
 */
class GoalsPanelUiTest extends FxTestBase {
    @BeforeEach
    void openTheFixture() throws Exception {
        openFixtureProject();
        clickOn("#goalsTab");
        waitForMetrics();
    }

    @Test
    void createsEditsMovesDeletesAndUndoesGoals() throws Exception {
        GoalsPanelViewModel model = panel().model();
        ProjectSession session = model.session();
        assertThat(list("macro").getItems()).extracting(Goal::name).containsExactly("Purchase");
        assertThat(list("secondary").getItems()).extracting(Goal::name)
                .containsExactly("Newsletter", "Demo video", "Brochure");
        snapshotWindow(stage, "goals-tab");
        List<Goal> sampleGoals = List.copyOf(session.goals());

        createGadgetViewThroughTheDialog();
        Goal gadgetView = session.findGoal("Gadget view");
        assertThat(gadgetView.kind()).isEqualTo(GoalKind.MICRO);
        assertThat(gadgetView.rule().conditions()).singleElement()
                .satisfies(c -> assertThat(c.operator()).isEqualTo(Operator.EQUALS))
                .satisfies(c -> assertThat(c.value()).isEqualTo("gadgets"));
        assertThat(list("milestone").getItems()).contains(gadgetView);
        waitForMetrics();
        assertThat(model.metricsOf(gadgetView).orElseThrow().users()).isPositive();
        assertThat(cellTexts(list("milestone"))).anySatisfy(text -> assertThat(text)
                .contains("Gadget view").contains("view_product where category = “gadgets”")
                .containsPattern("\\d+\\.\\d% · [\\d,]+ of " + FixtureProject.USERS));

        drag(from(lookup("#goalsEventList").<Node>query()).lookup(hasLabel("page_view")).<Node>query())
                .dropTo("#secondaryList");
        Stage dropped = waitForEditor();
        assertThat(lookup("#goalNameField").queryTextInputControl().getText()).isEqualTo("Page view");
        assertThat(lookup("#kind-micro").queryAs(ToggleButton.class).isSelected()).isTrue();
        clickOn("#goalOkButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dropped.isShowing());
        Goal pageView = session.findGoal("Page view");
        assertThat(pageView.category()).isEqualTo(GoalCategory.SECONDARY_ACTION);
        assertThat(list("secondary").getItems()).contains(pageView);

        interact(() -> list("secondary").scrollTo(pageView));
        drag(row("secondary", "Page view")).dropTo("#milestoneList");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.findGoal("Page view").category()).as("dragged onto the milestones")
                .isEqualTo(GoalCategory.PROCESS_MILESTONE);
        assertThat(list("milestone").getItems()).extracting(Goal::name).contains("Page view");

        interact(() -> list("milestone").scrollTo(gadgetView));
        doubleClickOn(row("milestone", "Gadget view"));
        Stage edit = waitForEditor();
        interact(() -> lookup("#goalNameField").queryTextInputControl().clear());
        clickOn("#goalNameField").write("Gadget product view");
        clickOn("#goalOkButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !edit.isShowing());
        assertThat(session.findGoal("Gadget view")).isNull();
        Goal renamed = session.findGoal("Gadget product view");
        assertThat(renamed.rule()).isEqualTo(gadgetView.rule());

        interact(() -> list("secondary").scrollTo(session.findGoal("Brochure")));
        clickOn(row("secondary", "Brochure"));
        type(KeyCode.DELETE);
        assertThat(session.findGoal("Brochure")).isNull();
        assertThat(lookup("#goalsNotice").queryAs(Label.class).getText()).startsWith("Deleted “Brochure”");
        press(KeyCode.CONTROL).type(KeyCode.Z)
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.findGoal("Brochure")).as("Edit › Undo brings the goal back").isNotNull();

        List<String> expected = new ArrayList<>(sampleGoals.stream().map(Goal::name).toList());
        expected.addAll(List.of("Gadget product view", "Page view"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.store().goals().list().stream()
                .map(Goal::name).sorted().toList().equals(expected.stream().sorted().toList()));
        assertThat(session.store().goals().list()).containsExactlyInAnyOrderElementsOf(session.goals());
        waitForMetrics();
        snapshotWindow(stage, "goals-tab-after-edits");
    }

    private void createGadgetViewThroughTheDialog() throws Exception {
        clickOn("#newGoalButton");
        Stage editor = waitForEditor();
        snapshotWindow(editor, "new-goal-empty");
        clickOn("#goalNameField").write("Gadget view");
        clickOn("#kind-micro");
        clickOn("#event-view_product");
        clickOn("#addConditionButton");
        assertThat(lookup("#condition-property-0").queryComboBox().getValue()).isEqualTo("category");
        clickOn("#condition-value-0").write("gadgets");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#goalPreview").queryAs(Label.class)
                .getText().startsWith("Matches"));
        assertThat(lookup("#goalOkButton").queryAs(Button.class).isDisabled()).isFalse();
        snapshotWindow(editor, "new-goal-filled");
        clickOn("#goalOkButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !editor.isShowing());
    }

    @Test
    void theDialogExplainsWhatIsMissing() throws Exception {
        clickOn("#newGoalButton");
        Stage editor = waitForEditor();
        clickOn("#goalNameField").write("Purchase");
        assertThat(message()).isEqualTo("A goal named “Purchase” exists already.");
        assertThat(lookup("#goalOkButton").queryAs(Button.class).isDisabled()).isTrue();
        interact(() -> lookup("#goalNameField").queryTextInputControl().clear());
        clickOn("#goalNameField").write("Big basket");
        assertThat(message()).isEqualTo("Choose at least one event that completes the goal.");
        clickOn("#event-add_to_cart");
        clickOn("#addConditionButton");
        clickOn("#condition-operator-0");
        clickOn("≥ at least");
        clickOn("#condition-value-0").write("many");
        assertThat(message()).isEqualTo("Condition 1 compares numbers: “many” is not a number.");
        assertThat(lookup("#condition-value-0").query().getPseudoClassStates().toString()).contains("danger");
        snapshotWindow(editor, "new-goal-problem");
        clickOn("#goalCancelButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !editor.isShowing());
        assertThat(panel().model().session().findGoal("Big basket")).isNull();
    }

    @Test
    void deletingAGoalASavedFunnelUsesAsksFirst() throws Exception {
        ProjectSession session = panel().model().session();
        clickOn(row("macro", "Purchase"));
        type(KeyCode.DELETE);
        DialogPane question = waitForQuestion();
        assertThat(question.getContentText()).isEqualTo("The saved funnel “Purchase funnel” uses “Purchase” and"
                + " cannot be computed without it. Delete the goal anyway?");
        Window asking = question.getScene().getWindow();
        clickOn(question.lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !asking.isShowing());
        assertThat(session.findGoal("Purchase")).as("kept when the user says no").isNotNull();

        clickOn(row("macro", "Purchase"));
        type(KeyCode.DELETE);
        DialogPane again = waitForQuestion();
        ButtonType delete = again.getButtonTypes().stream().filter(b -> b.getText().equals("Delete goal"))
                .findFirst().orElseThrow();
        clickOn(again.lookupButton(delete));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.findGoal("Purchase")).isNull();
        assertThat(lookup("#goalsNotice").queryAs(Label.class).getText()).isEqualTo("Deleted “Purchase”. The saved"
                + " funnel “Purchase funnel” used it and cannot be computed without it. Edit › Undo brings it back.");
    }

    private DialogPane waitForQuestion() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w.isShowing() && w.getScene().getRoot() instanceof DialogPane));
        WaitForAsyncUtils.waitForFxEvents();
        return (DialogPane) Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().getRoot() instanceof DialogPane)
                .findFirst().orElseThrow().getScene().getRoot();
    }

    private String message() {
        WaitForAsyncUtils.waitForFxEvents();
        return lookup("#goalProblem").queryAs(Label.class).getText();
    }

    private GoalsPanelController panel() {
        return screen(GoalsPanelController.class);
    }

    @SuppressWarnings("unchecked")
    private ListView<Goal> list(String id) {
        return lookup("#" + id + "List").queryAs(ListView.class);
    }

    private void waitForMetrics() throws Exception {
        GoalsPanelViewModel model = panel().model();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.computingProperty().get()
                && model.metrics().keySet().containsAll(model.session().goals()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Stage waitForEditor() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w.isShowing() && w.getScene().getRoot().lookup(".goal-editor") != null));
        WaitForAsyncUtils.waitForFxEvents();
        return (Stage) Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().getRoot().lookup(".goal-editor") != null)
                .findFirst().orElseThrow();
    }

    /** The name label of a goal's row in one of the Goals tab's lists (the Funnels tab shows goal names too). */
    private Node row(String listId, String goalName) {
        return from(list(listId)).lookup(hasLabel(goalName)).query();
    }

    private static Predicate<Node> hasLabel(String text) {
        return node -> node instanceof Labeled labeled && text.equals(labeled.getText());
    }

    /** Each visible cell's labels joined, as the user reads a row. */
    private List<String> cellTexts(ListView<Goal> view) {
        return view.lookupAll(".goal-cell").stream().map(cell -> cell.lookupAll(".label").stream()
                .map(l -> ((Label) l).getText()).filter(t -> t != null && !t.isEmpty())
                .reduce((a, b) -> a + " · " + b).orElse("")).filter(t -> !t.isEmpty()).toList();
    }

    private void snapshotWindow(Window window, String name) throws Exception {
        String target = System.getProperty("goals.snapshots", "target/goals-snapshots");
        Path file = Files.createDirectories(Path.of(target)).resolve(name + ".png");
        Scene scene = window.getScene();
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        var written = ImageIO.read(file.toFile());
        assertThat(written.getWidth()).isGreaterThan(600);
assertThat(Pixels.distinctColours(written, 7)).as("distinct colours in " + name).isGreaterThan(8);
    }
}
