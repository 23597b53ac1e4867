package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.TrendPoint;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The breakdown chart draws every group the result holds (Olist's 11 origins), or says which it left out; the trend
 * follows the breakdown.
 */
class BreakdownChartTest {
    private static FunnelResult olist;

    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
        olist = ChartFixtures.olistByOrigin();
    }

    @Test
    void theExportedImageDrawsAllElevenOriginsWithTheirUsers() throws Exception {
        assertThat(olist.breakdown()).hasSize(11);
        ChartCaption caption = ChartText.caption(olist, "Lead to deal by origin", null, null, null, null,
                true);
        BreakdownChart chart = FxThread.call(() -> {
            BreakdownChart drawn = new BreakdownChart();
            drawn.setResult(olist);
            ExportFrame frame = new ExportFrame(drawn, caption);
            new Scene(frame, 1280, 720);
            frame.applyCss();
            frame.layout();
            return drawn;
        });

        assertThat(chart.drawnGroups()).containsExactlyElementsOf(olist.breakdown());
        List<String> texts = FxThread.call(() -> chart.getChildrenUnmodifiable().stream()
                .filter(Text.class::isInstance).map(n -> ((Text) n).getText()).toList());
        for (BreakdownGroup group : olist.breakdown()) {
            assertThat(texts).as(group.label()).contains(group.label());
        }
        // The blank origin converts best: 14 of 60 leads; the row names its users and its rate.
        assertThat(texts).contains("(none)", "60", "23.3% · 14");
        assertThat(texts).contains("By origin: 11 groups, largest first",
                "Bars: conversion from step 1 with its 95% interval; a full bar is 25.0%");
        assertThat(texts).noneMatch(t -> t.contains(" shown here"));

        Path png = Files.createTempDirectory("breakdown").resolve("olist-by-origin.png");
        ChartExporter.writePng(chart, caption, 1280, 720, 1, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(Pixels.distinctColours(image, 3)).isGreaterThan(20);
    }

    @Test
    void aChartTooShortForEveryRowSaysHowManyItShows() throws Exception {
        BreakdownChart chart = FxThread.call(() -> {
            BreakdownChart drawn = new BreakdownChart();
            drawn.setResult(olist);
            new Scene(drawn, 700, 160);
            drawn.applyCss();
            drawn.layout();
            return drawn;
        });

        int shown = chart.drawnGroups().size();
        assertThat(shown).isBetween(1, 10);
        assertThat(chart.drawnGroups()).containsExactlyElementsOf(olist.breakdown().subList(0, shown));
        List<String> texts = FxThread.call(() -> chart.getChildrenUnmodifiable().stream()
                .filter(Text.class::isInstance).map(n -> ((Text) n).getText()).toList());
        assertThat(texts).anyMatch(t -> t.contains(shown + " of 11 shown here, every group in the table"));
    }

    @Test
    void theTrendFollowsTheBreakdownWithTheFiveLargestGroupsAndOther() throws Exception {
        // Each group's trend runs over the whole funnel's periods, and the groups add up to it period by period.
        List<TrendPoint> added = TrendPoint.sum(olist.breakdown().stream().map(BreakdownGroup::trend).toList());
        assertThat(added).extracting(TrendPoint::periodStart, TrendPoint::entered, TrendPoint::converted,
                TrendPoint::stillInWindow).isEqualTo(olist.trend().stream().map(p -> tuple(p.periodStart(),
                p.entered(), p.converted(), p.stillInWindow())).toList());
        assertThat(TrendChart.drawsBreakdown(olist)).isTrue();

        List<String> texts = FxThread.call(() -> {
            TrendChart chart = new TrendChart();
            chart.setResult(olist);
            return chart.draw(1200, 500).stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText())
                    .toList();
        });
        assertThat(texts).contains("organic_search", "paid_search", "social", "unknown", "direct_traffic", "Other")
                .doesNotContain("email", "(none)");
        assertThat(texts.get(0)).endsWith(", by origin");
        // At the app's narrowest the note on dashed periods wraps rather than ending in an ellipsis.
        List<String> narrow = FxThread.call(() -> {
            TrendChart chart = new TrendChart();
            chart.setResult(olist);
            return chart.draw(560, 400).stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText())
                    .toList();
        });
        assertThat(narrow).noneMatch(t -> t.endsWith("…"));
        assertThat(String.join(" ", narrow)).contains(TrendChart.PROVISIONAL_NOTE);
    }

    @Test
    void theBarScaleIsTheSmallestRoundRateHoldingEveryCell() throws Exception {
        // Olist's best group converts 23.3% of its leads, so a full bar stands for 25%.
        assertThat(BreakdownChart.scaleFor(olist.breakdown())).isEqualTo(0.25);
        // Its interval (60 leads) runs past 25%: only that row's whisker ends in an arrowhead.
        long beyond = FxThread.call(() -> {
            BreakdownChart chart = new BreakdownChart();
            chart.setResult(olist);
            return chart.draw(1200, 600).stream().filter(n -> Boolean.TRUE.equals(
                    n.getProperties().get("interval-beyond-scale"))).count();
        });
        long rowsBeyond = olist.breakdown().stream()
                .filter(g -> g.steps().get(1).conversionFromFirstInterval().high() > 0.25).count();
        assertThat(rowsBeyond).isPositive();
        assertThat(beyond).isEqualTo(4 * rowsBeyond);
    }
}
