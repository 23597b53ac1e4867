package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartExporterTest {
    private static final ChartCaption CAPTION = new ChartCaption("Purchase funnel", "Sequential order · 7-day window",
            "Data: 1 Aug 2026 to 29 Oct 2026 (UTC)");

    @TempDir
    Path folder;

    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
    }

    @Test
    void writesA2xPngOfExactlyTheAskedSizeWithRealContent() throws Exception {
        FunnelChart chart = new FunnelChart();
        chart.setResult(ChartFixtures.smallFunnel());
        Path target = folder.resolve("funnel.png");

        ChartExporter.writePng(chart, CAPTION, 800, 450, 2, target);

        BufferedImage image = ImageIO.read(target.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(900);
        assertThat(Pixels.distinctColours(image, 2)).isGreaterThan(50);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void drawsAt2xRatherThanUpscalingSoEdgesStaySharp() {
        FunnelChart chart = new FunnelChart();
        chart.setResult(ChartFixtures.smallFunnel());

        WritableImage once = ChartExporter.render(chart, CAPTION, 600, 400, 1);
        WritableImage twice = ChartExporter.render(chart, CAPTION, 600, 400, 2);

        assertThat(twice.getWidth()).isEqualTo(1200);
        // Vector rendering at 2x has about four times the anti-aliased edge pixels' detail, not blocks of 2x2.
        assertThat(distinctColours(twice)).isGreaterThan(distinctColours(once));
        assertThat(hasOnlyPixelPairs(twice)).isFalse();
    }

    @Test
    void aFailedWriteLeavesNoFileBehind() {
        FunnelChart chart = new FunnelChart();
        chart.setResult(ChartFixtures.smallFunnel());
        Path missingFolder = folder.resolve("missing").resolve("funnel.png");

        assertThatThrownBy(() -> ChartExporter.writePng(chart, CAPTION, 600, 400, 1, missingFolder))
                .isInstanceOf(IOException.class);
        assertThat(folder.resolve("missing")).doesNotExist();
    }

    @Test
    void exportingAChartShownInAWindowLeavesItThere() throws Exception {
        FunnelChart chart = new FunnelChart();
        chart.setResult(ChartFixtures.smallFunnel());
        StackPane window = new StackPane(chart);

        ChartExporter.render(chart, CAPTION, 600, 400, 1);

        assertThat(chart.getParent()).isSameAs(window);
    }

    @Test
    void rejectsScalesOutsideOneToThree() {
        assertThatThrownBy(() -> ChartExporter.render(new FunnelChart(), CAPTION, 600, 400, 4))
                .hasMessageContaining("scale");
    }

    @Test
    void captionsNameTheRulesAndTheDataRange() {
        FunnelResult result = ChartFixtures.smallFunnel();

        ChartCaption caption = ChartText.caption(result, "Purchase funnel", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 10, 29), Instant.parse("2026-08-01T00:00:00Z"),
                Instant.parse("2026-10-29T23:00:00Z"), false);

        assertThat(caption.title()).isEqualTo("Purchase funnel");
        assertThat(caption.rules()).isEqualTo(
                "Sequential order · 7-day window · entry 1 Aug 2026 to 29 Oct 2026 · counted once per user");
        assertThat(caption.dataRange()).startsWith("Data: 1 Aug 2026 to 29 Oct 2026 (UTC)");
        assertThat(ChartText.caption(result, "t", null, null).rules()).contains("entry on any day");
    }

    @Test
    void aCaptionNamesTheBreakdownOnlyOnTheChartThatDrawsIt() {
        ChartFixtures.Sample sample = ChartFixtures.sample();
        FunnelResult byDevice = sample.byDevice();
        assertThat(byDevice.breakdownProperty()).isNotNull();

        String funnelChart = ChartText.caption(byDevice, "Purchase funnel", null, null, sample.from(),
                sample.to(), false).rules();
        String breakdownChart = ChartText.caption(byDevice, "Purchase funnel", null, null, sample.from(),
                sample.to(), true).rules();

        assertThat(funnelChart).doesNotContain(" by ", byDevice.breakdownProperty());
        assertThat(breakdownChart).contains("by " + byDevice.breakdownProperty() + " (first-touch)");
        assertThat(ChartImages.caption(byDevice, ChartKind.FUNNEL, "t", null, null, sample.from(), sample.to())
                .rules()).isEqualTo(funnelChart);
        assertThat(ChartImages.caption(byDevice, ChartKind.BARS, "t", null, null, sample.from(), sample.to())
                .rules()).isEqualTo(breakdownChart);
    }

    private static int distinctColours(WritableImage image) {
        Set<Integer> colours = new HashSet<>();
        var reader = image.getPixelReader();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(reader.getArgb(x, y));
            }
        }
        return colours.size();
    }

    /** True when every 2x2 block is one colour, as it would be if a 1x image had been blown up. */
    private static boolean hasOnlyPixelPairs(WritableImage image) {
        var reader = image.getPixelReader();
        for (int y = 0; y + 1 < image.getHeight(); y += 2) {
            for (int x = 0; x + 1 < image.getWidth(); x += 2) {
                int colour = reader.getArgb(x, y);
                if (reader.getArgb(x + 1, y) != colour || reader.getArgb(x, y + 1) != colour) {
                    return false;
                }
            }
        }
        return true;
    }
}
