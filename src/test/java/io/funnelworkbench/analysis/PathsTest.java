package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked cases of "Paths" in docs/FUNNEL-SEMANTICS.md, one per rule and edge case. */
class PathsTest {
    static final long T0 = 1_709_546_400_000_000L; // 2024-03-04T10:00:00Z
    static final long MINUTE = 60_000_000L;
    static final long HOUR = 60 * MINUTE;
    static final PathKind AFTER = PathKind.AFTER_DROP_OFF;
    static final PathKind BETWEEN = PathKind.BETWEEN;

    static FunnelSpec sequential(Duration window, String... steps) {
        return FunnelSpec.of(Arrays.stream(steps).map(FunnelSpec.Step::event).toList(), window, OrderMode.SEQUENTIAL);
    }

    static Paths paths(EventLog log, FunnelSpec spec) {
        return new Paths(log, spec, new FunnelEngine(log).scan(spec));
    }

    static PathReport report(EventLog log, FunnelSpec spec, int step, PathKind kind, int depth, int top) {
        return paths(log, spec).report(step, kind, depth, top, Cancellation.NEVER);
    }

    static PathRow row(long users, String... events) {
        return new PathRow(List.of(events), users);
    }

    @Test
    void afterDropOffListsTheEventsAfterTheStepInOrderForTheUsersWhoDroppedThere() {
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "search", T0 + MINUTE).add("u1", "home", T0 + 2 * MINUTE)
                .add("u2", "view", T0).add("u2", "search", T0 + MINUTE).add("u2", "home", T0 + 3 * MINUTE)
                .add("u3", "view", T0).add("u3", "buy", T0 + MINUTE).add("u3", "search", T0 + 2 * MINUTE)
                .add("u4", "home", T0)
                .build();
        PathReport report = report(log, sequential(Duration.ofDays(1), "view", "buy"), 1, AFTER, 3, 10);

