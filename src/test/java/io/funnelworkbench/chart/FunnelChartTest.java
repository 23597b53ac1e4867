package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunnelChartTest {
    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
    }

    @Test
    void showsTheEngineNumbersOnTheBarsAndBetweenThem() {
        FunnelResult result = ChartFixtures.smallFunnel();
        assertThat(result.steps()).extracting(s -> s.users()).containsExactly(5L, 4L, 2L, 1L);

        List<String> texts = texts(laidOut(result, 900, 500));

        assertThat(texts).contains("5", "4", "2", "1", "100%", "80.0%", "40.0%", "20.0%");
        assertThat(texts).contains("−1 (20.0%)", "80.0% continued", "−2 (50.0%)", "50.0% continued");
        assertThat(texts).contains("1. view", "2. cart", "3. checkout", "4. buy");
        assertThat(String.join(" ", texts)).contains("Largest drop-off: ").contains("cart → checkout (2 users, 50.0%)");
    }

    @Test
    void writesThousandsSeparators() {
        List<String> texts = texts(laidOut(ChartFixtures.longNamedFunnel(2), 900, 500));

        assertThat(texts).contains("12,080");
    }

    @Test
    void showsAPlaceholderWithoutSteps() {
        assertThat(texts(laidOut(null, 600, 400))).containsExactly("No steps yet");
    }

    @Test
    void theFunnelShapeShowsTheSameNumbersWithBarsAsWideAsTheirShare() {
        FunnelChart chart = laidOut(ChartFixtures.smallFunnel(), 900, 500, FunnelShape.FUNNEL);
        List<String> texts = texts(chart);

        assertThat(texts).contains("1. view", "2. cart", "3. checkout", "4. buy");
        assertThat(texts).contains("5  ·  100%", "4  ·  80.0%", "2  ·  40.0%", "1  ·  20.0%");
        assertThat(texts).contains("−1 (20.0%)", "80.0% continued", "−2 (50.0%)", "50.0% continued");
        List<Double> widths = chart.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Rectangle r && r.getFill().equals(ChartStyle.ACCENT))
                .map(n -> ((Rectangle) n).getWidth()).skip(1).toList(); // the legend's swatch comes first
        assertThat(widths).hasSize(4);
        assertThat(widths.get(1) / widths.get(0)).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(widths.get(3) / widths.get(0)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theFunnelShapeCopesWithOneStepAndWithNobodyAtAll() {
        EventLog log = new EventLogBuilder()
                .add("a", "view", 0).add("b", "view", 1_000_000).build();
        List<String> one = texts(laidOut(ChartFixtures.compute(log, List.of("view")), 600, 300, FunnelShape.FUNNEL));
        assertThat(one).contains("1. view", "2  ·  100%");
        List<String> nobody = texts(laidOut(ChartFixtures.compute(log, List.of("buy", "view")), 600, 300,
                FunnelShape.FUNNEL));
        assertThat(nobody).contains("1. buy", "2. view", "0  ·  0%");
    }

    @Test
    void clickingARowOfTheFunnelShapeSelectsItsStep() {
        FunnelChart chart = laidOut(ChartFixtures.smallFunnel(), 800, 450, FunnelShape.FUNNEL);
        assertThat(clickStep(chart, 2)).isEqualTo(2);
        assertThat(chart.selectedStepProperty().get()).isEqualTo(2);
        assertThat(texts(laidOutCopy(chart))).contains("2. cart");
    }

    private static FunnelChart laidOutCopy(FunnelChart chart) {
        return FxThread.call(() -> {
            FunnelChart copy = (FunnelChart) chart.copyForExport();
            assertThat(copy.funnelShapeProperty().get()).isEqualTo(FunnelShape.FUNNEL);
            new Scene(copy, 800, 450);
            copy.applyCss();
            copy.layout();
            return copy;
        });
    }

    @ParameterizedTest
    @CsvSource({"2, 1200, 675", "5, 1200, 675", "20, 1200, 675", "2, 640, 360", "5, 640, 360", "20, 900, 500"})
    void labelsOfTheFunnelShapeNeverOverlapWithLongNames(int steps, double width, double height) {
        // Name, users and drop-off per step at least (the "% continued" line needs room for two lines).
        assertLabelsApart(laidOut(ChartFixtures.longNamedFunnel(steps), width, height, FunnelShape.FUNNEL),
                steps * 3, width, height);
    }

    @ParameterizedTest
    @CsvSource({"2, 1200, 675", "5, 1200, 675", "20, 1200, 675", "2, 640, 360", "5, 640, 360", "20, 900, 500"})
    void labelsNeverOverlapWithLongNames(int steps, double width, double height) {
        assertLabelsApart(laidOut(ChartFixtures.longNamedFunnel(steps), width, height), steps * 4, width, height);
    }

    private static void assertLabelsApart(FunnelChart chart, int minTexts, double width, double height) {
        List<Text> texts = chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(Text.class::cast).toList();

        assertThat(texts).hasSizeGreaterThan(minTexts);
        for (int i = 0; i < texts.size(); i++) {
            Bounds bounds = texts.get(i).getBoundsInParent();
            assertThat(bounds.getMinX()).as(texts.get(i).getText()).isGreaterThanOrEqualTo(0);
            assertThat(bounds.getMaxX()).as(texts.get(i).getText()).isLessThanOrEqualTo(width);
            assertThat(bounds.getMinY()).as(texts.get(i).getText()).isGreaterThanOrEqualTo(0);
            assertThat(bounds.getMaxY()).as(texts.get(i).getText()).isLessThanOrEqualTo(height);
            for (int j = i + 1; j < texts.size(); j++) {
                assertThat(overlap(bounds, texts.get(j).getBoundsInParent()))
                        .as("'%s' and '%s' overlap", texts.get(i).getText(), texts.get(j).getText()).isFalse();
            }
        }
        assertThat(texts).allSatisfy(t -> assertThat(t.getFont().getSize())
                .isGreaterThanOrEqualTo(ChartStyle.MIN_FONT));
    }

    @Test
    void clickingABarCallsTheHandlerWithItsStepAndSelectsIt() {
        FunnelChart chart = laidOut(ChartFixtures.smallFunnel(), 800, 450);

        assertThat(clickStep(chart, 3)).isEqualTo(3);
        assertThat(chart.selectedStepProperty().get()).isEqualTo(3);
    }

    /** Clicks the middle of a step's click area, checking it is what the pointer hits; returns the step reported. */
    private static int clickStep(FunnelChart chart, int step) {
        AtomicInteger clicked = new AtomicInteger();
        chart.setOnStepClicked(clicked::set);
        Node area = bar(chart, step);
        Bounds bounds = area.getBoundsInParent();
        Point2D center = new Point2D(bounds.getCenterX(), bounds.getCenterY());
        // The click areas are drawn last, so the one over a step is what the pointer hits there.
        assertThat(topmostAt(chart, center)).isSameAs(area);
        FxThread.call(() -> {
            Event.fireEvent(area, click(area, center));
            return null;
        });
        return clicked.get();
    }

    private static Node topmostAt(FunnelChart chart, Point2D point) {
        List<Node> children = chart.getChildrenUnmodifiable();
        for (int i = children.size() - 1; i >= 0; i--) {
            if (children.get(i).isMouseTransparent()
                    || !children.get(i).contains(children.get(i).parentToLocal(point))) {
                continue;
            }
            return children.get(i);
        }
        return null;
    }

    private static MouseEvent click(Node target, Point2D point) {
        return new MouseEvent(MouseEvent.MOUSE_CLICKED, point.getX(), point.getY(), point.getX(), point.getY(),
                MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false, true, null);
    }

    private static Node bar(FunnelChart chart, int step) {
        return chart.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Rectangle && Integer.valueOf(step).equals(n.getProperties().get("step")))
                .findFirst().orElseThrow();
    }

    private static FunnelChart laidOut(FunnelResult result, double width, double height) {
        return laidOut(result, width, height, FunnelShape.COLUMNS);
    }

    private static FunnelChart laidOut(FunnelResult result, double width, double height, FunnelShape shape) {
        return FxThread.call(() -> {
            FunnelChart chart = new FunnelChart();
            chart.funnelShapeProperty().set(shape);
            chart.setResult(result);
            new Scene(chart, width, height);
            chart.applyCss();
            chart.layout();
            return chart;
        });
    }

    private static List<String> texts(FunnelChart chart) {
        List<String> texts = new ArrayList<>();
        chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .forEach(n -> texts.add(((Text) n).getText()));
        return texts;
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getMinX() < b.getMaxX() && b.getMinX() < a.getMaxX() && a.getMinY() < b.getMaxY()
                && b.getMinY() < a.getMaxY();
    }
}
