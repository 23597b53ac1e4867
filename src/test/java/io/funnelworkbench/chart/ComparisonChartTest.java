package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PeriodComparison;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import io.funnelworkbench.text.ComparisonText;
import io.funnelworkbench.testing.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two periods side by side: both bars and rates per step, the difference, a legend naming the periods. */
class ComparisonChartTest {
    /** The compared period's bars (RGB), beside the accent bars of the funnel's own period. */
    static final int COMPARED_RGB = 0x93A8BF;
    private static final long MINUTE = 60_000_000L;
    private static final LocalDate MARCH = LocalDate.of(2024, 3, 1);
    private static final LocalDate FEBRUARY = LocalDate.of(2024, 2, 1);

    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
    }

    /** March: 4 view, 3 buy. February: 4 view, 1 buys. */
    private static Fixture smallComparison() {
        EventLogBuilder events = new EventLogBuilder();
        for (int u = 0; u < 4; u++) {
            long march = (MARCH.toEpochDay() + 10 + u) * 1_440 * MINUTE;
            long february = (FEBRUARY.toEpochDay() + 10 + u) * 1_440 * MINUTE;
            events.add("m" + u, "view", march);
            events.add("f" + u, "view", february);
            if (u < 3) {
                events.add("m" + u, "buy", march + MINUTE);
            }
            if (u < 1) {
                events.add("f" + u, "buy", february + MINUTE);
            }
        }
        EventLog log = events.build();
        FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("buy")),
                Duration.ofDays(7), OrderMode.SEQUENTIAL).withEntryRange(MARCH, LocalDate.of(2024, 3, 31));
        FunnelEngine engine = new FunnelEngine(log);
        FunnelResult result = engine.compute(spec);
        return new Fixture(spec, result, PeriodComparison.compare(engine, spec, result,
                PeriodComparison.previous(spec), Cancellation.NEVER));
    }

    private record Fixture(FunnelSpec spec, FunnelResult result, Comparison comparison) {
        String ownLabel() {
            return ComparisonText.thisPeriod(spec.entryFrom(), spec.entryTo());
        }
    }

    @Test
    void drawsTwoBarsPerStepWithBothRatesTheDifferenceAndALegend() {
        Fixture fixture = smallComparison();
        ComparisonChart chart = laidOut(fixture, 900, 500);

        List<String> texts = chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(n -> ((Text) n).getText()).toList();

        assertThat(texts).contains("Entry 1 Mar 2024 to 31 Mar 2024", "Compared: entry 1 Feb 2024 to 29 Feb 2024");
        assertThat(texts).contains("1. view", "2. buy", "+50.0 pp");
        assertThat(texts.stream().filter("100%"::equals)).hasSize(2 + 1); // both step-1 bars and the axis
        assertThat(texts).contains("75.0%", "25.0%", "3", "1");
        // Per step a bar of each period, plus a swatch of each in the legend.
        assertThat(bars(chart, ChartStyle.ACCENT)).hasSize(3);
        assertThat(bars(chart, ChartStyle.COMPARED)).hasSize(3);
        List<Rectangle> own = bars(chart, ChartStyle.ACCENT);
        List<Rectangle> before = bars(chart, ChartStyle.COMPARED);
        assertThat(own.get(2).getHeight() / own.get(1).getHeight()).isCloseTo(0.75, within());
        assertThat(before.get(2).getHeight() / before.get(1).getHeight()).isCloseTo(0.25, within());
        assertThat(before.get(1).getX()).isGreaterThan(own.get(1).getX());
    }

    @Test
    void withoutAComparisonItSaysSo() {
        Fixture fixture = smallComparison();
        ComparisonChart chart = FxThread.call(() -> {
            ComparisonChart c = new ComparisonChart();
            c.setComparison(fixture.result(), null, "", "");
            new Scene(c, 600, 400);
            c.layout();
            return c;
        });
        assertThat(chart.getChildrenUnmodifiable()).singleElement()
                .satisfies(n -> assertThat(((Text) n).getText()).isEqualTo("No comparison yet"));
    }

    /**
     * The tech-store sample's purchase funnel, September 2026 against August, rendered at 2x for the docs
     * (assets/chart-compare-2x.png is this image): both bar colours fill wide runs and the caption is drawn.
     */
    @Test
    void rendersTheSampleSeptemberAgainstAugust() throws Exception {
        try (ProjectStore store = ProjectStore.open(SampleProjects.prepare("tech-store", Progress.NONE))) {
            EventLog log = store.snapshots().load(Progress.NONE);
            FunnelDefinition funnel = store.funnels().find("Purchase funnel").orElseThrow();
            FunnelSpec spec = FunnelSpec.resolve(funnel, store.goals().list())
                    .withEntryRange(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
            FunnelEngine engine = new FunnelEngine(log);
            FunnelResult result = engine.compute(spec);
            Comparison comparison = PeriodComparison.compare(engine, spec, result, PeriodComparison.previous(spec),
                    Cancellation.NEVER);
            assertThat(comparison.from()).isEqualTo(LocalDate.of(2026, 8, 1));
            ComparisonChart chart = new ComparisonChart();
            chart.setComparison(result, comparison, ComparisonText.thisPeriod(spec.entryFrom(), spec.entryTo()),
                    ComparisonText.comparedPeriod(comparison));
            ChartCaption caption = ComparisonText.caption(ChartText.caption(result, "Purchase funnel",
                    spec.entryFrom(), spec.entryTo(), micros(log.firstTime()), micros(log.lastTime()), false),
                    comparison);
            assertThat(caption.rules()).contains("entry 1 Sep 2026 to 30 Sep 2026",
                    "compared with entry 1 Aug 2026 to 31 Aug 2026");
            Path target = Path.of("target", "chart-snapshots", "compare-2x.png");
            Files.createDirectories(target.getParent());
            ChartExporter.writePng(chart, caption, 1200, 675, 2, target);

            BufferedImage image = ImageIO.read(target.toFile());
            assertThat(Pixels.widestRun(image, Pixels.CHART_ACCENT)).isGreaterThan(40);
            assertThat(Pixels.widestRun(image, COMPARED_RGB)).isGreaterThan(40);
            assertThat(darkPixelsBelow(image, image.getHeight() - 70)).isGreaterThan(200);
        }
    }

    /** Pixels darker than mid-grey from row {@code top} down: the caption's text. */
    static int darkPixelsBelow(BufferedImage image, int top) {
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

    private static ComparisonChart laidOut(Fixture fixture, double width, double height) {
        return FxThread.call(() -> {
            ComparisonChart chart = new ComparisonChart();
            chart.setComparison(fixture.result(), fixture.comparison(), fixture.ownLabel(),
                    ComparisonText.comparedPeriod(fixture.comparison()));
            new Scene(chart, width, height);
            chart.applyCss();
            chart.layout();
            return chart;
        });
    }

    private static List<Rectangle> bars(ComparisonChart chart, Color fill) {
        return chart.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Rectangle r && fill.equals(r.getFill())).map(n -> (Rectangle) n).toList();
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }
}
