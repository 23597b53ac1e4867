package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.chart.BreakdownChart;
import io.funnelworkbench.chart.FunnelChart;
import io.funnelworkbench.chart.PathFlowChart;
import io.funnelworkbench.cli.FunnelCli;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.testing.Datasets;
import io.funnelworkbench.text.PathText;
import io.funnelworkbench.ui.FxTestBase;
import io.funnelworkbench.ui.funnel.paths.PathsRow;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "What did they do instead?" as a user reaches it: from a step's context menu in the step table or the funnel
 * chart, or the drill-down's Paths menu. The chart and the table show the engine's paths, a path lists its users,
 * the depth recomputes, and the chart exports as a PNG with its caption.
 */
class PathsUiTest extends FxTestBase {
    private static final Path SNAPSHOTS = Path.of("target", "ui-snapshots");

    private FunnelBuilderViewModel model;

    /** The fixture's saved funnel has no paths (its users only do its steps); browsing until the cart has. */
    private void openTheBrowsingFunnel() throws Exception {
        openFixtureProject();
        clickOn("#funnelsTab");
        model = screen(FunnelBuilderController.class).viewModel();
        interact(() -> {
            model.newFunnel();
            model.appendStep(FunnelStep.event("page_view"));
            model.appendStep(FunnelStep.event("add_to_cart"));
            model.appendStep(FunnelStep.event("purchase"));
        });
        waitForResult(3);
    }

    @Test
    void theStepTablesMenuShowsTheEnginesPathsAfterDropOffAndAPathsUsers() throws Exception {
        openTheBrowsingFunnel();
        PathReport expected = engine(1, PathKind.AFTER_DROP_OFF, 3);

        openContextMenu(stepRow(1));
        clickOn("What did they do instead?");
        TableView<PathsRow> table = waitForPathsTable();
        PathFlowChart chart = lookup("#pathFlowChart").queryAs(PathFlowChart.class);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getItems()).extracting(PathsRow::label, PathsRow::users).startsWith(expected.paths()
                .stream().map(p -> tuple(PathText.label(p.events(),
                        PathKind.AFTER_DROP_OFF), p.users())).toArray(Tuple[]::new));
        assertThat(table.getItems().get(table.getItems().size() - 1).users()).isEqualTo(expected.otherPathsUsers());
        assertThat(chart.drawnNodes().get(0).users()).isEqualTo(expected.users())
                .isEqualTo(model.resultProperty().get().steps().get(0).dropped());
        for (PathRow path : expected.paths()) {
            assertThat(chart.drawnNodes()).anyMatch(n -> n.path() != null && n.path().equals(path.events()));
        }
        Window dialog = table.getScene().getWindow();
        assertThat(cutLabelsIn(dialog)).isEmpty();
        snapshotWindow(dialog, "paths-after-drop-off");

