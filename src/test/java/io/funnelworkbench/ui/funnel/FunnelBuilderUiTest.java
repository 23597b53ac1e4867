package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.chart.BreakdownChart;
import io.funnelworkbench.chart.FunnelChart;
import io.funnelworkbench.chart.FunnelShape;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.text.FunnelHeadline;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.FxTestBase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the Funnels tab on the small fixture shop as a user would: drag goals into the steps, reorder, remove,
 * change the window; the chart and the table must show exactly what the analysis engine computes.
 */
class FunnelBuilderUiTest extends FxTestBase {

    private static final Path SNAPSHOTS = Path.of("target", "funnel-snapshots");

    private FunnelBuilderController controller;
    private FunnelBuilderViewModel model;

    @BeforeEach
    void openTheFixtureOnTheFunnelsTab() throws Exception {
        controller = openFixtureProjectOn("#funnelsTab", FunnelBuilderController.class);
        model = controller.viewModel();
        FunnelResults.await(model);
    }

    @Test
    void buildsThePurchaseFunnelByDraggingAndShowsTheEnginesNumbers() throws Exception {
        assertThat(model.funnelNameProperty().get()).isEqualTo("Purchase funnel");
        snapshot("1-saved-funnel");
        clickOn("#moreMenu").clickOn("New funnel");
        assertThat(model.steps()).isEmpty();

        dragIntoSteps("Product view");
        dragIntoSteps("Add to cart");
        dragIntoSteps("Purchase");
        dragIntoSteps("Checkout started");
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Purchase", "Checkout started");

        // Drop "Checkout started" on the upper half of "Purchase": it lands before it.
        drag(stepCell("Checkout started")).moveTo(point(stepCell("Purchase")).atPosition(Pos.TOP_CENTER)
                .atOffset(new Point2D(0, 6))).drop();
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Checkout started", "Purchase");

        doubleClickOn(paletteCell("Newsletter"));
        assertThat(stepNames()).endsWith("Newsletter");
        drag(stepCell("Newsletter")).dropTo("#palette");
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Checkout started", "Purchase");

        doubleClickOn(paletteCell("Brochure"));
        clickOn(stepCell("Brochure")).type(KeyCode.DELETE);
        assertThat(stepNames()).hasSize(4);

        // The keyboard does what the mouse does: Enter adds, Alt+Up reorders, Delete removes.
        clickOn(paletteCell("Newsletter")).type(KeyCode.ENTER);
        assertThat(stepNames()).endsWith("Newsletter");
        clickOn(stepCell("Newsletter")).press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Checkout started", "Newsletter",
                "Purchase");
        type(KeyCode.DELETE);
        assertThat(stepNames()).containsExactly("Product view", "Add to cart", "Checkout started", "Purchase");

        doubleClickOn("#windowAmount").write("3").type(KeyCode.ENTER);
        FunnelResults.await(model);
        snapshot("2-built-by-dragging");

        FunnelSpec expectedSpec = FunnelSpec.resolve(new FunnelDefinition(null,
                        List.of(FunnelStep.goal("Product view"), FunnelStep.goal("Add to cart"),
                                FunnelStep.goal("Checkout started"), FunnelStep.goal("Purchase")),
                        Duration.ofDays(3), OrderMode.SEQUENTIAL, List.of(), null, null, null),
                        model.session().goals())
                .withBreakdown(null, Attribution.FIRST_TOUCH).withTrendPeriod(TrendPeriod.WEEK);
        FunnelResult expected = new FunnelEngine(model.session().log()).compute(expectedSpec);
        assertThat(model.resultSpecProperty().get()).isEqualTo(expectedSpec);
        assertThat(lookup("#funnelChart").queryAs(FunnelChart.class).getResult()).isEqualTo(expected);
        TableView<?> table = lookup("#stepTable").queryAs(TableView.class);
        assertThat(table.getItems()).isEqualTo(expected.steps());
        assertThat(table.getColumns().get(1).getCellData(3))
                .isEqualTo(Numbers.count(expected.steps().get(3).users()));
        assertThat(lookup("#headline").queryAs(Label.class).getText())
                .isEqualTo(FunnelHeadline.text(expected));

        interact(() -> model.session().history().undo());
        FunnelResults.await(model);
        assertThat(model.windowAmountProperty().get()).isEqualTo("7");
        interact(() -> model.session().history().redo());
        FunnelResults.await(model);
        assertThat(lookup("#funnelChart").queryAs(FunnelChart.class).getResult()).isEqualTo(expected);

