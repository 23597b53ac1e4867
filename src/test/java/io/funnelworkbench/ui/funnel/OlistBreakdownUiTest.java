package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.chart.BreakdownChart;
import io.funnelworkbench.cli.FunnelCli;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.testing.Datasets;
import io.funnelworkbench.ui.FxTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Olist's real leads and deals in the app at 1280 × 800: the window check speaks up about a 7-day window, its
 * button takes the suggested one, and the breakdown by origin shows all 11 groups in the chart and the table.
 * The snapshots it saves are the README's screenshots.
 */
class OlistBreakdownUiTest extends FxTestBase {

    @Test
    void leadsToDealsByOriginShowEveryGroup() throws Exception {
        Path project = projectDir.resolve("olist.mv.db");
        importOlist(project, Datasets.OLIST_LEADS, "lead");
        importOlist(project, Datasets.OLIST_DEALS, "closed_deal");
        openProject(project);
        TabPane projectTabs = lookup("#projectTabs").queryAs(TabPane.class);
        interact(() -> projectTabs.getSelectionModel().select(projectTabs.getTabs().stream()
                .filter(t -> t.getText().equals("Funnels")).findFirst().orElseThrow()));
        FunnelBuilderViewModel model = screen(FunnelBuilderController.class).viewModel();

        interact(() -> {
            model.appendStep(FunnelStep.event("lead"));
            model.appendStep(FunnelStep.event("closed_deal"));
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.windowAdviceProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#windowAdvice").queryAs(Label.class).getText())
                .startsWith("The 7-day window counts 3.1% as converted; over all the data 10.5% convert");
        assertThat(lookup("#useSuggestedWindow").queryAs(Button.class).getText()).isEqualTo("Use a 180-day window");
        assertThat(cutLabels()).isEmpty();
        snapshot("olist-window-advice");

        clickOn("#useSuggestedWindow");
        interact(() -> model.breakdownPropertyProperty().set("origin"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            FunnelResult result = model.resultProperty().get();
            return result != null && "origin".equals(result.breakdownProperty())
                    && result.window().equals(Duration.ofDays(180));
        });
        TabPane results = lookup("#resultTabs").queryAs(TabPane.class);
        Tab breakdown = results.getTabs().stream().filter(t -> t.getText().equals("Breakdown")).findFirst()
                .orElseThrow();
        interact(() -> results.getSelectionModel().select(breakdown));
        WaitForAsyncUtils.waitForFxEvents();

        FunnelResult result = model.resultProperty().get();
        assertThat(result.breakdown()).hasSize(11);
        assertThat(lookup("#breakdownChart").queryAs(BreakdownChart.class).drawnGroups())
                .isEqualTo(result.breakdown());
        assertThat(lookup("#breakdownTable").queryAs(TableView.class).getItems()).hasSize(11);
        assertThat(cutLabels()).isEmpty();
        snapshot("olist-breakdown");
    }

    private static void importOlist(Path project, Path csv, String eventName) {
        StringWriter err = new StringWriter();
        int code = FunnelCli.run(new String[] {"import", "--project", project.toString(), csv.toString(),
            "--event-name", eventName}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }
}