        // u3 went on to buy and u4 never viewed: neither dropped at step 1.
        assertThat(report.users()).isEqualTo(2);
        assertThat(report.paths()).containsExactly(row(2, "search", "home"), row(0));
        assertThat(report.otherPathsUsers()).isZero();
        assertThat(report.step()).isEqualTo(1);
        assertThat(report.kind()).isEqualTo(AFTER);
    }

    @Test
    void theStepEventBeingTheUsersLastEventGivesAnEmptyPath() {
        EventLog log = new EventLogBuilder()
                .add("u1", "home", T0 - MINUTE).add("u1", "view", T0)
                .add("u2", "view", T0).add("u2", "home", T0 + MINUTE)
                .build();
        PathReport report = report(log, sequential(Duration.ofDays(1), "view", "buy"), 1, AFTER, 3, 10);

        // Events before the step do not count: u1 did nothing further.
        assertThat(report.paths()).containsExactly(row(1), row(1, "home"));
        assertThat(paths(log, sequential(Duration.ofDays(1), "view", "buy")).usersOf(1, AFTER, 3, List.of()))
                .containsExactly("u1");
    }

    @Test
    void eventsAtTheSameInstantAsTheStepEventAreNotInThePathWhateverTheirImportOrder() {
        EventLog log = new EventLogBuilder()
                .add("u1", "search", T0).add("u1", "view", T0).add("u1", "home", T0)
                .add("u1", "help", T0 + 1)
                .build();
        PathReport report = report(log, sequential(Duration.ofDays(1), "view", "buy"), 1, AFTER, 3, 10);

        assertThat(report.paths()).containsExactly(row(1, "help"), row(0));
    }

    @Test
    void consecutiveRepeatsOfOneNameCountOnceButAReturnCountsAgain() {
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "search", T0 + 1).add("u1", "search", T0 + 2)
                .add("u1", "home", T0 + 3).add("u1", "home", T0 + 3).add("u1", "search", T0 + 4)
                .build();
        PathReport report = report(log, sequential(Duration.ofDays(1), "view", "buy"), 1, AFTER, 5, 10);

        assertThat(report.paths()).containsExactly(row(1, "search", "home", "search"), row(0));
    }

    @Test
    void afterDropOffStopsAtTheEndOfTheWindowFromStepOneInclusive() {
        // Window 1 h from step 1 (at T0); step 2 at T0 + 40 min; the drop is at step 2.
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "cart", T0 + 40 * MINUTE).add("u1", "search", T0 + 50 * MINUTE)
                .add("u1", "home", T0 + HOUR).add("u1", "help", T0 + HOUR + 1).add("u1", "buy", T0 + 2 * HOUR)
                .build();
        PathReport report = report(log, sequential(Duration.ofHours(1), "view", "cart", "buy"), 2, AFTER, 5, 10);

        // home at exactly W after step 1 counts, help 1 us later does not (nor the late buy).
        assertThat(report.paths()).containsExactly(row(1, "search", "home"), row(0));
    }

    @Test
    void theDepthCutsAPathToItsFirstNamesAfterCollapsing() {
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "a", T0 + 1).add("u1", "a", T0 + 2).add("u1", "b", T0 + 3)
                .add("u1", "c", T0 + 4).add("u1", "d", T0 + 5)
                .add("u2", "view", T0).add("u2", "a", T0 + 1).add("u2", "b", T0 + 2).add("u2", "e", T0 + 3)
                .build();
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "buy");

        assertThat(report(log, spec, 1, AFTER, 2, 10).paths()).containsExactly(row(2, "a", "b"), row(0));
        assertThat(report(log, spec, 1, AFTER, 3, 10).paths()).containsExactly(row(1, "a", "b", "c"),
                row(1, "a", "b", "e"), row(0));
        assertThat(report(log, spec, 1, AFTER, 1, 10).depth()).isEqualTo(1);
    }

    @Test
    void betweenListsTheEventsStrictlyBetweenTheTwoStepsForTheUsersWhoWentOn() {
        EventLog log = new EventLogBuilder()
                // u1: search and a repeated view on the way; the event at the instant of buy is not between.
                .add("u1", "view", T0).add("u1", "search", T0 + 1).add("u1", "view", T0 + 2)
                .add("u1", "home", T0 + 3).add("u1", "buy", T0 + 3).add("u1", "help", T0 + 4)
                // u2: buy right after view: went on directly.
                .add("u2", "view", T0).add("u2", "buy", T0 + 1)
                // u3: buy at the instant of view.
                .add("u3", "view", T0).add("u3", "search", T0).add("u3", "buy", T0)
                // u4 dropped: not in "between".
                .add("u4", "view", T0).add("u4", "search", T0 + 1)
                .build();
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "buy");
        PathReport report = report(log, spec, 1, BETWEEN, 3, 10);

        assertThat(report.users()).isEqualTo(3);
        assertThat(report.paths()).containsExactly(row(2), row(1, "search", "view"));
        assertThat(paths(log, spec).usersOf(1, BETWEEN, 3, List.of())).containsExactly("u2", "u3");
        assertThat(paths(log, spec).usersOf(1, BETWEEN, 3, List.of("search", "view"))).containsExactly("u1");
    }

    @Test
    void betweenUsesTheCountedAttemptsStepEvents() {
        // Two attempts: the first (T0) reaches buy at T0 + 3; the second view at T0 + 1 is on the way.
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "view", T0 + 1).add("u1", "cart", T0 + 2).add("u1", "buy", T0 + 3)
                .build();
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "cart", "buy");

        assertThat(report(log, spec, 1, BETWEEN, 3, 10).paths()).containsExactly(row(1, "view"), row(0));
        assertThat(report(log, spec, 2, BETWEEN, 3, 10).paths()).containsExactly(row(1));
    }

    @Test
    void tiesAreOrderedByThePathAlphabeticallyAndTheTopNLeaveTheRestAsOtherPaths() {
        EventLogBuilder builder = new EventLogBuilder();
        String[][] paths = {{"b"}, {"b"}, {"a", "c"}, {"a"}, {"a"}, {"c"}, {"a", "b"}, {}};
        for (int u = 0; u < paths.length; u++) {
            builder.add("u" + u, "view", T0);
            for (int i = 0; i < paths[u].length; i++) {
                builder.add("u" + u, paths[u][i], T0 + i + 1);
            }
        }
        EventLog log = builder.build();
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "buy");

        assertThat(report(log, spec, 1, AFTER, 3, 10).paths()).containsExactly(row(2, "a"), row(2, "b"), row(1),
                row(1, "a", "b"), row(1, "a", "c"), row(1, "c"));
        PathReport top3 = report(log, spec, 1, AFTER, 3, 3);
        assertThat(top3.paths()).containsExactly(row(2, "a"), row(2, "b"), row(1));
        assertThat(top3.otherPathsUsers()).isEqualTo(3);
        assertThat(top3.users()).isEqualTo(8);
        assertThat(top3.paths().stream().mapToLong(PathRow::users).sum() + top3.otherPathsUsers())
                .isEqualTo(top3.users());
        assertThat(paths(log, spec).usersOfOtherPaths(top3)).containsExactlyInAnyOrder("u2", "u5", "u6");
        // The empty path ranks third: with the top 2 it is listed all the same, and is not among the other paths.
        PathReport top2 = report(log, spec, 1, AFTER, 3, 2);
        assertThat(top2.paths()).containsExactly(row(2, "a"), row(2, "b"), row(1));
        assertThat(top2.otherPathsUsers()).isEqualTo(3);
    }

    @Test
    void aPathNobodyTookHasNoUsers() {
        EventLog log = new EventLogBuilder().add("u1", "view", T0).add("u1", "a", T0 + 1).build();
        Paths paths = paths(log, sequential(Duration.ofDays(1), "view", "buy"));

        assertThat(paths.usersOf(1, AFTER, 3, List.of("a", "a"))).isEmpty();
        assertThat(paths.usersOf(1, AFTER, 3, List.of("nothing"))).isEmpty();
        assertThat(paths.usersOf(1, AFTER, 3, List.of("a"))).containsExactly("u1");
    }

    @Test
    void excludedUsersAreNotInTheDropOff() {
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "refund", T0 + 1)
                .add("u2", "view", T0).add("u2", "home", T0 + 1)
                .build();
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "buy").withExclusions(List.of(
                new FunnelSpec.ExclusionSpec("refund", FunnelSpec.Step.event("refund").rule(), 1, 2, false)));

        PathReport report = report(log, spec, 1, AFTER, 3, 10);
        assertThat(report.users()).isEqualTo(1);
        assertThat(report.paths()).containsExactly(row(1, "home"), row(0));
    }

    @Test
    void theUsersAddUpToTheStepsDropOffAndToTheNextStepsUsers() {
        EventLog log = new EventLogBuilder()
                .add("u1", "view", T0).add("u1", "cart", T0 + 1)
                .add("u2", "view", T0).add("u2", "x", T0 + 1)
                .add("u3", "view", T0).add("u3", "cart", T0 + 1).add("u3", "buy", T0 + 2)
                .build();
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "cart", "buy");
        var result = new FunnelEngine(log).compute(spec);

        assertThat(report(log, spec, 1, AFTER, 3, 10).users())
                .isEqualTo(result.steps().get(0).users() - result.steps().get(1).users());
        assertThat(report(log, spec, 1, BETWEEN, 3, 10).users()).isEqualTo(result.steps().get(1).users());
        assertThat(report(log, spec, 2, AFTER, 3, 10).paths()).containsExactly(row(1));
    }

    @Test
    void refusesAnyOrderTheLastStepAStepOutOfRangeAndADepthOutsideOneToTen() {
        EventLog log = new EventLogBuilder().add("u1", "view", T0).build();
        FunnelSpec any = FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("buy")),
                Duration.ofDays(1), OrderMode.ANY);
        FunnelSpec spec = sequential(Duration.ofDays(1), "view", "buy");

        assertThatThrownBy(() -> report(log, any, 1, AFTER, 3, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ordered funnel");
        assertThatThrownBy(() -> report(log, spec, 2, AFTER, 3, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Nobody drops off after the last step (2), so it has no paths after drop-off: give 1 to"
                        + " 1.");
        assertThatThrownBy(() -> report(log, spec, 2, BETWEEN, 3, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no next step");
        assertThatThrownBy(() -> report(log, spec, 0, AFTER, 3, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Step 0 is not a step of this funnel: give 1 to 2.");
        assertThatThrownBy(() -> report(log, spec, 3, BETWEEN, 3, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Step 3 is not a step of this funnel: give 1 to 2.");
        assertThatThrownBy(() -> report(log, spec, 1, AFTER, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A path's depth is 1 to 10 events, not 0.");
        assertThatThrownBy(() -> report(log, spec, 1, AFTER, 11, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A path's depth is 1 to 10 events, not 11.");
        assertThatThrownBy(() -> report(log, spec, 1, AFTER, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one path");
    }
}
