package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.bench.AnalysisBenchmark;
import io.funnelworkbench.bench.Benchmark;
import io.funnelworkbench.bench.NestedJsonBenchmark;
import io.funnelworkbench.bench.RelativeBenchmark;
import io.funnelworkbench.bench.StartupBenchmark;
import io.funnelworkbench.bench.SyntheticExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: generates a synthetic export, loads it into DuckDB (when the build has it) and imports it into
 * a new project, then opens the project and computes funnels beside DuckDB's SQL; prints the figures. Progress
 * goes to standard error. Exits with 1 (after printing the figures) when our funnel counts differ from DuckDB's.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the import and funnel analysis on a synthetic export beside DuckDB (see"
            + " docs/BENCHMARKS.md).", "DuckDB takes part when the build includes it: mvn -Pbench package."})
final class BenchCommand implements Callable<Integer> {
    /** The targets of issue 3. */
    static final double TARGET_IMPORT_VS_DUCKDB = 2.0;
    static final double TARGET_OPEN_SNAPSHOT_SECONDS = 2.0;
    static final double TARGET_PEAK_HEAP_MB = 1536.0;
    /** The targets of issue 4 (at 10M events, snapshot in memory). */
    static final double TARGET_FUNNEL_SECONDS = 0.100;
    static final double TARGET_BREAKDOWN_SECONDS = 0.300;
    static final double TARGET_CONDITIONS_SECONDS = 0.200;
    static final double TARGET_PATHS_SECONDS = 0.300;
    static final double TARGET_SNAPSHOT_HEAP_MB = 1024.0;
    /** The target of issue 13: an optional step, counting by account, comparing periods each within 2x the funnel. */
    static final double TARGET_RELATIVE_TO_FUNNEL = 2.0;
    /** The target of issue 9: a fresh process's funnel no slower than a fresh DuckDB process's. */
    static final double TARGET_STARTUP_VS_DUCKDB = 1.0;
    /** The targets of issue 11 for GA4-shaped nested JSON lines (1M events). */
    static final double TARGET_NESTED_JSON_VS_DUCKDB = 2.0;
    static final double TARGET_NESTED_JSON_PEAK_HEAP_MB = 1024.0;
    static final long NESTED_JSON_DEFAULT_EVENTS = 1_000_000L;

