package io.funnelworkbench.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.ui.dialogs.Dialogs.Answer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/** The JavaFX dialogs: named answers come back as the answer clicked; an error's stack trace is under Details. */
class FxDialogsUiTest extends FxRobot {
    private final FxDialogs dialogs = new FxDialogs();

    @BeforeEach
    void showAnOwner() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new StackPane(), 400, 300));
            stage.show();
        });
    }

    @AfterEach
    void closeEverything() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void saveChangesAnswersWhatWasClicked() throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.confirm(Confirmation.saveChanges("the funnel “Leads”"))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Save the changes to the funnel “Leads”?");
        assertThat(pane.getButtonTypes()).extracting(b -> b.getText()).containsExactly("Save", "Don't save",
                "Cancel");

        // The pane exists before its window is on screen; click once the button can be seen.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("Don't save").match(NodeQueryUtils.isVisible())
                .tryQuery().isPresent() && pane.getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("Don't save");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(Answer.NO);
    }

    @Test
    void anErrorKeepsItsStackTraceUnderDetails() throws Exception {
        IllegalStateException bug = new IllegalStateException("broken");
        interact(() -> dialogs.error("Could not compute the funnel: broken", bug));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(lookup("Could not compute the funnel: broken").tryQuery()).isPresent();
        assertThat(pane.isExpanded()).isFalse();

        interact(() -> pane.setExpanded(true));

        TextArea details = lookup("#errorDetails").queryAs(TextArea.class);
        assertThat(details.getText()).startsWith("java.lang.IllegalStateException: broken")
                .contains("anErrorKeepsItsStackTraceUnderDetails");
        interact(() -> pane.getScene().getWindow().hide());
    }
}
