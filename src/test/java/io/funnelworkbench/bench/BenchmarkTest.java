package io.funnelworkbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelworkbench.cli.FunnelCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
