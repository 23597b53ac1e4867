package io.funnelworkbench.ui.funnel.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.PathText;
import io.funnelworkbench.ui.DeferredRunner;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.project.ProjectOverview;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paths view's state on the fixture shop: its numbers are the {@link Paths} engine's, row by row. */
class PathsViewModelTest {
    private static final ChartCaption FUNNEL_CAPTION = new ChartCaption("Purchase funnel",
            "Sequential order · 7-day window · entry on any day · counted once per user", "Data: 1 Aug 2026");

    @TempDir Path dir;
    private ProjectStore store;
    private EventLog log;
    private FunnelSpec spec;
    private FunnelResult result;
    private final SynchronousRunner runner = new SynchronousRunner();
    private final List<String> defects = new ArrayList<>();

    @BeforeEach
    void openTheFixture() {
        store = ProjectStore.openForReading(FixtureProject.create(dir));
        log = ProjectOverview.load(store, Progress.NONE).log();
        // The saved purchase funnel's users do nothing but its steps; browsing until the cart has paths.
        spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("page_view"), FunnelSpec.Step.event("add_to_cart"),
                FunnelSpec.Step.event("purchase")), Duration.ofDays(7), OrderMode.SEQUENTIAL);
        result = new FunnelEngine(log).compute(spec);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PathsViewModel model(FunnelSpec of, int step, PathKind kind) {
        PathsRequest request = new PathsRequest(log, of, "Purchase funnel", "Purchase funnel - paths", FUNNEL_CAPTION,
                step, kind);
        ErrorDisplay errors = defects::add;
        PathsViewModel model = new PathsViewModel(request, runner, errors);
        model.compute();
        return model;
    }

    private PathReport engine(int step, PathKind kind, int depth) {
        return new Paths(log, spec, new FunnelEngine(log).scan(spec)).report(step, kind, depth, PathsViewModel.TOP,
                () -> false);
    }

    @Test
    void afterDropOffTheRowsAreTheEnginesPathsThenOtherPathsAndAddUpToTheDroppedUsers() {
        PathsViewModel model = model(spec, 1, PathKind.AFTER_DROP_OFF);
        PathReport expected = engine(1, PathKind.AFTER_DROP_OFF, 3);

        assertThat(model.depthProperty().get()).isEqualTo(3);
        assertThat(model.computingProperty().get()).isFalse();
        assertThat(model.reportProperty().get()).isEqualTo(expected);
        List<PathsRow> rows = model.rows();
        assertThat(rows).hasSize(expected.paths().size() + 1);
        for (int i = 0; i < expected.paths().size(); i++) {
            PathRow path = expected.paths().get(i);
            assertThat(rows.get(i).label()).isEqualTo(PathText.label(path.events(), PathKind.AFTER_DROP_OFF));
            assertThat(rows.get(i).users()).isEqualTo(path.users());
            assertThat(rows.get(i).share()).isEqualTo((double) path.users() / expected.users());
        }
        assertThat(expected.hasOtherPaths()).isTrue();
        PathsRow other = rows.get(rows.size() - 1);
        assertThat(other.kind()).isEqualTo(PathsRow.Kind.OTHER_PATHS);
        assertThat(other.users()).isEqualTo(expected.otherPathsUsers());
        assertThat(rows).filteredOn(r -> r.kind() == PathsRow.Kind.NO_FURTHER_EVENTS).singleElement()
                .extracting(PathsRow::label).isEqualTo("No further events");
        assertThat(rows.stream().mapToLong(PathsRow::users).sum()).isEqualTo(result.steps().get(0).dropped())
                .isEqualTo(expected.users());
        assertThat(model.caption().rules()).contains("Purchase funnel", "7-day window",
                "after drop-off at step 1. page_view", "up to 3 events per path", "top 10 paths listed");
        assertThat(defects).isEmpty();
    }

    @Test
    void aNewDepthRecomputesWithTheSameScanAndAnOutOfRangeDepthIsRefused() {
        PathsViewModel model = model(spec, 1, PathKind.AFTER_DROP_OFF);
        int runs = runner.runs();

        model.depthProperty().set(1);
        assertThat(model.reportProperty().get()).isEqualTo(engine(1, PathKind.AFTER_DROP_OFF, 1));
        assertThat(model.rows()).filteredOn(r -> r.kind() == PathsRow.Kind.PATH)
                .allSatisfy(r -> assertThat(r.events()).hasSize(1));
        assertThat(runner.runs()).isEqualTo(runs + 1);

        model.depthProperty().set(9);
        assertThat(model.depthProperty().get()).isEqualTo(1);
        model.depthProperty().set(5);
        assertThat(model.reportProperty().get()).isEqualTo(engine(1, PathKind.AFTER_DROP_OFF, 5));
    }

    @Test
    void choosingAPathListsItsUsersAndOtherPathsListsTheRest() throws Exception {
        PathsViewModel model = model(spec, 1, PathKind.AFTER_DROP_OFF);
        Paths paths = new Paths(log, spec, new FunnelEngine(log).scan(spec));
        PathsRow first = model.rows().get(0);

        model.choosePath(first);
        assertThat(model.users()).isEqualTo(paths.usersOf(1, PathKind.AFTER_DROP_OFF, 3, first.events()))
                .hasSize((int) first.users());
        assertThat(model.usersHeadingProperty().get()).startsWith(first.users() + " user");

        model.choosePath((List<String>) null);
        assertThat(model.chosenPathProperty().get().kind()).isEqualTo(PathsRow.Kind.OTHER_PATHS);
        assertThat(model.users()).isEqualTo(paths.usersOfOtherPaths(engine(1, PathKind.AFTER_DROP_OFF, 3)));

        Path csv = dir.resolve("users.csv");
        model.exportUsers(csv, () -> { });
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).hasSize(model.users().size() + 1)
                .first().asString().contains("User").contains("Path");
    }

    @Test
    void betweenStepsTheRowsAddUpToTheUsersWhoWentOnAndTheEmptyPathWentOnDirectly() {
        PathsViewModel model = model(spec, 1, PathKind.BETWEEN);
        PathReport expected = engine(1, PathKind.BETWEEN, 3);

        // Nobody went straight on: the empty path is listed all the same, with no users.
        assertThat(expected.paths()).filteredOn(p -> p.events().isEmpty()).extracting(PathRow::users)
                .containsExactly(0L);
        assertThat(model.reportProperty().get().paths()).isEqualTo(expected.paths());
        assertThat(model.rows().stream().mapToLong(PathsRow::users).sum()).isEqualTo(result.steps().get(1).users());
        assertThat(model.rows()).filteredOn(r -> r.kind() == PathsRow.Kind.NO_FURTHER_EVENTS)
                .extracting(PathsRow::label, PathsRow::users).containsExactly(tuple("Went on directly", 0L));
        assertThat(model.windowTitle()).isEqualTo("Paths · Went on from 1. page_view to 2. add_to_cart");
    }

    @Test
    void thePathsTableExportsAsCsvWithEveryRow() throws Exception {
        PathsViewModel model = model(spec, 2, PathKind.AFTER_DROP_OFF);
        Path csv = dir.resolve("paths.csv");

        model.exportTable(csv, () -> { });

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("Path,Users,Share of dropped users (%)");
        assertThat(lines).hasSize(model.rows().size() + 1);
        assertThat(lines.get(lines.size() - 1)).startsWith("Other paths,");
        assertThat(model.noticeProperty().get()).isEqualTo("Saved paths.csv.");
        assertThat(model.fileName("@2x", "png")).isEqualTo("Purchase funnel - paths@2x.png");
    }

    /** Eleven paths of two users each and one user with none: the empty path is listed all the same. */
    @Test
    void noFurtherEventsIsListedEvenWhenItIsNotAmongTheTopPaths() {
        EventLogBuilder builder = new EventLogBuilder();
        long minute = 60_000_000L;
        builder.add("alone", "view", 0);
        for (int user = 0; user < 22; user++) {
            String id = "u" + user;
            long start = minute * (user + 1) * 100;
            builder.add(id, "view", start);
            builder.add(id, "event_" + user / 2, start + minute);
            builder.add(id, "other_" + user / 2, start + 2 * minute);
        }
        log = builder.build();
        FunnelSpec small = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("buy")),
                Duration.ofDays(7), OrderMode.SEQUENTIAL);
        spec = small;
        PathReport engine = engine(1, PathKind.AFTER_DROP_OFF, 3);
        // The empty path ranks last (1 user against 2 each): listed beyond the top 10, not among the other paths.
        assertThat(engine.paths()).hasSize(PathsViewModel.TOP + 1).last().extracting(PathRow::events)
                .isEqualTo(List.of());

        PathsViewModel model = model(small, 1, PathKind.AFTER_DROP_OFF);

        assertThat(model.rows()).filteredOn(r -> r.kind() == PathsRow.Kind.NO_FURTHER_EVENTS)
                .extracting(PathsRow::users).containsExactly(1L);
        PathsRow other = model.rows().get(model.rows().size() - 1);
        assertThat(other.users()).isEqualTo(engine.otherPathsUsers());
        model.choosePath(other);
        assertThat(model.users()).hasSize((int) other.users()).doesNotContain("alone");
        model.choosePath(List.of());
        assertThat(model.users()).containsExactly("alone");
    }

    @Test
    void anAnyOrderFunnelIsRefusedInASentence() {
        FunnelSpec anyOrder = FunnelSpec.of(spec.steps(), spec.window(), OrderMode.ANY);
        PathsViewModel model = model(anyOrder, 1, PathKind.AFTER_DROP_OFF);

        assertThat(model.reportProperty().get()).isNull();
        assertThat(model.noticeProperty().get()).contains("Paths need an ordered funnel");
        assertThat(defects).isEmpty();
    }

    @Test
    void theUsersOfOneBreakdownGroupHaveTheirOwnPaths() {
        FunnelSpec byDevice = spec.withBreakdown("device", null);
        FunnelEngine engine = new FunnelEngine(log);
        BreakdownGroup mobile = engine.compute(byDevice).breakdown().stream()
                .filter(g -> "mobile".equals(g.value())).findFirst().orElseThrow();
        PathsRequest request = new PathsRequest(log, byDevice, "Browsing", "Browsing - paths", FUNNEL_CAPTION, 1,
                PathKind.AFTER_DROP_OFF, mobile, "device = mobile");

        PathsViewModel model = new PathsViewModel(request, runner, defects::add);
        model.compute();

        FunnelOutcome outcome = engine.scan(byDevice);
        PathReport expected = new Paths(log, byDevice, outcome, engine.breakdownMembers(byDevice, outcome, mobile))
                .report(1, PathKind.AFTER_DROP_OFF, 3, PathsViewModel.TOP, () -> false);
        assertThat(model.reportProperty().get().users()).isEqualTo(expected.users())
                .isEqualTo(mobile.steps().get(0).dropped()).isLessThan(result.steps().get(0).dropped());
        assertThat(model.rows().stream().mapToLong(PathsRow::users).sum()).isEqualTo(expected.users());
        assertThat(model.rows()).filteredOn(r -> r.kind() == PathsRow.Kind.PATH).extracting(PathsRow::users)
                .containsExactlyElementsOf(expected.paths().stream().filter(p -> !p.events().isEmpty())
                        .map(PathRow::users).toList());
        assertThat(model.windowTitle()).isEqualTo("Paths · Dropped after 1. page_view (device = mobile)");
        assertThat(model.caption().rules()).contains("of the users with device = mobile");
    }

    /** The view shows "computing" until the result comes; Cancel drops the work and keeps the table shown. */
    @Test
    void computingLastsUntilTheResultAndCancelDropsTheWorkUnderWay() {
        DeferredRunner later = new DeferredRunner();
        PathsRequest request = new PathsRequest(log, spec, "Browsing", "Browsing - paths", FUNNEL_CAPTION, 1,
                PathKind.AFTER_DROP_OFF);
        PathsViewModel model = new PathsViewModel(request, later, defects::add);

        model.compute();
        assertThat(model.computingProperty().get()).isTrue();
        assertThat(model.reportProperty().get()).isNull();
        later.runAll();
        assertThat(model.computingProperty().get()).isFalse();
        PathReport shown = model.reportProperty().get();
        assertThat(shown).isEqualTo(engine(1, PathKind.AFTER_DROP_OFF, 3));

        model.depthProperty().set(2);
        assertThat(model.computingProperty().get()).isTrue();
        model.cancel();
        assertThat(model.computingProperty().get()).isFalse();
        later.runAll();
        assertThat(model.reportProperty().get()).isSameAs(shown);
        assertThat(model.noticeProperty().get()).isEmpty();
        assertThat(defects).isEmpty();
    }
}
