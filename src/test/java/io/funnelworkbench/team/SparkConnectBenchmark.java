package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.unix_micros;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.bench.AnalysisBenchmark;
import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;

/**
 * The team-scale benchmark of docs/BENCHMARKS.md ("Team scale (Spark Connect)"): the bench's synthetic export
 * (the same bytes as {@code bench}'s file) counted by the plain funnel of the analysis benchmark three ways: the
 * desktop engine on the imported snapshot, the Spark Connect back-end ({@link SparkConnectBackend#counts}, our
 * kernel per partition) on a local Spark Connect server ({@code local[2]}), and {@link SparkSqlFunnel}'s window
 * SQL in the same session on the same Parquet table. The first query's costs (session, artifact upload, cold
 * queries) are reported apart from the warm runs, which alternate the two Spark sides; each Spark query's stages
 * come from the server's event log (core time, rows read), the per-core throughput a scale estimate starts from.
 *
 * <p>Run by {@code scripts/bench-spark.sh} (options as {@code bench}: {@code --events --users --seed --runs
 * --warmup-runs --dir --server-heap}); progress to standard error, the figures as JSON to standard output.
 */
public final class SparkConnectBenchmark {
    private static final String VIEW = "events";
    /** The desktop engine's runs: enough untimed ones for the JIT, then as many timed as the analysis bench. */
    private static final int DESKTOP_WARMUP_RUNS = 20;
    private static final int DESKTOP_RUNS = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to run; {@code runs} timed runs of each Spark side (alternating) after {@code warmupRuns} untimed. */
    record Settings(long events, int users, long seed, int runs, int warmupRuns, Path dir, String serverHeap,
                    boolean sqlForms) {
        static Settings parse(String[] args) {
            long events = SyntheticExport.DEFAULT_EVENTS;
            int users = SyntheticExport.DEFAULT_USERS;
            long seed = SyntheticExport.DEFAULT_SEED;
            int runs = 5;
            int warmupRuns = 2;
            Path dir = Path.of("target", "bench-spark");
            String heap = "2g";
            boolean forms = false;
            List<String> pairs = new ArrayList<>(List.of(args));
            if (pairs.remove("--sql-forms")) {
                forms = true;
            }
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                String value = pairs.get(i + 1);
                switch (args[i]) {
                    case "--events" -> events = Long.parseLong(value);
                    case "--users" -> users = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--warmup-runs" -> warmupRuns = Integer.parseInt(value);
                    case "--dir" -> dir = Path.of(value);
                    case "--server-heap" -> heap = value;
                    default -> throw new IllegalArgumentException("Unknown option " + pairs.get(i));
                }
            }
            if (pairs.size() % 2 != 0) {
                throw new IllegalArgumentException("Options come in pairs: --name value");
            }
            return new Settings(events, users, seed, runs, warmupRuns, dir, heap, forms);
        }
    }

    /** One timed query: wall seconds, the server's CPU seconds meanwhile, the load before it, its stages. */
    record Timed(double seconds, double serverCpuSeconds, double loadAverage, List<SparkStageLog.Stage> stages,
                 List<Long> usersPerStep) {
    }

    private final Settings settings;
    private final FunnelSpec spec = FunnelSpec.of(AnalysisBenchmark.STEPS.stream().map(FunnelSpec.Step::event)
            .toList(), AnalysisBenchmark.WINDOW, OrderMode.SEQUENTIAL);
    private final ObjectNode result = JSON.createObjectNode();

    private SparkConnectBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws IOException {
        SparkConnectBenchmark benchmark = new SparkConnectBenchmark(Settings.parse(args));
        benchmark.run();
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(benchmark.result));
    }

    private void run() throws IOException {
        Path work = settings.dir().resolve("events-" + settings.events()).toAbsolutePath();
        Files.createDirectories(work);
        Path csv = work.resolve("events.csv");
        long t = System.nanoTime();
        new SyntheticExport(settings.events(), settings.users(), settings.seed()).withAccounts().write(csv);
        log("Generated %,d events of %,d users (seed %d) in %.1f s: %s", settings.events(), settings.users(),
                settings.seed(), seconds(t), csv);
        result.put("events", settings.events()).put("users", settings.users()).put("seed", settings.seed())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("funnel", String.join(" → ", AnalysisBenchmark.STEPS) + ", sequential, 7-day window");
        FunnelCounts local = desktop(csv, work.resolve("project"));
        spark(csv, work, local);
    }

    /** The desktop engine on the imported file: the counts path of {@link LocalBackend}, warm. */
    private FunnelCounts desktop(Path csv, Path project) {
        deleteProject(project);
        long t = System.nanoTime();
        try (ProjectStore store = ProjectStore.create(project)) {
            new ImportService(store).importFiles(List.of(csv), null, ImportOptions.DEFAULT, Progress.NONE);
        }
        log("Desktop: imported in %.1f s", seconds(t));
        EventLog snapshot;
        try (ProjectStore store = ProjectStore.open(project)) {
            snapshot = store.snapshots().load(Progress.NONE);
        }
        LocalBackend backend = new LocalBackend(snapshot);
        FunnelCounts counts = null;
        for (int i = 0; i < DESKTOP_WARMUP_RUNS; i++) {
            counts = backend.counts(spec);
        }
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < DESKTOP_RUNS; i++) {
            long started = System.nanoTime();
            counts = backend.counts(spec);
            runs.add(seconds(started));
        }
        log("Desktop engine: %.1f ms (median of %s), users per step %s, still in window %d", median(runs) * 1e3,
                millis(runs), counts.usersPerStep(), counts.stillInWindow());
        ObjectNode desktop = result.putObject("desktop");
        desktop.put("seconds", median(runs));
        putAll(desktop.putArray("runs"), runs);
        desktop.putPOJO("users_per_step", counts.usersPerStep());
        desktop.put("still_in_window", counts.stillInWindow());
        return counts;
    }

    private void spark(Path csv, Path work, FunnelCounts local) throws IOException {
        Path eventLog = work.resolve("spark-events");
        // A new server's stage ids start at 0 again: an earlier run's log would be read as this one's.
        deleteTree(eventLog);
        Files.createDirectories(eventLog);
        long t = System.nanoTime();
        try (LocalSparkConnectServer server = LocalSparkConnectServer.start(work.resolve("server"),
                settings.serverHeap(), List.of("spark.eventLog.enabled=true",
                        "spark.eventLog.rolling.enabled=false", "spark.eventLog.compress=false",
                        "spark.eventLog.dir=" + eventLog.toUri()))) {
            double serverStart = seconds(t);
            log("Spark Connect server (local[2], -Xmx%s) accepting connections after %.1f s", settings.serverHeap(),
                    serverStart);
            ObjectNode first = result.putObject("first_query");
            first.put("server_start_seconds", serverStart);
            t = System.nanoTime();
            SparkSession session = SparkSession.builder().remote(server.remote()).create();
            String version = session.version();
            session.range(1).count();
            first.put("session_seconds", seconds(t));
            result.put("spark_version", version);
            log("Session %s: created and first round trip in %.2f s", version, first.get("session_seconds").asDouble());
            try {
                measure(session, server, csv, work, local, first);
            } finally {
                session.close();
            }
        }
    }

    private void measure(SparkSession session, LocalSparkConnectServer server, Path csv, Path work,
                         FunnelCounts local, ObjectNode first) {
        SparkStageLog stages = new SparkStageLog(work.resolve("spark-events"));
        Path parquet = work.resolve("events.parquet");
        long t = System.nanoTime();
        session.read().option("header", "true")
                .schema("user_id STRING, event_name STRING, `timestamp` TIMESTAMP, country STRING, device STRING, "
                        + SyntheticExport.ACCOUNT_PROPERTY + " STRING")
                .csv(csv.toString())
                .select(col("user_id").as(EventTable.USER), col("event_name").as(EventTable.EVENT),
                        unix_micros(col("timestamp")).as(EventTable.TIME),
                        monotonically_increasing_id().as(EventTable.ROW),
                        lit(null).cast("string").as(EventTable.SESSION), col("country"), col("device"),
                        col(SyntheticExport.ACCOUNT_PROPERTY))
                .write().mode("overwrite").parquet(parquet.toString());
        double toParquet = seconds(t);
        log("CSV to Parquet on the server in %.1f s (data preparation, not part of any query)", toParquet);
        result.put("csv_to_parquet_seconds", toParquet);
        EventTable table = new EventTable(session.read().parquet(parquet.toString()),
                List.of("country", "device", SyntheticExport.ACCOUNT_PROPERTY));
        table.rows().createOrReplaceTempView(VIEW);

        t = System.nanoTime();
        SparkConnectBackend backend = new SparkConnectBackend(session, table, work.resolve("artifact"));
        first.put("backend_and_upload_seconds", seconds(t));
        log("Back-end made, kernel jar uploaded (addArtifact) in %.2f s", first.get("backend_and_upload_seconds")
                .asDouble());
        String sql = SparkSqlFunnel.sql(VIEW, AnalysisBenchmark.STEPS, AnalysisBenchmark.WINDOW.toNanos() / 1_000);
        result.put("sql", sql);
        Supplier<List<Long>> connected = () -> backend.counts(spec).usersPerStep();
        Supplier<List<Long>> windowSql = () -> sqlCounts(session, sql);

        Timed coldConnected = time(server, stages, connected);
        Timed coldSql = time(server, stages, windowSql);
        first.put("connected_first_seconds", coldConnected.seconds());
        first.put("sql_first_seconds", coldSql.seconds());
        log("First connected funnel %.2f s, first window SQL %.2f s", coldConnected.seconds(), coldSql.seconds());
        for (int i = 0; i < settings.warmupRuns(); i++) {
            time(server, stages, connected);
            time(server, stages, windowSql);
        }
        List<Timed> ours = new ArrayList<>();
        List<Timed> theirs = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            ours.add(time(server, stages, connected));
            theirs.add(time(server, stages, windowSql));
            log("Run %d: connected %.2f s (server CPU %.1f s, load %.2f), window SQL %.2f s (server CPU %.1f s,"
                    + " load %.2f)", i + 1, ours.get(i).seconds(), ours.get(i).serverCpuSeconds(),
                    ours.get(i).loadAverage(), theirs.get(i).seconds(), theirs.get(i).serverCpuSeconds(),
                    theirs.get(i).loadAverage());
        }
        FunnelCounts sparkCounts = backend.counts(spec);
        boolean connectedMatches = sparkCounts.equals(local);
        boolean sqlMatches = theirs.get(0).usersPerStep().equals(local.usersPerStep());
        log("Users per step: desktop %s, connected %s (still in window %d; equal: %s), window SQL %s (equal: %s)",
                local.usersPerStep(), sparkCounts.usersPerStep(), sparkCounts.stillInWindow(), connectedMatches,
                theirs.get(0).usersPerStep(), sqlMatches);
        report("connected", ours, connectedMatches);
        report("window_sql", theirs, sqlMatches);
        result.put("connected_vs_sql", median(ours.stream().map(Timed::seconds).toList())
                / median(theirs.stream().map(Timed::seconds).toList()));
        result.put("connected_vs_sql_server_cpu", median(ours.stream().map(Timed::serverCpuSeconds).toList())
                / median(theirs.stream().map(Timed::serverCpuSeconds).toList()));
        roundTrips(session, server, stages);
        if (settings.sqlForms()) {
            sqlForms(session, server, stages, local);
        }
    }

    /** The latency of a query that does nothing: what every query pays before any data is read. */
    private void roundTrips(SparkSession session, LocalSparkConnectServer server, SparkStageLog stages) {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            runs.add(time(server, stages, () -> List.of(session.range(1).count())).seconds());
        }
        result.put("trivial_query_seconds", median(runs));
        log("A trivial query (range(1).count()): %.3f s (median of %s)", median(runs), millis(runs));
    }

    /** Each form of {@link SparkSqlFunnel} in turn, {@code runs} rounds after one untimed round. */
    private void sqlForms(SparkSession session, LocalSparkConnectServer server, SparkStageLog stages,
                          FunnelCounts local) {
        long window = AnalysisBenchmark.WINDOW.toNanos() / 1_000;
        SparkSqlFunnel.Form[] forms = SparkSqlFunnel.Form.values();
        List<List<Timed>> timed = new ArrayList<>();
        for (SparkSqlFunnel.Form form : forms) {
            timed.add(new ArrayList<>());
            sqlCounts(session, SparkSqlFunnel.sql(VIEW, AnalysisBenchmark.STEPS, window, form));
        }
        for (int round = 0; round < settings.runs(); round++) {
            for (int f = 0; f < forms.length; f++) {
                String sql = SparkSqlFunnel.sql(VIEW, AnalysisBenchmark.STEPS, window, forms[f]);
                timed.get(f).add(time(server, stages, () -> sqlCounts(session, sql)));
            }
        }
        ObjectNode json = result.putObject("sql_forms");
        for (int f = 0; f < forms.length; f++) {
            List<Double> seconds = timed.get(f).stream().map(Timed::seconds).toList();
            List<Double> cpu = timed.get(f).stream().map(Timed::serverCpuSeconds).toList();
            boolean equal = timed.get(f).get(0).usersPerStep().equals(local.usersPerStep());
            json.putObject(forms[f].name()).put("seconds", median(seconds)).put("server_cpu_seconds", median(cpu))
                    .put("counts_equal_desktop", equal);
            log("SQL form %s: %.2f s (median of %s), server CPU %.1f s, counts equal: %s", forms[f], median(seconds),
                    millis(seconds), median(cpu), equal);
        }
    }

    private static List<Long> sqlCounts(SparkSession session, String sql) {
        Row row = session.sql(sql).collectAsList().get(0);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            users.add(row.getLong(i));
        }
        return users;
    }

    private static Timed time(LocalSparkConnectServer server, SparkStageLog stages, Supplier<List<Long>> query) {
        int lastStage = stages.lastStageId();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Duration cpu = server.cpuTime();
        long t = System.nanoTime();
        List<Long> users = query.get();
        double seconds = seconds(t);
        double serverCpu = (server.cpuTime().minus(cpu)).toNanos() / 1e9;
        return new Timed(seconds, serverCpu, load, stages.stagesAfter(lastStage), users);
    }

    private void report(String name, List<Timed> runs, boolean countsMatch) {
        ObjectNode side = result.putObject(name);
        List<Double> seconds = runs.stream().map(Timed::seconds).toList();
        List<Double> cpu = runs.stream().map(Timed::serverCpuSeconds).toList();
        side.put("seconds", median(seconds));
        putAll(side.putArray("runs"), seconds);
        side.put("server_cpu_seconds", median(cpu));
        putAll(side.putArray("server_cpu_runs"), cpu);
        putAll(side.putArray("load_averages"), runs.stream().map(Timed::loadAverage).toList());
        side.putPOJO("users_per_step", runs.get(0).usersPerStep());
        side.put("counts_equal_desktop", countsMatch);
        log("%s: %.2f s (median of %s), server CPU %.1f s", name, median(seconds), millis(seconds), median(cpu));
        ArrayNode everyRun = side.putArray("stages_of_each_run");
        runs.forEach(run -> everyRun.addPOJO(run.stages()));
        ArrayNode stageList = side.putArray("stages_of_last_run");
        for (SparkStageLog.Stage stage : runs.get(runs.size() - 1).stages()) {
            stageList.addPOJO(stage);
            log("  stage %d %s: %d tasks, %.2f s wall, %.2f s run, %.2f s CPU; read %,d rows (%,.0f rows/s per"
                    + " core), wrote %,d shuffle rows (%,d bytes), spilled %,d bytes", stage.id(), stage.operators(),
                    stage.tasks(), stage.wallMillis() / 1e3, stage.runMillis() / 1e3, stage.cpuNanos() / 1e9,
                    stage.recordsRead(), stage.rowsPerCoreSecond(), stage.shuffleWriteRecords(),
                    stage.shuffleWriteBytes(), stage.spilledBytes());
        }
    }

    private static void deleteProject(Path project) {
        try {
            Files.deleteIfExists(ProjectPaths.databaseFile(project));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the old project " + project, e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void putAll(ArrayNode array, List<Double> values) {
        values.forEach(array::add);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String millis(List<Double> seconds) {
        return String.join(", ", seconds.stream().map(s -> String.format("%.3f", s)).toList());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(format, args));
    }
}
