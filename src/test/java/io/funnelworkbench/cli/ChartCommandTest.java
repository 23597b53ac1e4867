package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.testing.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart command on the tech-store sample: it starts the toolkit itself, headless, and writes real PNGs. */
class ChartCommandTest {

    @TempDir
    static Path dir;
    private static String project;

    @BeforeAll
    static void copyTheSample() throws Exception {
        Path copy = dir.resolve("tech-store.mv.db");
        Files.copy(SampleProjects.prepare("tech-store", Progress.NONE), copy);
        project = copy.toString();
    }

    @Test
    void rendersTheSavedFunnelAtTheAskedSizeAndScale() throws Exception {
        Path out = dir.resolve("funnel.png");

        CliRun run = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--out", out.toString(),
                "--width", "900", "--height", "500", "--scale", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("width_px").asInt()).isEqualTo(1800);
        BufferedImage image = ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isEqualTo(1800);
        assertThat(image.getHeight()).isEqualTo(1000);
        assertThat(Pixels.distinctColours(image, 3)).isGreaterThan(50);
    }

    @Test
    void drawsTheClassicFunnelShapeOnRequest() throws Exception {
        Path columns = dir.resolve("columns.png");
        Path shape = dir.resolve("shape.png");
        CliRun columnsRun = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--out",
                columns.toString(), "--scale", "1");
        CliRun shapeRun = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--shape", "funnel",
                "--out", shape.toString(), "--scale", "1");

        assertThat(columnsRun.exitCode()).as(columnsRun.err()).isZero();
        assertThat(shapeRun.exitCode()).as(shapeRun.err()).isZero();
        // The first step is a column about a sixth of the width wide, or a funnel top spanning most of it.
        assertThat(Pixels.widestRun(ImageIO.read(columns.toFile()), Pixels.CHART_ACCENT)).isLessThan(300);
        assertThat(Pixels.widestRun(ImageIO.read(shape.toFile()), Pixels.CHART_ACCENT)).isGreaterThan(600);
        CliRun bad = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--shape", "pyramid",
                "--out", shape.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--shape pyramid is not one of columns, funnel.");
    }

    @Test
    void rendersTheTimeToConvertIntoAStep() throws Exception {
        Path time = dir.resolve("time.png");
        CliRun run = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--type", "time",
                "--step", "2", "--out", time.toString(), "--scale", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("type").asText()).isEqualTo("time");
        assertThat(Pixels.widestRun(ImageIO.read(time.toFile()), Pixels.CHART_ACCENT)).isGreaterThan(20);
        CliRun first = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--type", "time",
                "--step", "1", "--out", time.toString());
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err().strip()).isEqualTo("--type time needs a --step from 2 to 4: the time into a step is"
                + " counted from the step before it.");
    }

    @Test
    void rendersBreakdownBarsAndTheTrendFromSteps() throws Exception {
        Path bars = dir.resolve("bars.png");
        Path trend = dir.resolve("trend.png");

        CliRun barsRun = CliRun.of("chart", "--project", project, "--steps", "Product view,Add to cart,Purchase",
                "--type", "bars", "--by", "device", "--out", bars.toString(), "--scale", "1");
        CliRun trendRun = CliRun.of("chart", "--project", project, "--steps", "Product view,Purchase", "--type",
                "trend", "--window", "3d", "--out", trend.toString(), "--width", "600", "--height", "300",
                "--scale", "3");

        assertThat(barsRun.exitCode()).as(barsRun.err()).isZero();
        assertThat(ImageIO.read(bars.toFile()).getWidth()).isEqualTo(1200);
        assertThat(trendRun.exitCode()).as(trendRun.err()).isZero();
        BufferedImage image = ImageIO.read(trend.toFile());
        assertThat(image.getWidth()).isEqualTo(1800);
        assertThat(image.getHeight()).isEqualTo(900);
    }

    @Test
    void explainsBadInputInOneSentence() {
        Path out = dir.resolve("never.png");

        CliRun bars = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--type", "bars", "--out",
                out.toString());
        CliRun scale = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--scale", "5", "--out",
                out.toString());
        CliRun type = CliRun.of("chart", "--project", project, "--name", "Purchase funnel", "--type", "pie", "--out",
                out.toString());

        assertThat(bars.exitCode()).isEqualTo(1);
        assertThat(bars.err()).contains("--type bars needs a breakdown");
        assertThat(scale.err()).contains("--scale");
        assertThat(type.err()).contains("--type pie is not one of funnel, bars, trend, time.");
        assertThat(out).doesNotExist();
    }
}
