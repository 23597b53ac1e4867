package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Renders every chart type from the tech-store sample into target/chart-snapshots, to look at and to keep. */
class ChartSnapshotsTest {
    private static final Path FOLDER = Path.of("target", "chart-snapshots");

    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
        Files.createDirectories(FOLDER);
    }

    @Test
    void rendersTheSampleFunnel() throws Exception {
        ChartFixtures.Sample sample = ChartFixtures.sample();
        FunnelChart chart = new FunnelChart();
        chart.setResult(sample.funnel());
        export(chart, ChartText.caption(sample.funnel(), "Purchase funnel", sample.from(), sample.to()),
                "funnel-2x.png");
    }

    @Test
    void rendersTheSampleAsAFunnelShape() throws Exception {
        ChartFixtures.Sample sample = ChartFixtures.sample();
        FunnelChart chart = new FunnelChart();
        chart.funnelShapeProperty().set(FunnelShape.FUNNEL);
        chart.setResult(sample.funnel());
        export(chart, ChartText.caption(sample.funnel(), "Purchase funnel", sample.from(), sample.to()),
                "funnel-shape-2x.png");
        for (int steps : new int[] {5, 20}) {
            FunnelChart longNamed = new FunnelChart();
            longNamed.funnelShapeProperty().set(FunnelShape.FUNNEL);
            longNamed.setResult(ChartFixtures.longNamedFunnel(steps));
            export(longNamed, new ChartCaption(steps + " steps with long names", "Sequential order · 7-day window",
                    "Synthetic data"), "funnel-shape-long-" + steps + ".png");
        }
    }

    @Test
    void rendersLongNamedFunnels() throws Exception {
        for (int steps : new int[] {2, 5, 20}) {
            FunnelChart chart = new FunnelChart();
            chart.setResult(ChartFixtures.longNamedFunnel(steps));
            export(chart, new ChartCaption(steps + " steps with long names", "Sequential order · 7-day window",
                    "Synthetic data"), "funnel-long-" + steps + ".png");
        }
    }

    @Test
    void rendersTheOtherChartTypes() throws Exception {
        ChartFixtures.Sample sample = ChartFixtures.sample();
        BreakdownChart breakdown = new BreakdownChart();
        breakdown.setResult(sample.byDevice());
        export(breakdown, caption(sample, "Purchase funnel by device"), "breakdown.png");
        TrendChart trend = new TrendChart();
        trend.setResult(sample.funnel());
        export(trend, caption(sample, "Purchase funnel: weekly conversion"), "trend.png");
        TimeToConvertChart times = new TimeToConvertChart();
        times.setStats(sample.funnel().steps().get(1).timeFromPrevious(), "Product view → Add to cart",
                sample.funnel().window().getSeconds());
        export(times, caption(sample, "Time to add to cart"), "time-to-convert.png");
        ImpactTable impact = new ImpactTable();
        impact.setResult(sample.impact());
        export(impact, new ChartCaption("Which micro goals lift purchases", "Users counted once", "tech-store"),
                "impact.png");
    }

    private static ChartCaption caption(ChartFixtures.Sample sample, String title) {
        return ChartText.caption(sample.funnel(), title, sample.from(), sample.to());
    }

    static void export(Region chart, ChartCaption caption, String file) throws Exception {
        Path target = FOLDER.resolve(file);
        ChartExporter.writePng(chart, caption, 1200, 675, 2, target);
        assertThat(target).exists();
    }
}
