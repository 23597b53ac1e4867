package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.chart.ComparisonChart;
import io.funnelworkbench.chart.FunnelChart;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.text.ComparisonText;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.FxTestBase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Compare to" on the fixture shop at 1280 × 800: the saved purchase funnel entered 17 to 31 August against the
 * previous period (2 to 16 August), chosen from the Rules grid as a user would. The Funnel tab draws both periods
 * per step, the step table adds the compared conversion, the difference and the p-value, and the PNG export holds
 * both bar colours and a caption naming both periods.
 */
class FunnelCompareUiTest extends FxTestBase {
    private static final Color OWN = Color.web("#2f6fb3");
    private static final Color COMPARED = Color.web("#93a8bf");
    private static final int COMPARED_RGB = 0x93A8BF;

    private FunnelBuilderController controller;
    private FunnelBuilderViewModel model;

    @BeforeEach
    void openTheFixtureOnTheFunnelsTab() throws Exception {
        controller = openFixtureProjectOn("#funnelsTab", FunnelBuilderController.class);
        model = controller.viewModel();
        interact(() -> {
            model.entryFromProperty().set(LocalDate.of(2026, 8, 17));
            model.entryToProperty().set(LocalDate.of(2026, 8, 31));
        });
        FunnelResults.await(model);
    }

    @Test
    void previousPeriodShowsBothFunnelsAndTheirDifference() throws Exception {
        chooseCompareTo("Previous period");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.comparison().comparisonProperty().get() != null);
        FunnelResults.await(model);

        Comparison comparison = model.comparison().comparisonProperty().get();
        FunnelResult result = model.resultProperty().get();
        assertThat(comparison.from()).isEqualTo(LocalDate.of(2026, 8, 2));
        assertThat(comparison.to()).isEqualTo(LocalDate.of(2026, 8, 16));
        ComparisonChart chart = lookup("#comparisonChart").queryAs(ComparisonChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(lookup("#funnelChart").queryAs(FunnelChart.class).isVisible()).isFalse();
        assertThat(chart.getResult()).isEqualTo(result);
        assertThat(chart.getComparison()).isEqualTo(comparison);
        int steps = result.steps().size();
        assertThat(steps).isGreaterThan(2);
        // A bar of each period per step, and one swatch of each in the legend.
        assertThat(rectangles(chart, OWN)).hasSize(steps + 1);
        assertThat(rectangles(chart, COMPARED)).hasSize(steps + 1);
        List<String> texts = texts(chart);
        assertThat(texts).contains("Entry 17 Aug 2026 to 31 Aug 2026", "Compared: entry 2 Aug 2026 to 16 Aug 2026");
        StepResult last = result.steps().get(steps - 1);
        StepResult lastBefore = comparison.result().steps().get(steps - 1);
        assertThat(texts).contains(Numbers.percent(last.conversionFromFirst()),
                Numbers.percent(lastBefore.conversionFromFirst()),
                Numbers.points(comparison.differences().get(steps - 1).conversionFromFirstDiff()));

        TableView<?> table = lookup("#stepTable").queryAs(TableView.class);
        // The columns of one period only step aside, so the comparison fits without scrolling sideways.
        List<String> headers = table.getColumns().stream().filter(TableColumn::isVisible).map(TableColumn::getText)
                .toList();
        assertThat(headers).containsExactly("Step", "Users", "From first", "Compared", "Difference", "p-value");
        TableColumn<?, ?> compared = column(table, "Compared");
        TableColumn<?, ?> difference = column(table, "Difference");
        TableColumn<?, ?> pValue = column(table, "p-value");
        assertThat(compared.getCellData(steps - 1)).isEqualTo(Numbers.percent(lastBefore.conversionFromFirst())
                + "\n" + Numbers.count(lastBefore.users()));
        assertThat(difference.getCellData(steps - 1))
                .isEqualTo(ComparisonText.difference(comparison.differences().get(steps - 1)));
        assertThat(pValue.getCellData(steps - 1))
                .isEqualTo(ComparisonText.pValue(comparison.differences().get(steps - 1)));
        assertThat(difference.getCellData(0)).isEqualTo("0.0 pp\n0.0 to 0.0 pp");
        snapshot("compare-previous-period");
        assertThat(cutLabels()).isEmpty();

        Path png = Files.createTempDirectory("compare-export").resolve("compare@2x.png");
        CountDownLatch written = new CountDownLatch(1);
        interact(() -> controller.exportPng(png, 2, written::countDown));
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(Pixels.widestRun(image, Pixels.CHART_ACCENT)).isGreaterThan(40);
        assertThat(Pixels.widestRun(image, COMPARED_RGB)).isGreaterThan(40);
        assertThat(darkPixelsBelow(image, image.getHeight() - 70)).isGreaterThan(200);
        String[] rules = {null};
        interact(() -> rules[0] = controller.caption().rules());
        assertThat(rules[0]).contains("entry 17 Aug 2026 to 31 Aug 2026",
                "compared with entry 2 Aug 2026 to 16 Aug 2026");

        chooseCompareTo("None");
        FunnelResults.await(model);
        assertThat(model.comparison().comparisonProperty().get()).isNull();
        assertThat(chart.isVisible()).isFalse();
        assertThat(table.getColumns().stream().filter(TableColumn::isVisible).map(TableColumn::getText).toList())
                .containsExactly("Step", "Users", "From prev.", "From first", "Dropped", "Median", "Value");
    }

