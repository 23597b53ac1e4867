package io.funnelworkbench.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.testing.PomVersion;
import io.funnelworkbench.ui.FxTestBase;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real app headless, opens the bundled sample from the welcome screen (the one UI test that
 * generates it: the others open the small fixture project), checks what it shows, closes it and opens it again
 * from the recent projects.
 */
class AppSmokeTest extends FxTestBase {
    @Test
    void theAboutBoxNamesTheVersionTheBuildWasMadeFrom() {
        clickOn("Help").clickOn("About Funnel Workbench");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.infos()).containsExactly("Funnel Workbench " + PomVersion.read());
    }

    @Test
    void opensTheSampleProjectFromTheWelcomeScreen() throws Exception {
        assertThat(stage.getTitle()).isEqualTo("Funnel Workbench");
        assertThat(lookup("Sample projects").tryQuery()).isPresent();

        clickOn("#sample-tech-store");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> "tech-store".equals(
                lookup("#projectName").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(stage.getTitle()).isEqualTo("tech-store — Funnel Workbench");
        Label facts = lookup("#projectFacts").queryAs(Label.class);
        assertThat(facts.getText()).contains("20,000 users").contains("1 Aug 2026");
        TableView<?> events = lookup("#eventTable").queryAs(TableView.class);
        assertThat(events.getItems()).hasSize(8);
        ListView<?> macro = lookup("#macroGoals").queryAs(ListView.class);
        assertThat(macro.getItems()).hasSize(1);
        assertThat(lookup("#funnelList").queryAs(ListView.class).getItems()).hasSize(1);

        // Double-clicking a saved funnel or a goal on the Overview opens it where it lives.
        TabPane tabs = lookup("#projectTabs").queryAs(TabPane.class);
        doubleClickOn(lookup("#funnelList .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Funnels");
        assertThat(lookup("#funnelTitle").queryAs(Label.class).getText()).isEqualTo("Purchase funnel");
        clickOn("Overview");
        doubleClickOn(lookup("#macroGoals .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Goals");
        assertThat(lookup("#editGoalButton").query().isDisabled()).isFalse();

        clickOn("File").clickOn("Close Project");
        ListView<?> recent = lookup("#recentList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, recent::isVisible);
        assertThat(stage.getTitle()).isEqualTo("Funnel Workbench");
        assertThat(recent.getItems().get(0).toString()).endsWith("tech-store.mv.db");
        assertThat(lookup(".recent-name").queryAs(Label.class).getText()).isEqualTo("tech-store");
        clickOn(".recent-name");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> stage.getTitle().equals("tech-store — Funnel Workbench"));
        assertThat(lookup("#eventTable").queryAs(TableView.class).getItems()).hasSize(8);
    }
}