        PathsRow first = table.getItems().get(0);
        interact(() -> table.getSelectionModel().select(first));
        @SuppressWarnings("unchecked")
        ListView<String> users = lookup("#pathUsers").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> users.getItems().size() == first.users());
        assertThat(users.getItems()).isEqualTo(paths().usersOf(1, PathKind.AFTER_DROP_OFF, 3, first.events()));

        clickOn("#pathDepth-1");
        PathReport shallow = engine(1, PathKind.AFTER_DROP_OFF, 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == shallow.paths().size() + 1
                && table.getItems().get(0).events().size() <= 1);
        assertThat(table.getItems()).extracting(PathsRow::users).startsWith(shallow.paths().stream()
                .map(PathRow::users).toArray(Long[]::new));
        interact(dialog::hide);
    }

    @Test
    void theFunnelChartsMenuShowsWhatCameOnTheWayAndTheChartExportsWithItsCaption() throws Exception {
        openTheBrowsingFunnel();
        PathReport expected = engine(1, PathKind.BETWEEN, 3);

        openContextMenu(chartColumn(1));
        clickOn("On the way to add_to_cart");
        TableView<PathsRow> table = waitForPathsTable();
        assertThat(table.getItems()).filteredOn(r -> r.kind() != PathsRow.Kind.OTHER_PATHS)
                .extracting(PathsRow::users)
                .containsExactly(expected.paths().stream().map(PathRow::users).toArray(Long[]::new));
        assertThat(table.getItems().stream().mapToLong(PathsRow::users).sum())
                .isEqualTo(model.resultProperty().get().steps().get(1).users());
        Window dialog = table.getScene().getWindow();
        assertThat(cutLabelsIn(dialog)).isEmpty();
        snapshotWindow(dialog, "paths-on-the-way");

        Path png = projectDir.resolve("paths.png");
        dialogs.willChoose(png);
        clickOn("#pathsExport").clickOn("Chart as PNG (2x)");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2560);
        assertThat(image.getHeight()).isEqualTo(1440);
        interact(dialog::hide);
    }

    @Test
    void theDrillDownsPathsMenuOpensTheSameViewWhichClosesWithTheProject() throws Exception {
        openTheBrowsingFunnel();
        clickOn(stepRow(1));
        waitForDrillDownPaths();
        Window drillDown = lookup("#drillDownPaths").query().getScene().getWindow();
        assertThat(cutLabelsIn(drillDown)).isEmpty();
        snapshotWindow(drillDown, "paths-from-the-drill-down");

        clickOn("#drillDownPaths").clickOn("What did they do instead?");
        TableView<PathsRow> table = waitForPathsTable();
        assertThat(table.getItems().stream().mapToLong(PathsRow::users).sum())
                .isEqualTo(engine(1, PathKind.AFTER_DROP_OFF, 3).users());
        Window paths = table.getScene().getWindow();
        interact(drillDown::hide);

        // The view speaks of its project: closing the project closes it.
        interact(() -> viewModel().closeProject());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !paths.isShowing());
    }

    @Test
    void theBreakdownChartsMenuAndTheGroupsDrillDownShowTheGroupsOwnPaths() throws Exception {
        openTheBrowsingFunnel();
        interact(() -> model.breakdownPropertyProperty().set("device"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.resultProperty().get() != null
                && model.resultProperty().get().breakdown() != null);
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Breakdown")).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        long mobileDropped = model.resultProperty().get().breakdown().stream()
                .filter(g -> "mobile".equals(g.value())).findFirst().orElseThrow().steps().get(0).dropped();

        // The row's name and users at step 1: the paths of those who dropped there.
        Node cell = lookup("#breakdownChart").queryAs(BreakdownChart.class).getChildrenUnmodifiable().stream()
                .filter(n -> Integer.valueOf(1).equals(n.getProperties().get("step"))
                        && "mobile".equals(n.getProperties().get("group"))).findFirst().orElseThrow();
        openContextMenu(cell);
        clickOn("What did they do instead?");
        TableView<PathsRow> table = waitForPathsTable();

        assertThat(table.getItems().stream().mapToLong(PathsRow::users).sum()).isEqualTo(mobileDropped);
        Window dialog = table.getScene().getWindow();
        assertThat(((Stage) dialog).getTitle()).isEqualTo("Paths · Dropped after 1. page_view (device = mobile)");
        interact(dialog::hide);

        // The group's drill-down offers the same group's paths.
        clickOn(cell);
        waitForDrillDownPaths();
        Window drillDown = lookup("#drillDownPaths").query().getScene().getWindow();
        clickOn("#drillDownPaths").clickOn("On the way to add_to_cart");
        TableView<PathsRow> between = waitForPathsTable();
        Window betweenDialog = between.getScene().getWindow();
        assertThat(((Stage) betweenDialog).getTitle())
                .isEqualTo("Paths · Went on from 1. page_view to 2. add_to_cart (device = mobile)");
        long mobileWentOn = model.resultProperty().get().breakdown().stream()
                .filter(g -> "mobile".equals(g.value())).findFirst().orElseThrow().steps().get(1).users();
        assertThat(between.getItems().stream().mapToLong(PathsRow::users).sum()).isEqualTo(mobileWentOn);
        interact(betweenDialog::hide);
        interact(drillDown::hide);
    }

    /** Olist's leads mostly never become deals in a week: nearly all who dropped have no further events. */
    @Test
    void onOlistMostOfTheDroppedLeadsHaveNoFurtherEvents() throws Exception {
        Path project = projectDir.resolve("olist.mv.db");
        importOlist(project, Datasets.OLIST_LEADS, "lead");
        importOlist(project, Datasets.OLIST_DEALS, "closed_deal");
        openProject(project);
        clickOn("#funnelsTab");
        model = screen(FunnelBuilderController.class).viewModel();
        interact(() -> {
            model.appendStep(FunnelStep.event("lead"));
            model.appendStep(FunnelStep.event("closed_deal"));
        });
        waitForResult(2);

        openContextMenu(stepRow(1));
        clickOn("What did they do instead?");
        TableView<PathsRow> table = waitForPathsTable();

        PathsRow top = table.getItems().get(0);
        assertThat(top.kind()).isEqualTo(PathsRow.Kind.NO_FURTHER_EVENTS);
        assertThat(top.share()).isGreaterThan(0.9);
        assertThat(top.users()).isEqualTo(engine(1, PathKind.AFTER_DROP_OFF, 3).paths().get(0).users());
        Window dialog = table.getScene().getWindow();
        assertThat(cutLabelsIn(dialog)).isEmpty();
        snapshotWindow(dialog, "paths-olist");
        interact(dialog::hide);
    }

    private Paths paths() {
        FunnelSpec spec = model.resultSpecProperty().get();
        EventLog log = model.session().log();
        return new Paths(log, spec, new FunnelEngine(log).scan(spec));
    }

    private PathReport engine(int step, PathKind kind, int depth) {
        return paths().report(step, kind, depth, 10, () -> false);
    }

    /** Waits until the drill-down's Paths menu is on a window that shows, not only built. */
    private void waitForDrillDownPaths() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#drillDownPaths").tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForResult(int steps) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.computingProperty().get()
                && model.resultProperty().get() != null && model.resultProperty().get().steps().size() == steps);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<PathsRow> waitForPathsTable() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#pathsTable").tryQuery()
                .map(t -> !((TableView<?>) t).getItems().isEmpty()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return lookup("#pathsTable").queryAs(TableView.class);
    }

    private Node stepRow(int step) {
        return lookup("#stepTable .table-row-cell").match((TableRow<StepResult> row) -> !row.isEmpty()
                && row.getItem() != null && row.getItem().number() == step).query();
    }

    private Node chartColumn(int step) {
        return lookup("#funnelChart").queryAs(FunnelChart.class).getChildrenUnmodifiable().stream()
                .filter(n -> Integer.valueOf(step).equals(n.getProperties().get("step"))).findFirst().orElseThrow();
    }

    /**
     * A right click, then the context-menu request the platform sends with it (Monocle's headless screen sends
     * none); the right click itself must not open the drill-down.
     */
    private void openContextMenu(Node node) {
        rightClickOn(node);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#drillDownTable").tryQuery()).isEmpty();
        interact(() -> {
            Bounds local = node.getLayoutBounds();
            Point2D middle = new Point2D(local.getCenterX(), local.getCenterY());
            Point2D scene = node.localToScene(middle);
            Point2D screen = node.localToScreen(middle);
            Event.fireEvent(node, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, middle.getX(),
                    middle.getY(), screen.getX(), screen.getY(), false, new PickResult(node, scene.getX(),
                    scene.getY())));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> cutLabelsIn(Window window) {
        List<String> cut = new ArrayList<>();
        interact(() -> cut.addAll(cutLabels(window.getScene().getRoot())));
        return cut;
    }

    private void snapshotWindow(Window window, String name) throws Exception {
        Files.createDirectories(SNAPSHOTS);
        WritableImage[] shot = {null};
        interact(() -> shot[0] = window.getScene().getRoot().snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", SNAPSHOTS.resolve(name + ".png").toFile());
    }

    private static void importOlist(Path project, Path csv, String eventName) {
        StringWriter err = new StringWriter();
        int code = FunnelCli.run(new String[] {"import", "--project", project.toString(), csv.toString(),
            "--event-name", eventName}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }
}