    @Test
    void aChosenRangeShowsItsDaysAndSaysWhyAnOverlapCannotBeCompared() throws Exception {
        assertThat(lookup("#compareDates").query().isVisible()).isFalse();
        chooseCompareTo("Chosen range");
        assertThat(lookup("#compareDates").query().isVisible()).isTrue();
        interact(() -> {
            model.comparison().fromProperty().set(LocalDate.of(2026, 8, 10));
            model.comparison().toProperty().set(LocalDate.of(2026, 8, 20));
        });
        FunnelResults.await(model);
        assertThat(lookup("#problemLabel").queryLabeled().getText()).isEqualTo("The period to compare, 10 Aug 2026"
                + " to 20 Aug 2026, shares days with the entry range, 17 Aug 2026 to 31 Aug 2026: choose days"
                + " outside it.");
        assertThat(lookup("#funnelChart").queryAs(FunnelChart.class).isVisible()).isTrue();
        snapshot("compare-chosen-range-overlap");
        assertThat(cutLabels()).isEmpty();

        interact(() -> model.comparison().toProperty().set(LocalDate.of(2026, 8, 16)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.comparison().comparisonProperty().get() != null);
        FunnelResults.await(model);
        assertThat(lookup("#problemLabel").queryLabeled().getText()).isEmpty();
        assertThat(lookup("#comparisonChart").queryAs(ComparisonChart.class).isVisible()).isTrue();
    }

    /** Scrolls the rules into view and picks {@code label} from the "Compare to" list, with the mouse. */
    private void chooseCompareTo(String label) {
        interact(() -> lookup(".builder-scroll").queryAs(ScrollPane.class).setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#compareChoice");
        clickOn(label);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TableColumn<?, ?> column(TableView<?> table, String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }

    private static List<Rectangle> rectangles(ComparisonChart chart, Color fill) {
        return chart.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Rectangle r && fill.equals(r.getFill())).map(n -> (Rectangle) n).toList();
    }

    private static List<String> texts(ComparisonChart chart) {
        return chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(n -> ((Text) n).getText()).toList();
    }

    /** Pixels darker than mid-grey from row {@code top} down: the caption's text. */
    private static int darkPixelsBelow(BufferedImage image, int top) {
        int dark = 0;
        for (int y = top; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 128 && ((rgb >> 8) & 0xFF) < 128 && (rgb & 0xFF) < 140) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