        interact(() -> model.breakdownPropertyProperty().set("device"));
        clickOn("Breakdown");
        FunnelResults.await(model);
        snapshot("3-breakdown");
        clickOn("Impact");
        snapshot("4-impact");
        // The tab's label, not the "Funnel" toggle of the chart's shape inside that tab.
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Funnel"))
                .queryAs(Label.class));

        FunnelChart chart = lookup("#funnelChart").queryAs(FunnelChart.class);
        assertThat(chart.funnelShapeProperty().get()).isEqualTo(FunnelShape.COLUMNS);
        clickOn("#shape-funnel");
        assertThat(model.funnelShapeProperty().get()).isEqualTo(FunnelShape.FUNNEL);
        assertThat(chart.funnelShapeProperty().get()).isEqualTo(FunnelShape.FUNNEL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(n -> ((Text) n).getText()))
                .contains("1. Product view", Numbers.count(expected.steps().get(0).users()) + "  ·  100%");
        snapshot("5-funnel-shape");
        clickOn("#shape-columns");
        assertThat(chart.funnelShapeProperty().get()).isEqualTo(FunnelShape.COLUMNS);
    }

    @Test
    void clickingAColumnListsItsUsersWithWhatEachDidNextAndWhy() throws Exception {
        FunnelResult shown = model.resultProperty().get();
        Node column = lookup("#funnelChart").queryAs(FunnelChart.class).getChildrenUnmodifiable().stream()
                .filter(n -> Integer.valueOf(2).equals(n.getProperties().get("step"))).findFirst().orElseThrow();
        clickOn(column);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#drillDownTable").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<StepExplanations.Explanation> table = lookup("#drillDownTable").queryAs(TableView.class);
        long reached = shown.steps().get(1).users();
        long dropped = shown.steps().get(1).dropped();
        assertThat(table.getItems()).hasSize((int) reached);
        assertThat(table.getItems()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        Window dialog = table.getScene().getWindow();
        snapshotWindow(dialog, "6-drill-down");
        assertThat(dialog.getWidth()).isGreaterThan(700);

        clickOn("#drillDown-dropped");
        assertThat(table.getItems()).hasSize((int) dropped)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(StepExplanations.Outcome.DROPPED));
        clickOn("#drillDown-continued");
        assertThat(table.getItems()).hasSize((int) (reached - dropped))
                .allSatisfy(e -> assertThat(e.reason()).endsWith(" later"));
        interact(dialog::hide);
    }

    @Test
    void clickingABreakdownBarListsThatGroupsUsers() throws Exception {
        interact(() -> model.breakdownPropertyProperty().set("device"));
        FunnelResults.await(model);
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Breakdown"))
                .queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        // Every group is in the table under the chart, with its users at the first step.
        TableView<?> groups = lookup("#breakdownTable").queryAs(TableView.class);
        assertThat(List.copyOf(groups.getItems())).isEqualTo(model.resultProperty().get().breakdown());
        assertThat(groups.getColumns()).hasSize(1 + model.resultProperty().get().steps().size());
        assertThat(groups.getColumns().get(0).getText()).isEqualTo("device");
        Node bar = lookup("#breakdownChart").queryAs(BreakdownChart.class).getChildrenUnmodifiable().stream()
                .filter(n -> Integer.valueOf(2).equals(n.getProperties().get("step"))
                        && "mobile".equals(n.getProperties().get("group"))).findFirst().orElseThrow();
        clickOn(bar);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#drillDownTable").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = lookup("#drillDownTable").queryAs(TableView.class);
        long mobileAtStep2 = model.resultProperty().get().breakdown().stream()
                .filter(g -> "mobile".equals(g.value())).findFirst().orElseThrow().steps().get(1).users();
        assertThat(table.getItems()).hasSize((int) mobileAtStep2);
        Window dialog = table.getScene().getWindow();
        assertThat(((Stage) dialog).getTitle()).endsWith("· device = mobile");
        interact(dialog::hide);
    }

    @Test
    void theBreakdownListShowsGroupHeadersAndTheEventsOfEachPropertyAndAHeaderCannotBeChosen() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.breakdownChoices().stream()
                .anyMatch(BreakdownChoice::header));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> choice = lookup("#breakdownChoice").queryAs(ComboBox.class);
        // Shown directly: the Rules column may be scrolled so that the drop-down is out of the robot's reach.
        interact(choice::show);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> headers = lookup(".breakdown-header").queryAll().stream()
                .map(n -> ((ListCell<?>) n).getText()).toList();
        assertThat(headers).contains("NUMBERS (IN RANGES)");
        assertThat(lookup(".item-detail").queryAll().stream().map(n -> ((Label) n).getText()))
                .contains("on purchase");
        clickOn(lookup(".list-cell").match(n -> "revenue".equals(cellName(n))).queryAs(ListCell.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.breakdownPropertyProperty().get()).isEqualTo("revenue");

        String header = model.breakdownChoices().get(0).key();
        interact(() -> choice.setValue(header));
        assertThat(choice.getValue()).isEqualTo("revenue");
        assertThat(model.breakdownPropertyProperty().get()).isEqualTo("revenue");
    }

    /** The property name a Breakdown drop-down cell shows on its first line, or null. */
    private static String cellName(Node cell) {
        return cell instanceof BreakdownChoiceCell c && c.getGraphic() instanceof VBox lines
                ? ((Label) lines.getChildren().get(0)).getText() : null;
    }

    @Test
    void exportsTheChartAsA2xPng() throws Exception {
        Path target = Files.createTempDirectory("funnel-export").resolve("purchase@2x.png");
        CountDownLatch written = new CountDownLatch(1);

        interact(() -> controller.exportPng(target, 2, written::countDown));

        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        BufferedImage image = ImageIO.read(target.toFile());
        assertThat(image.getWidth()).isEqualTo((int) (FunnelBuilderController.EXPORT_WIDTH * 2));
        assertThat(image.getHeight()).isEqualTo((int) (FunnelBuilderController.EXPORT_HEIGHT * 2));
        assertThat(Pixels.distinctColours(image, 7)).isGreaterThan(20);

        // The export draws what the tab shows: as a funnel shape, the first step spans most of the width.
        Path shape = target.resolveSibling("purchase-shape.png");
        CountDownLatch shapeWritten = new CountDownLatch(1);
        interact(() -> model.funnelShapeProperty().set(FunnelShape.FUNNEL));
        interact(() -> controller.exportPng(shape, 1, shapeWritten::countDown));
        assertThat(shapeWritten.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Pixels.widestRun(ImageIO.read(shape.toFile()), Pixels.CHART_ACCENT)).isGreaterThan(600);
        assertThat(Pixels.widestRun(ImageIO.read(target.toFile()), Pixels.CHART_ACCENT)).isLessThan(2 * 300);
    }

    @Test
    void tableAsCsvExportsTheTableOfTheTabInView() throws Exception {
        Path dir = Files.createTempDirectory("funnel-tables");
        for (String tab : List.of("trend", "time", "impact", "funnel")) {
            Tab selected = lookup(".tab-pane").queryAll().stream().map(n -> (TabPane) n)
                    .flatMap(p -> p.getTabs().stream()).filter(t -> (tab + "Tab").equals(t.getId())).findFirst()
                    .orElseThrow();
            interact(() -> selected.getTabPane().getSelectionModel().select(selected));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !tab.equals("impact")
                    || model.impactProperty().get() != null);
            CountDownLatch written = new CountDownLatch(1);
            Path file = dir.resolve(tab + ".csv");
            interact(() -> controller.exportTable(selected, file, written::countDown));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        }
        FunnelResult shown = model.resultProperty().get();
        List<String> trend = Files.readAllLines(dir.resolve("trend.csv"));
        assertThat(trend.get(0)).isEqualTo("Period start (week),Entered,Converted,Conversion (%),Still in window,"
                + "Partial period");
        assertThat(trend).hasSize(shown.trend().size() + 1);
        assertThat(trend.get(1)).startsWith(shown.trend().get(0).periodStart() + ",").endsWith(",true");
        List<String> time = Files.readAllLines(dir.resolve("time.csv"));
        assertThat(time.get(0)).isEqualTo("Step,From (s),To (s),Users");
        assertThat(time.get(time.size() - 3)).startsWith("Purchase median (s),");
        assertThat(Files.readAllLines(dir.resolve("impact.csv")).get(0)).startsWith("Micro goal,Users with,");
        assertThat(Files.readAllLines(dir.resolve("funnel.csv")).get(0)).startsWith("Group,Step,Name,Users,");
    }

    private List<String> stepNames() {
        return model.steps().stream().map(FunnelStep::name).toList();
    }

    private void dragIntoSteps(String name) {
        // Below the last step, so each drop appends.
        ListView<?> steps = lookup("#stepsList").queryAs(ListView.class);
        drag(paletteCell(name)).moveTo(point(steps).atPosition(Pos.BOTTOM_CENTER)
                .atOffset(new Point2D(0, -8))).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node paletteCell(String name) {
        return lookup("#palette .list-cell").match((ListCell<PaletteItem> cell) -> !cell.isEmpty()
                && cell.getItem() != null && cell.getItem().name().equals(name)).query();
    }

    private Node stepCell(String name) {
        return lookup("#stepsList .list-cell").match((ListCell<FunnelStep> cell) -> !cell.isEmpty()
                && cell.getItem() != null && cell.getItem().name().equals(name)).query();
    }

    private void snapshotWindow(Window window, String name) throws Exception {
        Files.createDirectories(SNAPSHOTS);
        WritableImage[] shot = {null};
        interact(() -> shot[0] = window.getScene().getRoot().snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", SNAPSHOTS.resolve(name + ".png").toFile());
    }
}
