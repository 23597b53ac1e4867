package io.funnelworkbench.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.ui.FxTestBase;
import io.funnelworkbench.ui.funnel.FunnelBuilderController;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At 1280 × 800, the smallest window the product supports, no label on the main screens is cut: every labelled
 * control shows its whole text (a label JavaFX had to shorten shows an ellipsis in place of its end).
 */
class NothingCutUiTest extends FxTestBase {

    @Test
    void theWelcomeScreenShowsEveryWord() {
        assertThat(cutLabels()).isEmpty();
    }

    @Test
    void everyProjectTabAndEveryResultTabShowsEveryWord() throws Exception {
        openFixtureProject();
        TabPane projectTabs = lookup("#projectTabs").queryAs(TabPane.class);
        List<String> cut = new ArrayList<>();
        for (Tab tab : projectTabs.getTabs()) {
            interact(() -> projectTabs.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            cut.addAll(cutLabels().stream().map(label -> tab.getText() + ": " + label).toList());
            snapshot("1280x800-" + tab.getText().toLowerCase(Locale.ROOT));
        }
        interact(() -> projectTabs.getSelectionModel().select(projectTabs.getTabs().stream()
                .filter(t -> t.getText().equals("Funnels")).findFirst().orElseThrow()));
        FunnelBuilderController funnels = screen(FunnelBuilderController.class);
        interact(() -> funnels.viewModel().breakdownPropertyProperty().set("device"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> funnels.viewModel().resultProperty().get() != null
                && funnels.viewModel().resultProperty().get().breakdownProperty() != null);
        TabPane results = lookup("#resultTabs").queryAs(TabPane.class);
        for (Tab tab : results.getTabs()) {
            interact(() -> results.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            cut.addAll(cutLabels().stream().map(label -> "Funnels, " + tab.getText() + ": " + label).toList());
            snapshot("1280x800-funnels-" + tab.getText().toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        assertThat(cut).isEmpty();
    }
}
