package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import io.funnelworkbench.text.PathChartText;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path flow chart on the fixture shop's real paths: what it names, that nothing is cut, and its PNG export. */
class PathFlowChartTest {
    private static final Path SNAPSHOTS = Path.of("target", "chart-snapshots");
    @TempDir
    static Path folder;
    private static PathReport afterView;
    private static PathReport onTheWay;
    private static PathReport fiveDeep;
    private static ChartCaption funnel;

    @BeforeAll
    static void computeTheFixturesPaths() throws Exception {
        ChartFixtures.startToolkit();
        Files.createDirectories(SNAPSHOTS);
        try (ProjectStore store = ProjectStore.openForReading(FixtureProject.create(folder))) {
            EventLog log = store.snapshots().load(Progress.NONE);
            // The saved purchase funnel's users do nothing but its steps; browsing until the cart has paths.
            FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("page_view"),
                    FunnelSpec.Step.event("add_to_cart"), FunnelSpec.Step.event("purchase")), Duration.ofDays(7),
                    OrderMode.SEQUENTIAL);
            Paths paths = new Paths(log, spec, new FunnelEngine(log).scan(spec));
            afterView = paths.report(1, PathKind.AFTER_DROP_OFF, 3, 10, () -> false);
            funnel = ChartText.caption(new FunnelEngine(log).compute(spec), "Browsing to purchase",
                    instant(log.firstTime()), instant(log.lastTime()));
            onTheWay = paths.report(1, PathKind.BETWEEN, 3, 10, () -> false);
            fiveDeep = paths.report(1, PathKind.BETWEEN, 5, 10, () -> false);
        }
    }

    private static PathFlowChart shown(PathReport report, double width, double height) {
        PathFlowChart chart = new PathFlowChart();
        chart.setReport(report, "page_view", "add_to_cart");
        FxThread.call(() -> {
            new Scene(new StackPane(chart), width, height);
            chart.applyCss();
            chart.resize(width, height);
            chart.layout();
            return chart;
        });
        return chart;
    }

    @Test
    void namesTheStepEveryListedPathNoFurtherEventsAndOtherPathsWithTheirUsers() {
        PathFlowChart chart = shown(afterView, 1180, 440);

        List<PathFlowChart.DrawnNode> nodes = chart.drawnNodes();
        assertThat(chart.groupedPaths()).isZero();
        assertThat(nodes.get(0)).isEqualTo(new PathFlowChart.DrawnNode(0, List.of(),
                "Dropped after 1. page_view", afterView.users(), PathFlowChart.NodeKind.STEP));
        // The first column holds every user once: first events of the listed paths, no further events, other.
        assertThat(nodes.stream().filter(n -> n.column() == 1).mapToLong(PathFlowChart.DrawnNode::users).sum())
                .isEqualTo(afterView.users());
        for (PathRow path : afterView.paths()) {
            if (path.events().isEmpty()) {
                assertThat(nodes).contains(new PathFlowChart.DrawnNode(1, List.of(), "No further events",
                        path.users(), PathFlowChart.NodeKind.NO_FURTHER_EVENTS));
            } else {
                // A path's last node holds at least its users (more when a longer listed path goes on from it).
                assertThat(nodes).anySatisfy(n -> {
                    assertThat(n.path()).isEqualTo(path.events());
                    assertThat(n.users()).isGreaterThanOrEqualTo(path.users());
                });
            }
        }
        if (afterView.hasOtherPaths()) {
            assertThat(nodes).contains(new PathFlowChart.DrawnNode(1, null, "Other paths",
                    afterView.otherPathsUsers(), PathFlowChart.NodeKind.OTHER_PATHS));
        }
        assertThat(texts(chart)).contains(PathChartText.title(afterView, "page_view", "add_to_cart"),
                "1st event", "2nd event", "3rd event");
    }

    @Test
    void noLabelIsCutNorOverlapsAnotherAt1280By800() {
        for (PathReport report : List.of(afterView, onTheWay, fiveDeep)) {
            PathFlowChart chart = shown(report, 1180, 440);
            List<Text> texts = FxThread.call(() -> chart.getChildrenUnmodifiable().stream()
                    .filter(Text.class::isInstance).map(Text.class::cast).toList());
            List<Bounds> bounds = FxThread.call(() -> texts.stream().map(Node::getBoundsInParent).toList());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(texts.get(i).getText()).doesNotEndWith("…");
                assertThat(bounds.get(i).getMinX()).isGreaterThanOrEqualTo(0);
                assertThat(bounds.get(i).getMaxX()).isLessThanOrEqualTo(1180);
                assertThat(bounds.get(i).getMaxY()).isLessThanOrEqualTo(440);
                for (int j = i + 1; j < texts.size(); j++) {
                    assertThat(shrunk(bounds.get(i)).intersects(shrunk(bounds.get(j))))
                            .as("%s overlaps %s", texts.get(i).getText(), texts.get(j).getText()).isFalse();
                }
            }
        }
    }

    @Test
    void whenTheHeightCannotHoldEveryLabelTheLeastTakenPathsAreGroupedAndTheChartSaysSo() {
        PathFlowChart chart = shown(afterView, 900, 260);

        assertThat(chart.groupedPaths()).isPositive();
        assertThat(String.join(" ", texts(chart))).contains("grouped in Other paths here for room");
        long other = chart.drawnNodes().stream().filter(n -> n.kind() == PathFlowChart.NodeKind.OTHER_PATHS)
                .mapToLong(PathFlowChart.DrawnNode::users).sum();
        List<PathRow> named = afterView.paths().stream().filter(p -> !p.events().isEmpty()).toList();
        long grouped = named.subList(named.size() - chart.groupedPaths(), named.size()).stream()
                .mapToLong(PathRow::users).sum();
        assertThat(other).isEqualTo(afterView.otherPathsUsers() + grouped);
    }

    @Test
    void exportsAt1x2xAnd3xWithRibbonsAndTheRulesCaption() throws Exception {
        ChartCaption caption = PathChartText.caption(funnel, "Browsing to purchase", afterView, "page_view",
                "add_to_cart", 10);
        assertThat(caption.rules()).contains("Browsing to purchase", "7-day window", "after drop-off at step 1",
                "up to 3 events per path", "top 10 paths listed");
        for (int scale = 1; scale <= 3; scale++) {
            PathFlowChart chart = new PathFlowChart();
            chart.setReport(afterView, "page_view", "add_to_cart");
            Path target = SNAPSHOTS.resolve("paths-after-drop-off-" + scale + "x.png");
            ChartExporter.writePng(chart, caption, 1280, 720, scale, target);

            BufferedImage image = ImageIO.read(target.toFile());
            assertThat(image.getWidth()).isEqualTo(1280 * scale);
            assertThat(image.getHeight()).isEqualTo(720 * scale);
            // Ribbons: the accent at 30% on white covers a good part of the flow.
            assertThat(share(image, 0, 150 * scale, image.getWidth(), 600 * scale, 0xC1D4E8, 24))
                    .isGreaterThan(0.05);
            // The caption under its rule: dark text in the bottom 60 px, none of it a ribbon.
            assertThat(share(image, 0, 670 * scale, image.getWidth(), 720 * scale, 0x59636E, 60))
                    .isGreaterThan(0.002);
            assertThat(share(image, 0, 670 * scale, image.getWidth(), 720 * scale, 0xC1D4E8, 10)).isZero();
        }
    }

    /** The picture for the README: what the tech-store sample's cart abandoners did instead, at 2x. */
    @Test
    void rendersTheSamplesPathsForTheReadme() throws Exception {
        try (ProjectStore store = ProjectStore.open(SampleProjects.prepare("tech-store", Progress.NONE))) {
            EventLog log = store.snapshots().load(Progress.NONE);
            List<Goal> goals = store.goals().list();
            FunnelSpec spec = FunnelSpec.resolve(store.funnels().find("Purchase funnel").orElseThrow(), goals);
            FunnelResult result = new FunnelEngine(log).compute(spec);
            PathReport report = new Paths(log, spec, new FunnelEngine(log).scan(spec))
                    .report(2, PathKind.AFTER_DROP_OFF, 3, 10, () -> false);
            String step = spec.steps().get(1).name();
            String next = spec.steps().get(2).name();
            ChartCaption funnel = ChartText.caption(result, "Purchase funnel", instant(log.firstTime()),
                    instant(log.lastTime()));
            PathFlowChart chart = new PathFlowChart();
            chart.setReport(report, step, next);
            Path target = SNAPSHOTS.resolve("paths-sample-2x.png");
            ChartExporter.writePng(chart, PathChartText.caption(funnel, "Purchase funnel", report, step, next, 10),
                    1200, 675, 2, target);
            assertThat(ImageIO.read(target.toFile()).getWidth()).isEqualTo(2400);
        }
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }

    private static Bounds shrunk(Bounds bounds) {
        return new BoundingBox(bounds.getMinX() + 1, bounds.getMinY() + 1,
                Math.max(0, bounds.getWidth() - 2), Math.max(0, bounds.getHeight() - 2));
    }

    private static List<String> texts(PathFlowChart chart) {
        return FxThread.call(() -> {
            List<String> texts = new ArrayList<>();
            chart.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                    .forEach(t -> texts.add(((Text) t).getText()));
            return texts;
        });
    }

    /** The share of pixels in the rectangle within {@code tolerance} of {@code rgb} on each channel. */
    private static double share(BufferedImage image, int x0, int y0, int x1, int y1, int rgb, int tolerance) {
        long near = 0;
        long all = 0;
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                int pixel = image.getRGB(x, y);
                boolean close = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    close &= Math.abs(((pixel >> shift) & 0xff) - ((rgb >> shift) & 0xff)) <= tolerance;
                }
                near += close ? 1 : 0;
                all++;
            }
        }
        return (double) near / all;
    }
}
