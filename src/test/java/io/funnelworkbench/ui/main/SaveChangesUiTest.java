package io.funnelworkbench.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.ui.FxTestBase;
import io.funnelworkbench.ui.dialogs.Dialogs.Answer;
import io.funnelworkbench.ui.funnel.FunnelBuilderController;
import io.funnelworkbench.ui.funnel.FunnelBuilderViewModel;
import io.funnelworkbench.ui.funnel.PaletteItem;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Closing a project, opening another or quitting asks Save / Don't save / Cancel when a funnel is not saved. */
class SaveChangesUiTest extends FxTestBase {
    private Path project;
    private FunnelBuilderViewModel funnels;

    @BeforeEach
    void openTheFixtureOnTheFunnelsTab() throws Exception {
        project = openFixtureProject();
        clickOn("#funnelsTab");
        funnels = screen(FunnelBuilderController.class).viewModel();
        assertThat(funnels.funnelNameProperty().get()).isEqualTo("Purchase funnel");
    }

    @Test
    void closingWithNothingUnsavedAsksNothing() {
        clickOn("File").clickOn("Close Project");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.asked()).isEmpty();
        assertThat(viewModel().projectOpen().get()).isFalse();
    }

    @Test
    void cancelKeepsTheProjectOpenAndDontSaveDropsTheChange() throws Exception {
        doubleClickOn(paletteCell("Newsletter"));
        assertThat(stepNames()).endsWith("Newsletter");

        dialogs.willAnswer(Answer.CANCEL);
        clickOn("File").clickOn("Close Project");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.asked()).containsExactly("Save the changes to the funnel “Purchase funnel”?");
        assertThat(viewModel().projectOpen().get()).as("Cancel keeps the project open").isTrue();
        assertThat(stepNames()).endsWith("Newsletter");

        dialogs.willAnswer(Answer.NO);
        clickOn("File").clickOn("Close Project");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel().projectOpen().get()).isFalse();

        openProject(project);
        assertThat(savedFunnel("Purchase funnel").steps()).extracting(FunnelStep::name)
                .containsExactly("Product view", "Add to cart", "Checkout started", "Purchase");
        assertThat(dialogs.allAnswersUsed()).isTrue();
    }

    @Test
    void saveAsksANameForANewFunnelAndKeepsItInTheProject() throws Exception {
        clickOn("#moreMenu").clickOn("New funnel");
        doubleClickOn(paletteCell("Newsletter"));
        doubleClickOn(paletteCell("Purchase"));
        assertThat(stepNames()).containsExactly("Newsletter", "Purchase");

        dialogs.willAnswer(Answer.YES).willType("Newsletter to purchase");
        clickOn("File").clickOn("Close Project");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.asked()).containsExactly("Save the changes to the new funnel?",
                "Save this funnel in the project as");
        assertThat(viewModel().projectOpen().get()).isFalse();

        openProject(project);
        assertThat(savedFunnel("Newsletter to purchase").steps()).extracting(FunnelStep::name)
                .containsExactly("Newsletter", "Purchase");
    }

    @Test
    void closingTheWindowWithUnsavedWorkCanBeCancelled() {
        doubleClickOn(paletteCell("Brochure"));
        dialogs.willAnswer(Answer.CANCEL);
        interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.asked()).containsExactly("Save the changes to the funnel “Purchase funnel”?");
        assertThat(stage.isShowing()).isTrue();
        assertThat(viewModel().projectOpen().get()).isTrue();
    }

    private FunnelDefinition savedFunnel(String name) {
        return viewModel().sessionProperty().get().funnels().stream().filter(f -> f.name().equals(name))
                .findFirst().orElseThrow();
    }

    private List<String> stepNames() {
        WaitForAsyncUtils.waitForFxEvents();
        return funnels.steps().stream().map(FunnelStep::name).toList();
    }

    private Node paletteCell(String name) {
        return lookup("#palette .list-cell").match((ListCell<PaletteItem> cell) -> !cell.isEmpty()
                && cell.getItem() != null && cell.getItem().name().equals(name)).query();
    }
}
