package io.funnelworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The start-up of a command as a user meets it: a fresh process computing one funnel on a stored project, from
 * the app image's command-line launcher, beside a fresh process running DuckDB's SQL for the same funnel on a
 * DuckDB database file holding the same events (docs/BENCHMARKS.md, "Start-up"). DuckDB's process is a JVM with
 * its JDBC driver, the form this build has it in; a process running {@code SELECT 1} the same way is timed too,
 * so the share of JVM start and native library loading on that side can be read off.
 */
public final class StartupBenchmark {
    /** {@code cli} is the app image's command-line launcher. */
    public record Settings(Path cli, long events, int users, long seed, int runs, Path dir, boolean keep) {
    }

    public record Result(long events, int users, List<Double> ours, List<Double> duckdb, List<Double> duckdbNoQuery,
                         List<Long> oursUsersPerStep, List<Long> duckdbUsersPerStep, String duckdbVersion) {
        public double oursMedian() {
            return Benchmark.median(ours);
        }

        public double duckdbMedian() {
            return Benchmark.median(duckdb);
        }

        public double duckdbNoQueryMedian() {
            return Benchmark.median(duckdbNoQuery);
        }

        public boolean countsMatch() {
            return oursUsersPerStep.equals(duckdbUsersPerStep);
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public StartupBenchmark(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Result run() throws IOException {
        Benchmark.Peer peer = Benchmark.Peer.find();
        if (!peer.available()) {
            throw new MissingPeerException("The start-up benchmark needs DuckDB as its peer: " + peer.reason()
                    + ".");
        }
        if (!Files.isExecutable(settings.cli())) {
            throw new IllegalArgumentException(settings.cli() + " is not the app image's command-line launcher:"
                    + " build the image with mvn -Pdist package and give its bin/funnel-workbench.");
        }
        Path dir = Files.createTempDirectory(settings.dir() == null ? Path.of(System.getProperty("java.io.tmpdir"))
                : settings.dir(), "funnel-startup-");
        try {
            return measure(dir, peer.version());
        } finally {
            if (!settings.keep()) {
                Benchmark.deleteTree(dir);
            }
        }
    }

    private Result measure(Path dir, String duckdbVersion) throws IOException {
        Path csv = dir.resolve("events-" + settings.events() + ".csv");
        progress.accept("Writing " + settings.events() + " events to " + csv);
        new SyntheticExport(settings.events(), settings.users(), settings.seed()).write(csv);
        Path project = dir.resolve("startup.mv.db");
        progress.accept("Importing them with " + settings.cli());
        Command.run(List.of(settings.cli().toString(), "import", "--project", project.toString(), csv.toString()));
        Path database = dir.resolve("startup.duckdb");
        progress.accept("Loading them into " + database);
        try (Connection c = DriverManager.getConnection(Benchmark.DUCKDB_URL + database);
             Statement s = c.createStatement()) {
            s.execute(Benchmark.Peer.loadSql(csv));
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not load " + csv + ": " + e.getMessage(), e);
        }
        Files.delete(csv);

        List<String> ours = List.of(settings.cli().toString(), "funnel", "--project", project.toString(),
                "--steps", String.join(",", AnalysisBenchmark.STEPS), "--window", "7d");
        String sql = AnalysisBenchmark.funnelSql(AnalysisBenchmark.STEPS.stream()
                .map(name -> "event_name = '" + name + "'").toList(), AnalysisBenchmark.WINDOW.toNanos() / 1_000, null);
        List<String> duckdb = duckdbProcess(database, sql);
        List<String> duckdbNoQuery = duckdbProcess(database, "SELECT 1");
        List<Double> oursTimes = new ArrayList<>();
        List<Double> duckdbTimes = new ArrayList<>();
        List<Double> noQueryTimes = new ArrayList<>();
        List<Long> oursUsers = List.of();
        List<Long> duckdbUsers = List.of();
        for (int run = 1; run <= settings.runs(); run++) {
            Command.Timed o = Command.run(ours);
            Command.Timed d = Command.run(duckdb);
            Command.Timed n = Command.run(duckdbNoQuery);
            oursTimes.add(o.seconds());
            duckdbTimes.add(d.seconds());
            noQueryTimes.add(n.seconds());
            oursUsers = usersPerStep(o.output());
            duckdbUsers = Arrays.stream(d.output().strip().split("\\s+")).map(Long::parseLong).toList();
            progress.accept(String.format(Locale.ROOT, "run %d: ours %.3f s, DuckDB %.3f s (SELECT 1: %.3f s)",
                    run, o.seconds(), d.seconds(), n.seconds()));
        }
        return new Result(settings.events(), settings.users(), oursTimes, duckdbTimes, noQueryTimes, oursUsers,
                duckdbUsers, duckdbVersion);
    }

    /** A fresh JVM, on this JVM's runtime and class path, that runs one query in DuckDB and prints its row. */
    private static List<String> duckdbProcess(Path database, String sql) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), DuckDbQuery.class.getName(),
                Benchmark.DUCKDB_URL + database, sql);
    }

    private static List<Long> usersPerStep(String funnelJson) throws IOException {
        List<Long> users = new ArrayList<>();
        new ObjectMapper().readTree(funnelJson).path("steps").forEach(step -> users.add(step.path("users").asLong()));
        return users;
    }

    /** One process, timed from start to exit, with its standard output. */
    private static final class Command {
        record Timed(double seconds, String output) {
        }

        static Timed run(List<String> command) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + output.strip() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while timing " + command.get(0), e);
            }
            return new Timed((System.nanoTime() - start) / 1e9, output);
        }
    }
}
