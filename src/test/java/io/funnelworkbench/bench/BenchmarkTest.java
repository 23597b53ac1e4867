package io.funnelworkbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.cli.FunnelCli;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void runsEndToEndWithoutThePeerAndCleansUp() throws IOException {
        List<String> log = new ArrayList<>();
        Benchmark.Result result = new Benchmark(
                new Benchmark.Settings(20_000, 1_000, 5, 2, 2_000, dir, false), log::add).run();

        // The test class path has no DuckDB: the peer is reported, not fatal.
        assertThat(result.duckdb().available()).isFalse();
        assertThat(result.duckdb().unavailableReason()).contains("-Pbench");
        assertThat(result.duckdb().loadSeconds()).isNull();
        assertThat(result.duckdb().loadRuns()).isEmpty();
        assertThat(result.importVsDuckdb()).isNull();
        assertThat(result.duckdbRowsPerSecond()).isNull();

        assertThat(result.events()).isEqualTo(20_000);
        assertThat(result.rowsImported()).isEqualTo(20_000);
        assertThat(result.rowsRejected()).isZero();
        assertThat(result.snapshotEvents()).isEqualTo(20_000);
        assertThat(result.snapshotUsers()).isEqualTo(1_000);
        assertThat(result.fileBytes()).isGreaterThan(20_000L * 40);
        assertThat(result.projectBytes()).isPositive();
        assertThat(result.importRuns()).hasSize(2).allSatisfy(seconds -> assertThat(seconds).isPositive());
        assertThat(result.importSeconds()).isPositive();
        assertThat(result.importRowsPerSecond()).isPositive();
        assertThat(result.openRuns()).hasSize(2);
        assertThat(result.openSnapshotSeconds()).isPositive();
        assertThat(result.openNewJvmRuns()).hasSize(2).allSatisfy(seconds -> assertThat(seconds).isPositive());
        assertThat(result.warmupImportSeconds()).isNotNull().isPositive();
        assertThat(result.importHeap().peakUsedMb()).isPositive().isLessThanOrEqualTo(result.maxHeapMb());
        assertThat(result.importHeap().allocatedMb()).isPositive();
        assertThat(result.importHeap().samples()).isPositive();
        assertThat(result.snapshotHeapMb()).isPositive();
        assertThat(result.maxHeapMb()).isPositive();
        assertThat(result.cores()).isPositive();
        assertThat(result.javaVersion()).isNotBlank();
        assertThat(result.keptDir()).isNull();
        assertThat(log).anyMatch(line -> line.contains("DuckDB: unavailable"));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void analysisFiguresOnATinyRunWithoutThePeer() throws IOException {
        List<String> log = new ArrayList<>();
        Benchmark.Result result = new Benchmark(
                new Benchmark.Settings(20_000, 1_000, 7, 1, 0, dir, false, 1, 3), log::add).run();

        AnalysisBenchmark.Result analysis = result.analysis();
        assertThat(analysis.warmupRuns()).isEqualTo(1);
        assertThat(analysis.runs()).isEqualTo(3);
        assertThat(analysis.all()).extracting(AnalysisBenchmark.Figures::name)
                .containsExactly("funnel", "breakdown", "conditions");
        for (AnalysisBenchmark.Figures figures : analysis.all()) {
            assertThat(figures.runs()).hasSize(3).allSatisfy(seconds -> assertThat(seconds).isPositive());
            assertThat(figures.seconds()).isPositive();
            // No DuckDB on the test class path: the peer's figures are absent, not zero.
            assertThat(figures.duckdbRuns()).isEmpty();
            assertThat(figures.duckdbSeconds()).isNull();
            assertThat(figures.vsDuckdb()).isNull();
            assertThat(figures.duckdbStepUsers()).isEmpty();
            assertThat(figures.countsMatch()).isNull();
            assertThat(figures.mismatch()).isNull();
            assertThat(figures.sql()).contains("JOIN", "events");
            // Users per step: four steps, never more users at a later step, at most every user.
            List<Long> users = figures.stepUsers();
            assertThat(users).hasSize(4);
            assertThat(users.get(0)).isPositive().isLessThanOrEqualTo(result.snapshotUsers());
            for (int i = 1; i < users.size(); i++) {
                assertThat(users.get(i)).isNotNegative().isLessThanOrEqualTo(users.get(i - 1));
            }
        }
        List<Long> funnel = analysis.funnel().stepUsers();
        assertThat(funnel.get(3)).as("somebody buys in 20,000 events").isPositive();
        // The breakdown splits the same funnel; conditions only narrow each step's events.
        assertThat(analysis.breakdown().stepUsers()).isEqualTo(funnel);
        assertThat(analysis.breakdown().groups()).isBetween(2, 26);
        assertThat(analysis.funnel().groups()).isZero();
        List<Long> conditions = analysis.conditions().stepUsers();
        for (int i = 0; i < 4; i++) {
            assertThat(conditions.get(i)).isLessThanOrEqualTo(funnel.get(i));
        }
        assertThat(conditions.get(0)).isPositive().isLessThan(funnel.get(0));
        assertThat(analysis.mismatches()).isEmpty();
        assertThat(log).anyMatch(line -> line.startsWith("Analysis: funnel"));
        // Paths after drop-off at step 1: the users who viewed an item and never added one to the cart.
        assertThat(analysis.pathsRuns()).hasSize(3).allSatisfy(seconds -> assertThat(seconds).isPositive());
        assertThat(analysis.pathsUsers()).isEqualTo(funnel.get(0) - funnel.get(1));
        assertThat(log).anyMatch(line -> line.startsWith("Analysis: paths after drop-off at step 1"));
        // Issue 13, beside the funnel: its required steps keep the funnel's users whatever the optional step;
        // accounts are fewer than users; July's funnel is part of the whole.
        assertThat(analysis.relative()).extracting(RelativeBenchmark.Figures::name)
                .containsExactly("optional", "account", "compare");
        for (RelativeBenchmark.Figures figures : analysis.relative()) {
            assertThat(figures.runs()).hasSize(3).allSatisfy(seconds -> assertThat(seconds).isPositive());
            assertThat(figures.funnelRuns()).hasSize(3).allSatisfy(seconds -> assertThat(seconds).isPositive());
            assertThat(figures.vsFunnel()).isEqualTo(figures.seconds() / figures.funnelSeconds());
        }
        List<Long> optional = analysis.relative().get(0).stepUsers();
        assertThat(List.of(optional.get(0), optional.get(1), optional.get(3), optional.get(4))).isEqualTo(funnel);
        assertThat(optional.get(2)).isPositive().isLessThanOrEqualTo(optional.get(1));
        RelativeBenchmark.Figures account = analysis.relative().get(1);
        assertThat(account.stepUsers().get(0)).isPositive().isLessThan(funnel.get(0));
        assertThat(account.firstSeconds()).isPositive();
        assertThat(analysis.relative().get(1).firstVsFunnel()).isPositive();
        assertThat(analysis.relative().get(2).stepUsers().get(0)).isPositive().isLessThan(funnel.get(0));
    }

    @Test
    void aDifferenceFromDuckdbIsReportedPerStepAndPerGroup() {
        EventLogBuilder builder = new EventLogBuilder();
        long day = 86_400_000_000L;
        builder.add("a", "view_item", 0, null, Map.of("country", "US"));
        builder.add("a", "add_to_cart", day, null, Map.of("country", "US"));
        builder.add("b", "view_item", 0, null, Map.of("country", "DE"));
        builder.add("b", "add_to_cart", 8 * day, null, Map.of("country", "DE")); // past the 7-day window
        builder.add("c", "view_item", 0, null, Map.of());
        EventLog log = builder.build();
        FunnelSpec spec = FunnelSpec.of(AnalysisBenchmark.STEPS.stream().map(FunnelSpec.Step::event).toList(),
                AnalysisBenchmark.WINDOW, OrderMode.SEQUENTIAL).withBreakdown("country", null);
        FunnelResult ours = new FunnelEngine(log).compute(spec);
        assertThat(ours.steps()).extracting(StepResult::users).containsExactly(3L, 1L, 0L, 0L);

        Map<String, List<Long>> groups = new LinkedHashMap<>();
        groups.put("US", List.of(1L, 1L, 0L, 0L));
        groups.put("DE", List.of(1L, 0L, 0L, 0L));
        groups.put(null, List.of(1L, 0L, 0L, 0L));
        assertThat(AnalysisBenchmark.mismatch(ours,
                new AnalysisBenchmark.DuckResult(1, List.of(3L, 1L, 0L, 0L), groups))).isNull();

        Map<String, List<Long>> wrong = new LinkedHashMap<>(groups);
        wrong.put("DE", List.of(1L, 1L, 0L, 0L));
        String mismatch = AnalysisBenchmark.mismatch(ours,
                new AnalysisBenchmark.DuckResult(1, List.of(3L, 2L, 0L, 0L), wrong));
        assertThat(mismatch).contains("users per step: ours [3, 1, 0, 0], DuckDB [3, 2, 0, 0]")
                .contains("DE: ours [1, 0, 0, 0], DuckDB [1, 1, 0, 0]").doesNotContain("US:");
    }

    /** The full start-up comparison needs the app image and a -Pbench build; docs/BENCHMARKS.md has its runs. */
    @Test
    void theStartupComparisonSaysWhatItNeedsWithoutThePeer() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FunnelCli.run(new String[] {"bench", "--startup", dir.resolve("bin/funnel-workbench").toString(),
            "--events", "1000", "--users", "10"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("The start-up benchmark needs DuckDB as its peer: the DuckDB"
                + " JDBC driver is not on the class path; build with -Pbench.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theSqlFunnelChainsEachStepWithinTheWindowOfStepOne() {
        String sql = AnalysisBenchmark.funnelSql(List.of("a", "b", "c", "d"), 604_800_000_000L, null);
        assertThat(sql).contains("s1 AS (SELECT user_id AS u, epoch_us(\"timestamp\") AS t FROM events WHERE a)")
                .contains("s4 AS").contains("j2 AS").contains("j3 AS").contains("j4 AS (SELECT DISTINCT j.u")
                .contains("s2.t >= s1.t AND s2.t <= s1.t + 604800000000")
                .contains("s.t >= j.t AND s.t <= j.t1 + 604800000000")
                .doesNotContain("first_touch");
        String breakdown = AnalysisBenchmark.funnelSql(List.of("a", "b"), 10, "country");
        assertThat(breakdown).contains("arg_min(\"country\", epoch_us(\"timestamp\"))", "GROUP BY f.g");
    }

    @Test
    void keepLeavesTheFileAndProject() throws IOException {
        Benchmark.Result result = new Benchmark(
                new Benchmark.Settings(3_000, 100, 5, 1, 0, dir, true), line -> { }).run();

        assertThat(result.keptDir()).isNotNull();
        assertThat(result.warmupImportSeconds()).isNull();
        assertThat(result.keptDir().resolve("events-3000.csv")).isRegularFile();
        assertThat(result.keptDir().resolve("bench-project-1.mv.db")).isRegularFile();
    }

    @Test
    void medianOfRuns() {
        assertThat(Benchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Benchmark.median(List.of(4.0, 1.0))).isEqualTo(2.5);
    }

    @Test
    void commandPrintsJsonOnStandardOutputAndProgressOnStandardError() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FunnelCli.run(new String[] {"bench", "--events", "3000", "--users", "100", "--runs", "1",
            "--warmup-events", "0", "--dir", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("events").asLong()).isEqualTo(3000);
        assertThat(json.get("rows_imported").asLong()).isEqualTo(3000);
        assertThat(json.get("duckdb_available").asBoolean()).isFalse();
        assertThat(json.get("import_vs_duckdb").isNull()).isTrue();
        assertThat(json.get("import_rows_per_second").asLong()).isPositive();
        assertThat(json.get("peak_heap_mb").asDouble()).isPositive();
        assertThat(json.get("cores").asInt()).isPositive();
        assertThat(json.get("funnel_seconds").asDouble()).isPositive();
        assertThat(json.get("funnel_runs")).hasSize(7);
        assertThat(json.get("funnel_duckdb_seconds").isNull()).isTrue();
        assertThat(json.get("funnel_vs_duckdb").isNull()).isTrue();
        assertThat(json.get("funnel_step_users")).hasSize(4);
        assertThat(json.get("funnel_duckdb_step_users").isNull()).isTrue();
        assertThat(json.get("funnel_counts_match").isNull()).isTrue();
        assertThat(json.get("breakdown_seconds").asDouble()).isPositive();
        assertThat(json.get("breakdown_groups").asInt()).isPositive();
        assertThat(json.get("conditions_seconds").asDouble()).isPositive();
        assertThat(json.get("paths_seconds").asDouble()).isPositive();
        assertThat(json.get("paths_runs")).hasSize(7);
        assertThat(json.get("paths_users").asLong()).isEqualTo(json.get("funnel_step_users").get(0).asLong()
                - json.get("funnel_step_users").get(1).asLong());
        assertThat(json.get("targets_met").has("paths_within_300ms")).isTrue();
        assertThat(json.get("conditions_step_users")).hasSize(4);
        assertThat(json.get("analysis_mismatches")).isEmpty();
        assertThat(json.get("targets_met").get("funnel_within_100ms").isBoolean()).isTrue();
        assertThat(json.get("targets_met").get("snapshot_within_1gb").asBoolean()).isTrue();
        assertThat(json.get("targets_met").get("funnel_counts_match_duckdb").isNull()).isTrue();
        for (String name : List.of("optional", "account", "compare")) {
            assertThat(json.get(name + "_seconds").asDouble()).as(name).isPositive();
            assertThat(json.get(name + "_runs")).hasSize(7);
            assertThat(json.get(name + "_vs_funnel").asDouble()).isPositive();
            assertThat(json.get(name + "_funnel_seconds").asDouble()).isPositive();
            assertThat(json.get("targets_met").get(name + "_within_2x_funnel").isBoolean()).isTrue();
        }
        assertThat(json.get("optional_step_users")).hasSize(5);
        assertThat(json.get("account_first_seconds").asDouble()).isPositive();
        assertThat(err.toString()).contains("Generating 3,000 events");
    }

    @Test
    void commandRefusesFewerEventsThanUsers() {
        StringWriter err = new StringWriter();
        int exit = FunnelCli.run(new String[] {"bench", "--events", "10", "--users", "20"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--events must be at least --users");
    }
}