    enum Format { json, table }

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + SyntheticExport.DEFAULT_EVENTS,
            description = "Events in the synthetic export (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--users", paramLabel = "N", defaultValue = "" + SyntheticExport.DEFAULT_USERS,
            description = "Users in the synthetic export (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SyntheticExport.DEFAULT_SEED,
            description = "Seed of the synthetic export; the same seed gives the same file"
                    + " (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Timed runs of each side, alternating; figures are medians (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--warmup-events", paramLabel = "N",
            description = "Events of the warm-up file imported (and loaded by DuckDB) first; 0 skips the warm-up"
                    + " (default: a tenth of --events, at most 1000000).")
    private Long warmupEvents;

    @Option(names = "--analysis-runs", paramLabel = "N",
            defaultValue = "" + Benchmark.Settings.DEFAULT_ANALYSIS_RUNS,
            description = "Timed runs of each funnel, ours and DuckDB's alternating; figures are medians"
                    + " (default: ${DEFAULT-VALUE}).")
    private int analysisRuns;

    @Option(names = "--analysis-warmup-runs", paramLabel = "N",
            defaultValue = "" + Benchmark.Settings.DEFAULT_ANALYSIS_WARMUP_RUNS,
            description = "Untimed runs of each funnel on both sides before the timed ones"
                    + " (default: ${DEFAULT-VALUE}).")
    private int analysisWarmupRuns;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder for the temporary file and projects (default: the system temp folder).")
    private Path dir;

    @Option(names = "--keep", description = "Keep the generated file and projects instead of deleting them.")
    private boolean keep;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default) or table.")
    private Format format;

    @Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "csv",
            description = "csv (default): the CSV import and the analysis; ga4-json: the import of the same events"
                    + " written as a GA4 BigQuery export (nested JSON lines; --events defaults to 1,000,000)"
                    + " against DuckDB's read_json.")
    private String shape;

    @Option(names = "--startup", paramLabel = "LAUNCHER",
            description = "Instead: time a funnel in a fresh process through this command-line launcher of the app"
                    + " image (bin/funnel-workbench) beside a fresh DuckDB process, --runs times (see"
                    + " docs/BENCHMARKS.md, \"Start-up\").")
    private Path startup;

    @Override
    public Integer call() throws IOException {
        if (shape.equals("ga4-json")) {
            return nestedJson(spec.commandLine().getErr());
        }
        if (events < 1 || users < 1 || events < users) {
            throw new ParameterException(spec.commandLine(), "--events must be at least --users, and both positive"
                    + " (every user has at least one event); got --events " + events + " --users " + users + ".");
        }
        long warmup = warmupEvents == null ? Benchmark.Settings.defaultWarmup(events) : warmupEvents;
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-events must not be negative.");
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1.");
        }
        if (analysisRuns < 1 || analysisWarmupRuns < 0) {
            throw new ParameterException(spec.commandLine(), "--analysis-runs must be at least 1 and"
                    + " --analysis-warmup-runs not negative.");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (startup != null) {
            return startup(err);
        }
        if (!shape.equals("csv")) {
            throw new ParameterException(spec.commandLine(), "--shape " + shape + " is neither csv nor ga4-json.");
        }
        Benchmark.Result result = new Benchmark(new Benchmark.Settings(events, users, seed, runs, warmup, dir, keep,
                analysisWarmupRuns, analysisRuns), line -> {
                    err.println(line);
                    err.flush();
                }).run();
        ObjectNode json = toJson(result);
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.table ? table(json) : Json.write(json));
        out.flush();
        List<String> mismatches = result.analysis().mismatches();
        if (!mismatches.isEmpty()) {
            err.println("ERROR: our funnel counts differ from DuckDB's (see analysis_mismatches):");
            mismatches.forEach(line -> err.println("  " + line));
            err.flush();
            return 1;
        }
        return 0;
    }

    private int startup(PrintWriter err) throws IOException {
        StartupBenchmark.Result r = new StartupBenchmark(new StartupBenchmark.Settings(startup.toAbsolutePath(),
                events, users, seed, runs, dir, keep), line -> {
                    err.println(line);
                    err.flush();
                }).run();
        ObjectNode json = Json.object();
        json.put("events", r.events());
        json.put("users", r.users());
        json.put("launcher", startup.toAbsolutePath().toString());
        json.put("duckdb_version", r.duckdbVersion());
        json.put("ours_seconds", round(r.oursMedian(), 3));
        json.put("duckdb_seconds", round(r.duckdbMedian(), 3));
        json.put("ours_vs_duckdb", round(r.oursMedian() / r.duckdbMedian(), 3));
        json.put("duckdb_select_1_seconds", round(r.duckdbNoQueryMedian(), 3));
        putRuns(json.putArray("ours_runs"), r.ours());
        putRuns(json.putArray("duckdb_runs"), r.duckdb());
        putRuns(json.putArray("duckdb_select_1_runs"), r.duckdbNoQuery());
        ArrayNode users = json.putArray("users_per_step");
        r.oursUsersPerStep().forEach(users::add);
        json.put("counts_match_duckdb", r.countsMatch());
        json.put("target_met", r.oursMedian() <= TARGET_STARTUP_VS_DUCKDB * r.duckdbMedian());
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.table ? table(json) : Json.write(json));
        out.flush();
        if (!r.countsMatch()) {
            err.println("ERROR: our users per step " + r.oursUsersPerStep() + " differ from DuckDB's "
                    + r.duckdbUsersPerStep());
            return 1;
        }
        return 0;
    }

    private int nestedJson(PrintWriter err) throws IOException {
        boolean eventsGiven = spec.commandLine().getParseResult().hasMatchedOption("--events");
        long count = eventsGiven ? events : NESTED_JSON_DEFAULT_EVENTS;
        if (count < 1 || runs < 1) {
            throw new ParameterException(spec.commandLine(), "--events and --runs must be positive.");
        }
        int userCount = spec.commandLine().getParseResult().hasMatchedOption("--users") ? users
                : (int) Math.max(1, Math.min(count, (long) users * count / SyntheticExport.DEFAULT_EVENTS));
        NestedJsonBenchmark.Result r = new NestedJsonBenchmark(new NestedJsonBenchmark.Settings(count, userCount, seed,
                runs, dir, keep), line -> {
                    err.println(line);
                    err.flush();
                }).run();
        ObjectNode json = Json.object();
        json.put("shape", "ga4-json");
        json.put("events", r.events());
        json.put("file_bytes", r.fileBytes());
        json.put("duckdb_version", r.duckdbVersion());
        json.put("duckdb_read_json_seconds", round(r.duckdbSeconds(), 3));
        putRuns(json.putArray("duckdb_read_json_runs"), r.duckdbRuns());
        json.put("duckdb_rows", r.duckdbRows());
        json.put("import_seconds", round(r.importSeconds(), 3));
        putRuns(json.putArray("import_runs"), r.importRuns());
        json.put("rows_imported", r.rowsImported());
        json.put("properties_created", r.propertiesCreated());
        json.put("import_vs_duckdb", round(r.importVsDuckdb(), 3));
        json.put("import_peak_heap_mb", round(r.importHeap().peakUsedMb(), 0));
        json.put("import_peak_live_heap_mb", round(r.importHeap().peakLiveMb(), 0));
        json.put("max_heap_mb", round(r.maxHeapMb(), 0));
        json.put("target_import_vs_duckdb", TARGET_NESTED_JSON_VS_DUCKDB);
        json.put("target_peak_heap_mb", TARGET_NESTED_JSON_PEAK_HEAP_MB);
        json.put("target_met", r.importVsDuckdb() != null && r.importVsDuckdb() <= TARGET_NESTED_JSON_VS_DUCKDB
                && r.importHeap().peakUsedMb() <= TARGET_NESTED_JSON_PEAK_HEAP_MB);
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.table ? table(json) : Json.write(json));
        out.flush();
        return 0;
    }

    private static void putRuns(ArrayNode array, List<Double> seconds) {
        seconds.forEach(s -> array.add(round(s, 3)));
    }

    static ObjectNode toJson(Benchmark.Result r) {
        ObjectNode json = Json.object();
        json.put("events", r.events());
        json.put("users", r.users());
        json.put("seed", r.seed());
        json.put("file_bytes", r.fileBytes());
        json.put("generate_seconds", round(r.generateSeconds(), 3));
        json.put("read_file_seconds", round(r.readFileSeconds(), 3));
        json.put("load_average", round(r.loadAverage(), 2));
        json.put("runs", r.importRuns().size());

        Benchmark.PeerResult duck = r.duckdb();
        json.put("duckdb_available", duck.available());
        if (!duck.available()) {
            json.put("duckdb_unavailable_reason", duck.unavailableReason());
        }
        json.put("duckdb_version", duck.version());
        json.put("duckdb_load_seconds", round(duck.loadSeconds(), 3));
        seconds(json.putArray("duckdb_load_runs"), duck.loadRuns());
        json.put("duckdb_rows", duck.rows());
        json.put("duckdb_rows_per_second", whole(r.duckdbRowsPerSecond()));
        json.put("duckdb_column_types", duck.columnTypes());

        json.put("rows_imported", r.rowsImported());
        json.put("rows_rejected", r.rowsRejected());
        json.put("import_seconds", round(r.importSeconds(), 3));
        seconds(json.putArray("import_runs"), r.importRuns());
        json.put("import_rows_per_second", whole(r.importRowsPerSecond()));
        json.put("import_vs_duckdb", round(r.importVsDuckdb(), 2));
        json.put("close_seconds", round(r.closeSeconds(), 3));
        json.put("project_bytes", r.projectBytes());
        json.put("open_snapshot_seconds", round(r.openSnapshotSeconds(), 3));
        seconds(json.putArray("open_snapshot_runs"), r.openRuns());
        json.put("open_snapshot_new_jvm_seconds", round(r.openSnapshotNewJvmSeconds(), 3));
        seconds(json.putArray("open_snapshot_new_jvm_runs"), r.openNewJvmRuns());
        json.put("snapshot_events", r.snapshotEvents());
        json.put("snapshot_users", r.snapshotUsers());
        json.put("snapshot_heap_mb", round(r.snapshotHeapMb(), 1));
        json.put("event_stats_seconds", round(r.eventStatsSeconds(), 3));
        analysis(json, r.analysis());

        Benchmark.HeapResult heap = r.importHeap();
        json.put("peak_heap_mb", round(heap.peakUsedMb(), 1));
        json.put("peak_live_heap_mb", round(heap.peakLiveMb(), 1));
        json.put("allocated_mb", whole(heap.allocatedMb()));
        json.put("gc_count", heap.gcCount());
        json.put("gc_seconds", round(heap.gcSeconds(), 3));
        json.put("heap_samples", heap.samples());
        json.put("max_heap_mb", whole(r.maxHeapMb()));
        json.put("xmx", r.xmx());

        json.put("warmup_events", r.warmupEvents());
        json.put("warmup_import_seconds", round(r.warmupImportSeconds(), 3));
        json.put("warmup_duckdb_seconds", round(duck.warmupSeconds(), 3));

        ObjectNode targets = json.putObject("targets_met");
        Double ratio = r.importVsDuckdb();
        if (ratio == null) {
            targets.putNull("import_within_2x_duckdb");
        } else {
            targets.put("import_within_2x_duckdb", ratio <= TARGET_IMPORT_VS_DUCKDB);
        }
        targets.put("open_snapshot_within_2s", r.openSnapshotSeconds() <= TARGET_OPEN_SNAPSHOT_SECONDS);
        Double newJvm = r.openSnapshotNewJvmSeconds();
        if (newJvm == null) {
            targets.putNull("open_snapshot_new_jvm_within_2s");
        } else {
            targets.put("open_snapshot_new_jvm_within_2s", newJvm <= TARGET_OPEN_SNAPSHOT_SECONDS);
        }
        targets.put("peak_heap_within_1_5gb", heap.peakUsedMb() <= TARGET_PEAK_HEAP_MB);
        AnalysisBenchmark.Result analysis = r.analysis();
        targets.put("funnel_within_100ms", analysis.funnel().seconds() <= TARGET_FUNNEL_SECONDS);
        targets.put("breakdown_within_300ms", analysis.breakdown().seconds() <= TARGET_BREAKDOWN_SECONDS);
        targets.put("conditions_within_200ms", analysis.conditions().seconds() <= TARGET_CONDITIONS_SECONDS);
        targets.put("paths_within_300ms", analysis.pathsSeconds() <= TARGET_PATHS_SECONDS);
        targets.put("snapshot_within_1gb", r.snapshotHeapMb() <= TARGET_SNAPSHOT_HEAP_MB);
        for (String name : RELATIVE) {
            RelativeBenchmark.Figures f = relative(analysis, name);
            if (f == null) {
                targets.putNull(name + "_within_2x_funnel");
            } else {
                targets.put(name + "_within_2x_funnel", f.vsFunnel() <= TARGET_RELATIVE_TO_FUNNEL);
            }
        }
        if (!duck.available()) {
            targets.putNull("funnel_counts_match_duckdb");
        } else {
            targets.put("funnel_counts_match_duckdb", analysis.mismatches().isEmpty());
        }

        json.put("java_version", r.javaVersion());
        json.put("vm", r.vm());
        json.put("cores", r.cores());
        json.put("kept_dir", r.keptDir() == null ? null : r.keptDir().toString());
        return json;
    }

    /**
     * The analysis figures: for each of funnel, breakdown and conditions, our median seconds and runs, DuckDB's,
     * the ratio, the users per step of both and whether they match.
     */
    private static void analysis(ObjectNode json, AnalysisBenchmark.Result analysis) {
        json.put("analysis_warmup_runs", analysis.warmupRuns());
        json.put("analysis_runs", analysis.runs());
        json.put("analysis_load_average", round(analysis.loadAverage(), 2));
        json.put("analysis_other_cpu_share", round(analysis.otherCpuShare(), 3));
        for (AnalysisBenchmark.Figures f : analysis.all()) {
            String name = f.name();
            json.put(name + "_spec", f.description());
            json.put(name + "_seconds", round(f.seconds(), 6));
            seconds(json.putArray(name + "_runs"), f.runs(), 6);
            json.put(name + "_duckdb_seconds", round(f.duckdbSeconds(), 6));
            seconds(json.putArray(name + "_duckdb_runs"), f.duckdbRuns(), 6);
            json.put(name + "_vs_duckdb", round(f.vsDuckdb(), 4));
            ArrayNode users = json.putArray(name + "_step_users");
            f.stepUsers().forEach(users::add);
            if (f.duckdbRuns().isEmpty()) {
                json.putNull(name + "_duckdb_step_users");
            } else {
                ArrayNode theirs = json.putArray(name + "_duckdb_step_users");
                f.duckdbStepUsers().forEach(theirs::add);
            }
            if (f.groups() > 0) {
                json.put(name + "_groups", f.groups());
            }
            json.put(name + "_counts_match", f.countsMatch());
        }
        json.put("paths_spec", "after drop-off at step 1 of the funnel, depth 3, top 10 (on its scan)");
        json.put("paths_seconds", round(analysis.pathsSeconds(), 6));
        seconds(json.putArray("paths_runs"), analysis.pathsRuns(), 6);
        json.put("paths_users", analysis.pathsUsers());
        relative(json, analysis);
        ArrayNode mismatches = json.putArray("analysis_mismatches");
        analysis.mismatches().forEach(mismatches::add);
        json.put("funnel_duckdb_sql", analysis.funnel().duckdbRuns().isEmpty() ? null : analysis.funnel().sql());
    }

    /** The funnels of issue 13 in the order they are reported (account is absent from a log without accounts). */
    private static final List<String> RELATIVE = List.of("optional", "account", "compare");

    private static RelativeBenchmark.Figures relative(AnalysisBenchmark.Result analysis, String name) {
        return analysis.relative().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Per funnel of issue 13 (optional, account, compare): its median seconds and runs, the users per step, the
     * plain funnel's median in runs alternating with it and the ratio of the two; for account also the first
     * computation (regrouping included); null when absent.
     */
    private static void relative(ObjectNode json, AnalysisBenchmark.Result analysis) {
        for (String name : RELATIVE) {
            RelativeBenchmark.Figures f = relative(analysis, name);
            json.put(name + "_spec", f == null ? null : f.description());
            json.put(name + "_seconds", f == null ? null : round(f.seconds(), 6));
            if (f == null) {
                json.putNull(name + "_runs");
                json.putNull(name + "_step_users");
            } else {
                seconds(json.putArray(name + "_runs"), f.runs(), 6);
                ArrayNode users = json.putArray(name + "_step_users");
                f.stepUsers().forEach(users::add);
            }
            json.put(name + "_funnel_seconds", f == null ? null : round(f.funnelSeconds(), 6));
            if (name.equals("account")) {
                json.put("account_first_seconds", f == null ? null : round(f.firstSeconds(), 6));
                json.put("account_first_vs_funnel", f == null ? null : round(f.firstVsFunnel(), 3));
            }
            json.put(name + "_vs_funnel", f == null ? null : round(f.vsFunnel(), 3));
        }
    }

    private static void seconds(ArrayNode array, List<Double> values, int decimals) {
        values.forEach(value -> array.add(round(value, decimals)));
    }

    private static void seconds(ArrayNode array, List<Double> values) {
        values.forEach(value -> array.add(round(value, 3)));
    }

    private static Long whole(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : Math.round(value);
    }

    private static Double round(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The same figures as the JSON, one per line, names aligned; nested objects as {@code outer.inner}. */
    static String table(ObjectNode json) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(
                        inner -> rows.put(field.getKey() + "." + inner.getKey(), inner.getValue()));
            } else {
                rows.put(field.getKey(), field.getValue());
            }
        });
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        rows.forEach((name, value) -> text.append(name).append(" ".repeat(width + 2 - name.length()))
                .append(value.isNull() ? "-" : value.isValueNode() ? value.asText() : value.toString()).append('\n'));
        return text.toString().stripTrailing();
    }
}
