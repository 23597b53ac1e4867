package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.testing.Pixels;
import io.funnelworkbench.text.ChartCaption;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An optional step is drawn apart from the required ones, in both shapes, on screen and in the PNG export. */
class OptionalStepChartTest {
    private static final Path SNAPSHOTS = Path.of("target", "ui-snapshots");
    private static final long HOUR_MICROS = 3_600_000_000L;
    private static final ChartCaption CAPTION = new ChartCaption("view → signup → cart → buy",
            "Sequential, 7-day window, counted once per user", "Data: 1 Aug 2026 – 31 Aug 2026");
    private static final int OPTIONAL_FILL = 0xDBE6F3;

    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
    }

    /** Eight users view; five add to cart, three of them signing up on the way; two buy. */
    private static FunnelResult funnel(boolean signupOptional) {
        EventLogBuilder log = new EventLogBuilder();
        String[][] journeys = {{"view", "signup", "cart", "buy"}, {"view", "signup", "cart", "buy"},
            {"view", "signup", "cart"}, {"view", "cart"}, {"view", "cart"}, {"view"}, {"view"}, {"view"}};
        for (int user = 0; user < journeys.length; user++) {
            for (int step = 0; step < journeys[user].length; step++) {
                log.add("user-" + user, journeys[user][step], (user * 10L + step) * HOUR_MICROS);
            }
        }
        FunnelSpec spec = FunnelSpec.of(List.of("view", "signup", "cart", "buy").stream()
                .map(FunnelSpec.Step::event).toList(), Duration.ofDays(7), OrderMode.SEQUENTIAL);
        return new FunnelEngine(log.build()).compute(signupOptional ? spec.withOptional(List.of(2)) : spec);
    }

    @ParameterizedTest
    @EnumSource(FunnelShape.class)
    void anOptionalStepIsALightDashedBarExplainedInTheLegendAndExported(FunnelShape shape) throws Exception {
        FunnelResult result = funnel(true);
        assertThat(result.steps()).extracting(s -> s.users()).containsExactly(8L, 3L, 5L, 2L);

        BufferedImage optional = export(result, shape, "optional-step-" + shape.name().toLowerCase());
        BufferedImage plain = export(funnel(false), shape, "required-steps-" + shape.name().toLowerCase());

        // The light fill is the optional bar's and nothing else's: a wide run of it only where a step is optional.
        assertThat(Pixels.widestRun(optional, OPTIONAL_FILL)).isGreaterThan(shape == FunnelShape.FUNNEL ? 150 : 60);
        assertThat(Pixels.widestRun(plain, OPTIONAL_FILL)).isZero();
        // The required bars stay solid.
        assertThat(Pixels.widestRun(optional, Pixels.CHART_ACCENT)).isGreaterThan(60);
        List<String> texts = texts(result, shape);
        assertThat(texts).contains("2. signup (optional)", FunnelLayout.OPTIONAL_LEGEND);
        assertThat(texts(funnel(false), shape)).doesNotContain(FunnelLayout.OPTIONAL_LEGEND);
        // The headline names required steps: the drop-off is from view to cart, not to the optional sign-up.
        assertThat(String.join(" ", texts)).contains("view → cart (3 users, 37.5%)").doesNotContain("→ signup");
        // Cart's drop-off is from view, the required step before it: 3 of 8 were lost, none at the optional step.
        assertThat(texts.stream().filter(t -> t.startsWith("−")).toList()).containsExactly("−3 (37.5%)",
                "−3 (60.0%)");
    }

    private static BufferedImage export(FunnelResult result, FunnelShape shape, String name) throws Exception {
        FunnelChart chart = new FunnelChart();
        chart.funnelShapeProperty().set(shape);
        chart.setResult(result);
        Files.createDirectories(SNAPSHOTS);
        Path target = SNAPSHOTS.resolve(name + ".png");
        ChartExporter.writePng(chart, CAPTION, 900, 500, 1, target);
        return ImageIO.read(target.toFile());
    }

    private static List<String> texts(FunnelResult result, FunnelShape shape) {
        return FxThread.call(() -> {
            FunnelChart chart = new FunnelChart();
            chart.funnelShapeProperty().set(shape);
            chart.setResult(result);
            new Scene(chart, 900, 500);
            chart.applyCss();
            chart.layout();
            List<String> texts = new ArrayList<>();
            chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                    .forEach(n -> texts.add(((Text) n).getText()));
            return texts;
        });
    }
}
