package io.funnelworkbench.bench;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The import benchmark of docs/BENCHMARKS.md, in one process on one synthetic file: DuckDB's {@code read_csv}
 * into an in-memory table (the peer, when its JDBC driver is on the class path) and our import into a fresh
 * project, alternating for a number of runs, with the heap watched during our import; then opening the last
 * project and loading its snapshot, in this process and in a new JVM. With that snapshot in memory, the funnels
 * of issue 4 ({@link AnalysisBenchmark}) run against DuckDB's SQL on the table of its last load.
 *
 * <p>Before the timed runs, both sides load a smaller file once (warm-up: class loading, JIT), and the
 * benchmark file is read once so that every timed run finds it in the page cache. The heap is collected before
 * each timed run so that neither side pays for the other's garbage.
 */
public final class Benchmark {
    static final String DUCKDB_URL = "jdbc:duckdb:";
    static final String DUCKDB_DRIVER = "org.duckdb.DuckDBDriver";
    static final String OPEN_COMMAND = "open";
    private static final double MB = 1024.0 * 1024.0;

    /**
     * What to run. {@code runs} timed runs of each side (alternating, DuckDB first); {@code warmupEvents} 0
     * skips the warm-up; {@code dir} holds the temporary work folder. The analysis phase runs each funnel
     * {@code analysisWarmupRuns} times untimed, then {@code analysisRuns} times timed.
     */
    public record Settings(long events, int users, long seed, int runs, long warmupEvents, Path dir,
                           boolean keep, int analysisWarmupRuns, int analysisRuns) {
        public static final int DEFAULT_ANALYSIS_WARMUP_RUNS = 5;
        public static final int DEFAULT_ANALYSIS_RUNS = 7;

        public Settings {
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1.");
            }
            if (warmupEvents < 0) {
                throw new IllegalArgumentException("--warmup-events must not be negative.");
            }
            if (analysisRuns < 1) {
                throw new IllegalArgumentException("--analysis-runs must be at least 1.");
            }
            if (analysisWarmupRuns < 0) {
                throw new IllegalArgumentException("--analysis-warmup-runs must not be negative.");
            }
        }

        /** The default analysis runs. */
        public Settings(long events, int users, long seed, int runs, long warmupEvents, Path dir, boolean keep) {
            this(events, users, seed, runs, warmupEvents, dir, keep, DEFAULT_ANALYSIS_WARMUP_RUNS,
                    DEFAULT_ANALYSIS_RUNS);
        }

