package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.UserTimeline;
import io.funnelworkbench.chart.FunnelChart;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.ui.FxTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The drill-down's property columns and timeline on the fixture shop: opened by clicking a chart column, the
 * first user's events are shown with the steps the engine counted marked, and the user list exports its columns.
 */
class DrillDownTimelineUiTest extends FxTestBase {
    private static final Path SNAPSHOTS = Path.of("target", "ui-snapshots");

    private FunnelBuilderViewModel model;

    @BeforeEach
    void openTheFixtureOnTheFunnelsTab() throws Exception {
        model = openFixtureProjectOn("#funnelsTab", FunnelBuilderController.class).viewModel();
        interact(() -> model.breakdownPropertyProperty().set("device"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.resultProperty().get() != null
                && model.resultProperty().get().breakdown() != null && !model.computingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void selectingAUserShowsTheEnginesStepsInTheTimelineAndTheListShowsTheBreakdown() throws Exception {
        TableView<Explanation> users = openDrillDownAtStep(2);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !timeline().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Explanation selected = users.getSelectionModel().getSelectedItem();

        // The engine's counted attempt for that user, computed here on its own.
        EventLog log = viewModel().sessionProperty().get().log();
        FunnelSpec spec = model.resultSpecProperty().get();
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);
        int user = indexOf(log, selected.user());
        List<String> expected = new ArrayList<>();
        for (int step = 1; step <= outcome.furthest(user); step++) {
            int row = outcome.stepRow(user, step);
            expected.add(log.time(row) + " " + log.eventName(log.event(row)) + " " + step);
        }
        List<String> marked = timeline().getItems().stream().filter(UserTimeline.Entry::marked)
                .map(e -> e.time() + " " + e.event() + " " + e.marks().get(0).step()).toList();
        assertThat(marked).isEqualTo(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(timeline().getItems()).extracting(UserTimeline.Entry::time).isSorted();
        // The step cells read "② Add to cart" and their rows are styled as steps.
        assertThat(stepCells()).contains("① Product view", "② Add to cart");
        List<Object> styledAsSteps = lookup("#drillDownTimeline .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null
                        && r.getPseudoClassStates().contains(PseudoClass.getPseudoClass("step")))
                .map(TableRow::getItem).collect(Collectors.toList());
        assertThat(styledAsSteps).hasSize(expected.size());

        // The breakdown column shows the group the breakdown counted the user in.
        TableColumn<Explanation, ?> device = users.getColumns().stream().filter(c -> c.getText().equals("device"))
                .findFirst().orElseThrow();
        String expectedGroup = model.resultProperty().get().breakdown().stream()
                .filter(g -> memberOf(log, spec, outcome, g, user)).map(BreakdownGroup::label).findFirst()
                .orElseThrow();
        assertThat(device.getCellData(selected)).isEqualTo(expectedGroup);

        Window dialog = users.getScene().getWindow();
        assertThat(dialog.getWidth()).isLessThanOrEqualTo(1280);
        assertThat(dialog.getHeight()).isLessThanOrEqualTo(800);
        snapshotWindow(dialog, "drill-down-timeline");
        List<String> cut = new ArrayList<>();
        interact(() -> cut.addAll(cutLabels(dialog.getScene().getRoot())));
        assertThat(cut).isEmpty();
        interact(dialog::hide);
    }

    @Test
    void theUserListAndTheTimelineExportTheirColumnsAsCsv() throws Exception {
        TableView<Explanation> users = openDrillDownAtStep(2);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !timeline().getItems().isEmpty());
        Path userCsv = projectDir.resolve("users.csv");
        dialogs.willChoose(userCsv);
        clickOn("#drillDownExport");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(userCsv)
                && model.noticeProperty().get().equals("Saved users.csv."));
        List<String> lines = Files.readAllLines(userCsv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("User,Step,Outcome,Reason,device");
        assertThat(lines).hasSize(users.getItems().size() + 1);
        Explanation first = users.getItems().get(0);
        String device = users.getColumns().stream().filter(c -> c.getText().equals("device")).findFirst()
                .orElseThrow().getCellData(first).toString();
        assertThat(lines.get(1)).startsWith(first.user() + ",2. Add to cart,").contains("," + device);

        Path timelineCsv = projectDir.resolve("timeline.csv");
        dialogs.willChoose(timelineCsv);
        clickOn("#drillDownTimelineExport");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(timelineCsv)
                && model.noticeProperty().get().equals("Saved timeline.csv."));
        List<String> events = Files.readAllLines(timelineCsv, StandardCharsets.UTF_8);
        assertThat(events.get(0)).startsWith("Time (UTC),Event,Step,Where,");
        assertThat(events).hasSize(timeline().getItems().size() + 1).anyMatch(l -> l.contains(",② Add to cart,"));
        interact(users.getScene().getWindow()::hide);
    }

    @SuppressWarnings("unchecked")
    private TableView<Explanation> openDrillDownAtStep(int step) throws Exception {
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Funnel")).queryAs(Label.class));
        Node column = lookup("#funnelChart").queryAs(FunnelChart.class).getChildrenUnmodifiable().stream()
                .filter(n -> Integer.valueOf(step).equals(n.getProperties().get("step"))).findFirst().orElseThrow();
        clickOn(column);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#drillDownTable").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return lookup("#drillDownTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<UserTimeline.Entry> timeline() {
        return lookup("#drillDownTimeline").queryAs(TableView.class);
    }

    private List<String> stepCells() {
        TableColumn<UserTimeline.Entry, ?> step = timeline().getColumns().stream()
                .filter(c -> c.getText().equals("Step")).findFirst().orElseThrow();
        return timeline().getItems().stream().map(e -> String.valueOf(step.getCellData(e))).toList();
    }

    private static boolean memberOf(EventLog log, FunnelSpec spec, FunnelOutcome outcome, BreakdownGroup group,
                                    int user) {
        return new FunnelEngine(log).breakdownMembers(spec, outcome, group).test(user);
    }

    private static int indexOf(EventLog log, String id) {
        for (int u = 0; u < log.userCount(); u++) {
            if (log.userId(u).equals(id)) {
                return u;
            }
        }
        throw new AssertionError("No user " + id);
    }

    private void snapshotWindow(Window window, String name) throws Exception {
        Files.createDirectories(SNAPSHOTS);
        WritableImage[] shot = {null};
        interact(() -> shot[0] = window.getScene().getRoot().snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", SNAPSHOTS.resolve(name + ".png").toFile());
    }
}