        /** The default warm-up: a tenth of the events, at most one million. */
        public static long defaultWarmup(long events) {
            return Math.min(1_000_000L, events / 10);
        }
    }

    /** DuckDB's side; {@code unavailableReason} is set (and the figures null) when the driver is absent. */
    public record PeerResult(boolean available, String unavailableReason, String version, List<Double> loadRuns,
                             Long rows, Double warmupSeconds, String columnTypes) {
        static PeerResult unavailable(String reason) {
            return new PeerResult(false, reason, null, List.of(), null, null, null);
        }

        /** The median of the timed loads, or null. */
        public Double loadSeconds() {
            return available ? median(loadRuns) : null;
        }
    }

    /** Heap figures of one watched phase; see {@link HeapWatch}. */
    public record HeapResult(double peakUsedMb, Double peakLiveMb, double allocatedMb, long gcCount,
                             double gcSeconds, int samples) {
    }

    /**
     * The figures. Times of repeated runs are kept in the {@code ...Runs} lists; the single figures are their
     * medians. {@code importHeap} is the run with the highest peak. {@code openNewJvmRuns} time the open inside
     * a new JVM each (as a user opening the project would), empty when that could not run.
     */
    public record Result(long events, int users, long seed, long fileBytes, double generateSeconds,
                         double readFileSeconds, Double loadAverage, long warmupEvents, Double warmupImportSeconds,
                         PeerResult duckdb, long rowsImported, long rowsRejected, List<Double> importRuns,
                         double closeSeconds, HeapResult importHeap, long projectBytes, List<Double> openRuns,
                         List<Double> openNewJvmRuns, int snapshotEvents, int snapshotUsers, double snapshotHeapMb,
                         double eventStatsSeconds, AnalysisBenchmark.Result analysis, double maxHeapMb, String xmx,
                         String javaVersion, String vm, int cores, Path keptDir) {
        public double importSeconds() {
            return median(importRuns);
        }

        public double importRowsPerSecond() {
            return rowsImported / importSeconds();
        }

        public Double duckdbRowsPerSecond() {
            return duckdb.available() ? duckdb.rows() / duckdb.loadSeconds() : null;
        }

        /** Our import time over DuckDB's load time (medians); null without the peer. */
        public Double importVsDuckdb() {
            return duckdb.available() ? importSeconds() / duckdb.loadSeconds() : null;
        }

        public double openSnapshotSeconds() {
            return median(openRuns);
        }

        public Double openSnapshotNewJvmSeconds() {
            return openNewJvmRuns.isEmpty() ? null : median(openNewJvmRuns);
        }
    }

    private final Settings settings;
    private final Consumer<String> log;

    /** {@code log} receives one line per step (the CLI sends them to standard error). */
    public Benchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public Result run() throws IOException {
        Path base = settings.dir() == null ? Path.of(System.getProperty("java.io.tmpdir")) : settings.dir();
        Files.createDirectories(base);
        Path work = Files.createTempDirectory(base, "funnel-bench-");
        try {
            return run(work);
        } finally {
            if (settings.keep()) {
                log.accept("Kept the file and projects in " + work);
            } else {
                deleteTree(work);
            }
        }
    }

    private Result run(Path work) throws IOException {
        Path file = work.resolve("events-" + settings.events() + ".csv");
        log.accept(String.format("Generating %,d events of %,d users (seed %d) into %s", settings.events(),
                settings.users(), settings.seed(), file));
        long started = System.nanoTime();
        new SyntheticExport(settings.events(), settings.users(), settings.seed()).withAccounts().write(file);
        double generateSeconds = seconds(started);
        long fileBytes = Files.size(file);
        log.accept(String.format("  %,d bytes in %.2f s", fileBytes, generateSeconds));

        Peer peer = Peer.find();
        if (!peer.available()) {
            log.accept("DuckDB: unavailable (" + peer.reason() + ")");
        }
        Double warmupImport = null;
        Double warmupDuckdb = null;
        if (settings.warmupEvents() > 0) {
            long warmEvents = settings.warmupEvents();
            int warmUsers = (int) Math.max(1, Math.min(warmEvents,
                    Math.round((double) settings.users() * warmEvents / settings.events())));
            Path warmFile = work.resolve("warmup-" + warmEvents + ".csv");
            new SyntheticExport(warmEvents, warmUsers, settings.seed() + 1).withAccounts().write(warmFile);
            readFully(warmFile);
            if (peer.available()) {
                warmupDuckdb = peer.load(warmFile, false).seconds();
                log.accept(String.format("Warm-up: DuckDB loaded %,d events in %.2f s", warmEvents, warmupDuckdb));
            }
            long t = System.nanoTime();
            Path warmProject = work.resolve("warmup-project");
            try (ProjectStore store = ProjectStore.create(warmProject)) {
                new ImportService(store).importFiles(List.of(warmFile), null, ImportOptions.DEFAULT, Progress.NONE);
            }
            warmupImport = seconds(t);
            try (ProjectStore store = ProjectStore.open(warmProject)) {
                store.snapshots().load(Progress.NONE);
            }
            log.accept(String.format("Warm-up: imported %,d events in %.2f s", warmEvents, warmupImport));
        }

        double readSeconds = readFully(file);
        log.accept(String.format("Read the file once (page cache) in %.2f s", readSeconds));
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        List<Double> duckRuns = new ArrayList<>();
        Peer.Load lastLoad = null;
        Connection duckdbTable = null; // the last run's database, kept for the analysis phase
        List<Double> importRuns = new ArrayList<>();
        ImportSummary summary = null;
        HeapResult heap = null;
        double closeSeconds = 0;
        Path project = null;
        for (int run = 1; run <= settings.runs(); run++) {
            String label = settings.runs() == 1 ? "" : " (run " + run + " of " + settings.runs() + ")";
            if (peer.available()) {
                System.gc();
                log.accept("DuckDB: CREATE TABLE events AS SELECT * FROM read_csv(...)" + label);
                lastLoad = peer.load(file, run == settings.runs());
                duckdbTable = lastLoad.connection();
                duckRuns.add(lastLoad.seconds());
                log.accept(String.format("  %,d rows in %.2f s", lastLoad.rows(), lastLoad.seconds()));
            }
            if (project != null && !settings.keep()) {
                Files.deleteIfExists(ProjectPaths.databaseFile(project));
            }
            project = work.resolve("bench-project-" + run);
            System.gc();
            log.accept("Importing into a new project" + label);
            try (HeapWatch watch = HeapWatch.start()) {
                long t = System.nanoTime();
                long closing;
                try (ProjectStore store = ProjectStore.create(project)) {
                    summary = new ImportService(store).importFiles(List.of(file), null,
                            ImportOptions.DEFAULT, new StepLog(log));
                    importRuns.add(seconds(t));
                    closing = System.nanoTime();
                }
                closeSeconds = seconds(closing);
                HeapResult watched = watch.stop();
                heap = heap == null || watched.peakUsedMb() > heap.peakUsedMb() ? watched : heap;
                log.accept(String.format("  %,d rows in %.2f s (%,.0f rows/s), closed in %.2f s; peak heap %.0f MB",
                        summary.rowsImported(), importRuns.get(run - 1),
                        summary.rowsImported() / importRuns.get(run - 1), closeSeconds, watched.peakUsedMb()));
            }
        }
        PeerResult duckdb = peer.available()
                ? new PeerResult(true, null, peer.version(), List.copyOf(duckRuns), lastLoad.rows(), warmupDuckdb,
                        lastLoad.columnTypes())
                : PeerResult.unavailable(peer.reason());
        if (peer.available()) {
            log.accept("DuckDB column types: " + lastLoad.columnTypes());
        }
        long projectBytes = Files.size(ProjectPaths.databaseFile(project));

        List<Double> openRuns = new ArrayList<>();
        EventLog snapshot = null;
        double snapshotMb = 0;
        for (int run = 1; run <= settings.runs(); run++) {
            snapshot = null;
            System.gc();
            long heapBefore = usedHeap();
            long t = System.nanoTime();
            try (ProjectStore store = ProjectStore.open(project)) {
                snapshot = store.snapshots().load(Progress.NONE);
            }
            openRuns.add(seconds(t));
            System.gc();
            snapshotMb = (usedHeap() - heapBefore) / MB;
            Reference.reachabilityFence(snapshot);
            log.accept(String.format("Opened the project and loaded its snapshot: %,d events of %,d users in %.2f s"
                    + " (about %.0f MB of heap)", snapshot.size(), snapshot.userCount(), openRuns.get(run - 1),
                    snapshotMb));
        }
        long t = System.nanoTime();
        EventStats.byName(snapshot);
        double statsSeconds = seconds(t);
        int snapshotEvents = snapshot.size();
        int snapshotUsers = snapshot.userCount();

        AnalysisBenchmark.Result analysis;
        try {
            System.gc();
            analysis = new AnalysisBenchmark(snapshot, duckdbTable, settings.analysisWarmupRuns(),
                    settings.analysisRuns(), log).run();
        } finally {
            closeQuietly(duckdbTable);
        }
        snapshot = null;
        System.gc();

        List<Double> newJvmRuns = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            Double seconds = openInNewJvm(project);
            if (seconds == null) {
                break;
            }
            newJvmRuns.add(seconds);
            log.accept(String.format("Opened the project in a new JVM in %.2f s", seconds));
        }

        return new Result(settings.events(), settings.users(), settings.seed(), fileBytes, generateSeconds,
                readSeconds, loadAverage < 0 ? null : loadAverage, settings.warmupEvents(), warmupImport, duckdb,
                summary.rowsImported(), summary.rowsRejected(), List.copyOf(importRuns), closeSeconds, heap,
                projectBytes, List.copyOf(openRuns), List.copyOf(newJvmRuns), snapshotEvents, snapshotUsers,
                snapshotMb, statsSeconds, analysis, Runtime.getRuntime().maxMemory() / MB, xmxFlag(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), settings.keep() ? work : null);
    }

    /**
     * Opens the project in a new JVM with this one's class path and -Xmx and returns the seconds that JVM
     * measured for open + snapshot load (JVM start not included), or null (with a log line) when it failed.
     */
    private Double openInNewJvm(Path project) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String xmx = xmxFlag();
        if (!xmx.equals("default")) {
            command.add(xmx);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Benchmark.class.getName(),
                OPEN_COMMAND, project.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                log.accept("Opening in a new JVM failed: " + output);
                return null;
            }
            String[] lines = output.split("\\R");
            return Double.parseDouble(lines[lines.length - 1]);
        } catch (IOException | RuntimeException e) {
            log.accept("Opening in a new JVM failed: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code open PROJECT}: opens a project, loads its snapshot and prints the seconds it took (used above). */
    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals(OPEN_COMMAND)) {
            System.err.println("usage: " + Benchmark.class.getName() + " " + OPEN_COMMAND + " PROJECT");
            System.exit(2);
        }
        long t = System.nanoTime();
        EventLog snapshot;
        try (ProjectStore store = ProjectStore.open(Path.of(args[1]))) {
            snapshot = store.snapshots().load(Progress.NONE);
        }
        double seconds = seconds(t);
        Reference.reachabilityFence(snapshot);
        System.out.println(seconds);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The -Xmx flag the JVM runs with, or "default" when none was given. */
    static String xmxFlag() {
        String flag = "default";
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=")) {
                flag = argument;
            }
        }
        return flag;
    }

    private void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.accept("Closing DuckDB failed: " + e.getMessage());
        }
    }

    /** Reads the file through once so both timed runs find it in the page cache; returns seconds. */
    private static double readFully(Path file) throws IOException {
        long t = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.clear();
            }
        }
        return seconds(t);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Forwards the importer's progress as a log line every few seconds. */
    private static final class StepLog implements Progress {
        private final Consumer<String> log;
        private final long start = System.nanoTime();
        private long next = start + 5_000_000_000L;
        private String lastMessage;

        StepLog(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void report(long done, long total, String message) {
            long now = System.nanoTime();
            if (now >= next || message != null && !message.equals(lastMessage) && !message.matches(".*\\d.*")) {
                next = now + 5_000_000_000L;
                log.accept(String.format("  %6.1f s  %s", (now - start) / 1e9, message));
            }
            lastMessage = message;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The peer.

    /** DuckDB over JDBC, when the build put its driver on the class path ({@code -Pbench}). */
    static final class Peer {
        private final String reason;
        private final String version;

        private Peer(String reason, String version) {
            this.reason = reason;
            this.version = version;
        }

        boolean available() {
            return reason == null;
        }

        String reason() {
            return reason;
        }

        String version() {
            return version;
        }

        static Peer find() {
            try {
                Class.forName(DUCKDB_DRIVER);
            } catch (ClassNotFoundException | LinkageError e) {
                return new Peer("the DuckDB JDBC driver is not on the class path; build with -Pbench", null);
            }
            try (Connection c = DriverManager.getConnection(DUCKDB_URL);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                return new Peer(null, rs.getString(1));
            } catch (SQLException | RuntimeException | LinkageError e) {
                return new Peer("DuckDB could not start: " + e.getMessage(), null);
            }
        }

        /** {@code connection} is the open database with the table when the load kept it, else null. */
        record Load(double seconds, long rows, String columnTypes, Connection connection) {
        }

        static String loadSql(Path file) {
            return "CREATE TABLE events AS SELECT * FROM read_csv('"
                    + file.toAbsolutePath().toString().replace("'", "''") + "', header=true, auto_detect=true)";
        }

        /**
         * Loads the file into a table of a fresh in-memory database; only the CREATE TABLE is timed. With
         * {@code keep}, the database stays open and the caller closes {@link Load#connection()}.
         */
        Load load(Path file, boolean keep) {
            String sql = loadSql(file);
            Connection c = null;
            try {
                c = DriverManager.getConnection(DUCKDB_URL);
                Statement s = c.createStatement();
                long t = System.nanoTime();
                s.execute(sql);
                double seconds = seconds(t);
                long rows;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                List<String> types = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("DESCRIBE events")) {
                    while (rs.next()) {
                        types.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
                s.close();
                Load load = new Load(seconds, rows, String.join(", ", types), keep ? c : null);
                if (!keep) {
                    c.close();
                }
                return load;
            } catch (SQLException e) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw new IllegalStateException("DuckDB failed to load " + file + ": " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Heap.

    /**
     * Watches the heap during one phase. A daemon thread samples the heap in use every 50 ms (the figure
     * that {@code -Xmx} must cover, which depends on when the collector runs). Alongside, from the
     * collector's own notifications, figures that depend far less on GC timing: the largest heap left after a
     * collection (the live data, as close as the JVM tells), the bytes allocated (freed by collections plus
     * growth), and the number and time of collections.
     */
    static final class HeapWatch implements AutoCloseable {
        private static final long SAMPLE_MILLIS = 50;
        private final Thread sampler;
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong(-1);
        private final AtomicLong freedByGc = new AtomicLong();
        private final List<Registration> registrations = new ArrayList<>();
        private final long usedAtStart;
        private final long gcCountAtStart;
        private final long gcMillisAtStart;
        private volatile boolean running = true;
        private int samples;
        private HeapResult result;

        private record Registration(NotificationEmitter emitter, NotificationListener listener) {
        }

        private HeapWatch() {
            usedAtStart = usedHeap();
            peakUsed.set(usedAtStart);
            gcCountAtStart = gcTotals()[0];
            gcMillisAtStart = gcTotals()[1];
            Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener listener = (notification, handback) -> onGc(notification, heapPools);
                    emitter.addNotificationListener(listener, null, null);
                    registrations.add(new Registration(emitter, listener));
                }
            }
            sampler = new Thread(this::sample, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        private void sample() {
            while (running) {
                peakUsed.accumulateAndGet(usedHeap(), Math::max);
                samples++;
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void onGc(Notification notification, Set<String> heapPools) {
            if (!"com.sun.management.gc.notification".equals(notification.getType())
                    || !(notification.getUserData() instanceof CompositeData data)) {
                return;
            }
            CompositeData info = (CompositeData) data.get("gcInfo");
            long before = heapSum(info.get("memoryUsageBeforeGc"), heapPools);
            long after = heapSum(info.get("memoryUsageAfterGc"), heapPools);
            freedByGc.addAndGet(Math.max(0, before - after));
            peakLive.accumulateAndGet(after, Math::max);
        }

        /** Sums the heap pools of a GcInfo usage map (an open-type TabularData of pool name to usage). */
        private static long heapSum(Object usageTable, Set<String> heapPools) {
            long sum = 0;
            if (usageTable instanceof TabularData table) {
                for (Object row : table.values()) {
                    CompositeData entry = (CompositeData) row;
                    if (heapPools.contains((String) entry.get("key"))) {
                        sum += MemoryUsage.from((CompositeData) entry.get("value")).getUsed();
                    }
                }
            }
            return sum;
        }

        private static long[] gcTotals() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new long[] {count, millis};
        }

        HeapResult stop() {
            if (result != null) {
                return result;
            }
            running = false;
            sampler.interrupt();
            try {
                sampler.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long usedAtEnd = usedHeap();
            peakUsed.accumulateAndGet(usedAtEnd, Math::max);
            long[] gc = gcTotals();
            removeListeners();
            long live = peakLive.get();
            result = new HeapResult(peakUsed.get() / MB, live < 0 ? null : live / MB,
                    (freedByGc.get() + usedAtEnd - usedAtStart) / MB, gc[0] - gcCountAtStart,
                    (gc[1] - gcMillisAtStart) / 1000.0, samples);
            return result;
        }

        private void removeListeners() {
            for (Registration r : registrations) {
                try {
                    r.emitter().removeNotificationListener(r.listener());
                } catch (ListenerNotFoundException e) {
                    // Already gone.
                }
            }
            registrations.clear();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
