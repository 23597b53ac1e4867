package io.funnelworkbench.bench;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.store.ProjectStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The analysis benchmark of issue 4 (docs/BENCHMARKS.md, "Analysis"): three funnels computed by our engine over the
 * snapshot in memory and by DuckDB in SQL over the table it loaded from the same file, in the same process.
 *
 * <ul>
 *   <li><b>funnel</b>: {@code view_item → add_to_cart → begin_checkout → purchase}, sequential, 7-day window;</li>
 *   <li><b>breakdown</b>: the same by {@code country} (first touch);</li>
 *   <li><b>conditions</b>: the same events as goal steps with property conditions.</li>
 * </ul>
 *
 * <p>Then, ours only, the funnels of {@link RelativeBenchmark} as ratios to the plain funnel: with an optional
 * step, counted by account, and compared with the previous period.
 *
 * <p>Each operation is warmed up, then timed {@code runs} times, ours and DuckDB's alternating; the figures are
 * medians. Ours is {@code new FunnelEngine(log).compute(spec)}, everything included (masks, scan, step metrics with
 * times to convert, breakdown, trend). DuckDB's is the query plus reading its result. The users per step of the
 * two must agree: a difference is reported as a mismatch (and the {@code bench} command fails).
 *
 * <p>DuckDB's SQL is the fastest of the forms tried (see BENCHMARKS.md): per step, the (user, time) of its
 * events; then per step-1 event the earliest next-step event at or after the previous one and within the
 * window of the step-1 event (an inequality join and {@code min}). Taking the earliest event of each step is
 * optimal for one attempt, so a user reaches step j when some step-1 event leads to a chain of j. For funnels
 * whose steps have different event names this is exactly our rule (furthest step of any attempt, each step its
 * own event, inclusive window from step 1, equal times advance).
 */
public final class AnalysisBenchmark {
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final List<String> STEPS = List.of("view_item", "add_to_cart", "begin_checkout", "purchase");
    public static final String BREAKDOWN_PROPERTY = "country";
    /** The most rounds of the heap warm-up ({@link #warmUpHeap}). */
    static final int HEAP_WARMUP_ROUNDS = 100;

    /** A step of the conditions funnel: an event name and conditions, for us and as SQL. */
    record ConditionStep(String event, Condition condition) {
        FunnelSpec.Step step() {
            String operator = switch (condition.operator()) {
                case EQUALS -> " = ";
                case NOT_EQUALS -> " != ";
                default -> " " + condition.operator() + " ";
            };
            return new FunnelSpec.Step(event + " where " + condition.property() + operator + condition.value(),
                    new MatchRule(List.of(event), List.of(condition)), GoalValue.NONE);
        }

        /** The condition in SQL; a missing value is the empty string, as in {@code CompiledRule.holds}. */
        String sql() {
            String column = "coalesce(" + quoteIdentifier(condition.property()) + ", '')";
            String operator = switch (condition.operator()) {
                case EQUALS -> " = ";
                case NOT_EQUALS -> " <> ";
                default -> throw new IllegalArgumentException("Not used here: " + condition.operator());
            };
            return column + operator + quote(condition.value());
        }
    }

    static final List<ConditionStep> CONDITION_STEPS = List.of(
            new ConditionStep("view_item", Condition.of("device", Operator.EQUALS, "mobile")),
            new ConditionStep("add_to_cart", Condition.of("device", Operator.EQUALS, "mobile")),
            new ConditionStep("begin_checkout", Condition.of("country", Operator.NOT_EQUALS, "US")),
            new ConditionStep("purchase", Condition.of("country", Operator.NOT_EQUALS, "XX")));

    /**
     * One measured operation. Runs are seconds; step users are the users reaching each step (for the breakdown,
     * the sum over its groups, which is the overall funnel). DuckDB's lists are empty and {@code countsMatch} null
     * without the peer; {@code mismatch} says how the counts differ, or is null.
     */
    public record Figures(String name, String description, List<Double> runs, List<Long> stepUsers, int groups,
                          List<Double> duckdbRuns, List<Long> duckdbStepUsers, Boolean countsMatch,
                          String mismatch, String sql) {
        public double seconds() {
            return Benchmark.median(runs);
        }

        public Double duckdbSeconds() {
            return duckdbRuns.isEmpty() ? null : Benchmark.median(duckdbRuns);
        }

        /** Our median time over DuckDB's; null without the peer. */
        public Double vsDuckdb() {
            Double duck = duckdbSeconds();
            return duck == null ? null : seconds() / duck;
        }
    }

    /**
     * The three operations, with the warm-up and timed runs each had. {@code loadAverage} is the system's 1-minute
     * load when the analysis started (it includes this process's import just before); {@code otherCpuShare} is the
     * share of all cores that other processes used while the analysis ran (0 on a quiet machine; null where
     * {@code /proc/stat} is missing).
     */
    public record Result(int warmupRuns, int runs, Double loadAverage, Double otherCpuShare, Figures funnel,
                         Figures breakdown, Figures conditions, List<Double> pathsRuns, long pathsUsers,
                         List<RelativeBenchmark.Figures> relative) {
        /** The median seconds of the paths after drop-off at step 1 of the plain funnel (see {@link #paths}). */
        public double pathsSeconds() {
            return Benchmark.median(pathsRuns);
        }

        public List<Figures> all() {
            return List.of(funnel, breakdown, conditions);
        }

        /** The mismatches between our counts and DuckDB's, one line each; empty when they agree or without it. */
        public List<String> mismatches() {
            return all().stream().filter(f -> f.mismatch() != null).map(f -> f.name() + ": " + f.mismatch())
                    .toList();
        }
    }

    private final EventLog log;
    private final Connection duckdb;
    private final int warmupRuns;
    private final int runs;
    private final Consumer<String> progress;

    /**
     * {@code duckdb} is a connection whose database holds the table {@code events} loaded from the same file, or
     * null to run without the peer.
     */
    public AnalysisBenchmark(EventLog log, Connection duckdb, int warmupRuns, int runs, Consumer<String> progress) {
        if (runs < 1 || warmupRuns < 0) {
            throw new IllegalArgumentException("runs must be at least 1 and warm-up runs not negative");
        }
        this.log = Objects.requireNonNull(log);
        this.duckdb = duckdb;
        this.warmupRuns = warmupRuns;
        this.runs = runs;
        this.progress = progress;
    }

    public Result run() {
        List<FunnelSpec.Step> plainSteps = STEPS.stream().map(FunnelSpec.Step::event).toList();
        FunnelSpec funnel = FunnelSpec.of(plainSteps, WINDOW, OrderMode.SEQUENTIAL);
        FunnelSpec breakdown = funnel.withBreakdown(BREAKDOWN_PROPERTY, Attribution.FIRST_TOUCH);
        FunnelSpec conditions = FunnelSpec.of(CONDITION_STEPS.stream().map(ConditionStep::step).toList(), WINDOW,
                OrderMode.SEQUENTIAL);
        List<String> plainSql = STEPS.stream().map(name -> "event_name = " + quote(name)).toList();
        List<String> conditionSql = CONDITION_STEPS.stream()
                .map(step -> "event_name = " + quote(step.event()) + " AND " + step.sql()).toList();
        long window = WINDOW.toNanos() / 1_000;
        String steps = String.join(" → ", STEPS) + ", sequential, 7-day window";
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (warmupRuns > 0) {
            // The funnels of RelativeBenchmark take part (not the account one, whose first run is timed apart), so
            // that the JIT compiles the shared scan for the optional-step and entry-range paths too before anything
            // is timed: compiled for the plain funnel alone, it was deoptimised when those paths first ran.
            List<FunnelSpec> warmUp = new ArrayList<>(List.of(funnel, breakdown, conditions));
            warmUp.addAll(RelativeBenchmark.warmUpSpecs(funnel));
            warmUpHeap(warmUp);
        }
        CpuWatch cpu = CpuWatch.start();
        Figures plainFigures = measure("funnel", steps, funnel, funnelSql(plainSql, window, null));
        Figures breakdownFigures = measure("breakdown", steps + ", by " + BREAKDOWN_PROPERTY + " (first touch)",
                breakdown, funnelSql(plainSql, window, BREAKDOWN_PROPERTY));
        Figures conditionFigures = measure("conditions", CONDITION_STEPS.stream().map(s -> s.step().name())
                .collect(Collectors.joining(" → ")) + ", sequential, 7-day window", conditions,
                funnelSql(conditionSql, window, null));
        FunnelOutcome outcome = new FunnelEngine(log).scan(funnel);
        List<Double> pathsRuns = paths(funnel, outcome);
        long pathsUsers = new Paths(log, funnel, outcome).report(1, PathKind.AFTER_DROP_OFF).users();
        List<RelativeBenchmark.Figures> relative = new RelativeBenchmark(log, warmupRuns, runs, progress)
                .run(funnel);
        Double others = cpu.otherShare();
        if (others != null) {
            progress.accept(String.format("Analysis: other processes used %.0f %% of the cores meanwhile",
                    others * 100));
        }
        return new Result(warmupRuns, runs, load < 0 ? null : load, others, plainFigures, breakdownFigures,
                conditionFigures, pathsRuns, pathsUsers, relative);
    }

    /**
     * Times the paths after drop-off at step 1 of the plain funnel, depth 3, top 10 ({@code paths}, and the app's
     * "What did they do instead?"), on the funnel's per-user outcome as the app has it once the funnel is shown:
     * the funnel's own scan is not included. Ours only: DuckDB has no such operation here.
     */
    private List<Double> paths(FunnelSpec funnel, FunnelOutcome outcome) {
        progress.accept(String.format("Analysis: paths after drop-off at step 1, depth %d; %d warm-up and %d timed"
                + " runs", Paths.DEFAULT_DEPTH, warmupRuns, runs));
        Paths paths = new Paths(log, funnel, outcome);
        for (int i = 0; i < warmupRuns; i++) {
            paths.report(1, PathKind.AFTER_DROP_OFF);
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            paths.report(1, PathKind.AFTER_DROP_OFF);
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        progress.accept(String.format("  ours %.1f ms (median; runs %s)", Benchmark.median(seconds) * 1e3,
                milliseconds(seconds)));
        return List.copyOf(seconds);
    }

    /**
     * How much of the machine other processes used during a phase: the busy time of all cores from
     * {@code /proc/stat} less this process's CPU time, over the elapsed time of all cores.
     */
    static final class CpuWatch {
        private static final Path STAT = Path.of("/proc/stat");
        /** The kernel's clock ticks per second in /proc/stat (USER_HZ, 100 on Linux). */
        private static final double TICKS_PER_SECOND = 100;
        private final long busyTicks;
        private final long processNanos;
        private final long started = System.nanoTime();

        private CpuWatch(long busyTicks, long processNanos) {
            this.busyTicks = busyTicks;
            this.processNanos = processNanos;
        }

        static CpuWatch start() {
            return new CpuWatch(busyTicks(), processNanos());
        }

        /** The share of all cores used by other processes since the start, or null when it cannot be told. */
        Double otherShare() {
            long busy = busyTicks();
            long process = processNanos();
            if (busy < 0 || busyTicks < 0 || process < 0 || processNanos < 0) {
                return null;
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            double others = (busy - busyTicks) / TICKS_PER_SECOND - (process - processNanos) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            return Math.max(0, Math.min(1, others / (elapsed * cores)));
        }

        /** user + nice + system + irq + softirq + steal of the "cpu" line, or -1. */
        private static long busyTicks() {
            try {
                String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
                if (!fields[0].equals("cpu") || fields.length < 9) {
                    return -1;
                }
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(fields[i]);
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static long processNanos() {
            return ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        }
    }

    /**
     * Computes the funnels in turn (ours only) until they have allocated twice as much as the heap has committed,
     * at least once and for at most {@link #HEAP_WARMUP_ROUNDS} rounds, so that the timed runs find the pages of the
     * heap touched. After a full GC (the benchmark runs {@code System.gc()} before measuring the snapshot) G1 hands
     * memory back to the system, and the young generation's first passes over fresh memory cost page faults (in
     * this VM about 1.7 s per GB): without this the first 10-20 runs at 10M events were two to three times slower.
     * G1 grows the young generation over several collections, so once through the committed heap is not enough.
     */
    private void warmUpHeap(List<FunnelSpec> specs) {
        long started = System.nanoTime();
        long before = allocatedBytes();
        int rounds = 0;
        do {
            for (FunnelSpec spec : specs) {
                new FunnelEngine(log).compute(spec);
            }
            rounds++;
        } while (before >= 0 && rounds < HEAP_WARMUP_ROUNDS
                && allocatedBytes() - before < 2 * Runtime.getRuntime().totalMemory());
        progress.accept(String.format("Analysis: heap warm-up, %d rounds of the %d funnels in %.1f s (%s MB"
                + " allocated, %,d MB of heap committed)", rounds, specs.size(), (System.nanoTime() - started) / 1e9,
                before < 0 ? "?" : String.format("%,d", (allocatedBytes() - before) >> 20),
                Runtime.getRuntime().totalMemory() >> 20));
    }

    /** Bytes allocated so far by the live threads of this JVM (the engine uses the common fork-join pool), or -1. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            long total = 0;
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                total += Math.max(0, bytes);
            }
            return total;
        }
        return -1; // unknown: one round
    }

    private Figures measure(String name, String description, FunnelSpec spec, String sql) {
        progress.accept(String.format("Analysis: %s (%s); %d warm-up and %d timed runs each%s", name, description,
                warmupRuns, runs, duckdb == null ? "" : ", ours and DuckDB's alternating"));
        FunnelResult result = null;
        DuckResult duck = null;
        for (int i = 0; i < warmupRuns; i++) {
            result = new FunnelEngine(log).compute(spec);
            if (duckdb != null) {
                duck = query(sql, spec.breakdownProperty() != null);
            }
        }
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = new FunnelEngine(log).compute(spec);
            ours.add((System.nanoTime() - t) / 1e9);
            if (duckdb != null) {
                duck = query(sql, spec.breakdownProperty() != null);
                theirs.add(duck.seconds());
            }
        }
        List<Long> stepUsers = result.steps().stream().map(StepResult::users).toList();
        String mismatch = duck == null ? null : mismatch(result, duck);
        Boolean match = duck == null ? null : mismatch == null;
        progress.accept(String.format("  ours %.1f ms (median; runs %s), users per step %s", Benchmark.median(ours)
                * 1e3, milliseconds(ours), stepUsers));
        if (duck != null) {
            progress.accept(String.format("  DuckDB %.1f ms (median; runs %s), users per step %s; ours / DuckDB %.3f",
                    Benchmark.median(theirs) * 1e3, milliseconds(theirs), duck.stepUsers(),
                    Benchmark.median(ours) / Benchmark.median(theirs)));
            if (mismatch != null) {
                progress.accept("  MISMATCH: our counts and DuckDB's differ for " + name + ": " + mismatch);
            }
        }
        return new Figures(name, description, List.copyOf(ours), stepUsers, result.breakdown().size(),
                List.copyOf(theirs), duck == null ? List.of() : duck.stepUsers(), match, mismatch, sql);
    }

    private static String milliseconds(List<Double> seconds) {
        return seconds.stream().map(s -> String.format("%.1f", s * 1e3)).collect(Collectors.joining(", "));
    }

    /** DuckDB's answer: users per step overall, and per group for a breakdown (group null = missing value). */
    record DuckResult(double seconds, List<Long> stepUsers, Map<String, List<Long>> groups) {
    }

    private DuckResult query(String sql, boolean breakdown) {
        try (Statement statement = duckdb.createStatement()) {
            long t = System.nanoTime();
            Map<String, List<Long>> groups = new LinkedHashMap<>();
            long[] total = new long[STEPS.size()];
            try (ResultSet rs = statement.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                int first = breakdown ? 2 : 1;
                while (rs.next()) {
                    List<Long> counts = new ArrayList<>();
                    for (int c = first; c <= columns; c++) {
                        counts.add(rs.getLong(c));
                        total[c - first] += rs.getLong(c);
                    }
                    if (breakdown) {
                        String group = rs.getString(1);
                        groups.put(group == null || group.isEmpty() ? null : group, counts);
                    }
                }
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            List<Long> stepUsers = new ArrayList<>();
            for (long count : total) {
                stepUsers.add(count);
            }
            return new DuckResult(seconds, List.copyOf(stepUsers), groups);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on the funnel query: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** How our users per step differ from DuckDB's, overall and per breakdown group (Other = the rest); or null. */
    static String mismatch(FunnelResult ours, DuckResult duck) {
        List<String> problems = new ArrayList<>();
        List<Long> overall = ours.steps().stream().map(StepResult::users).toList();
        if (!overall.equals(duck.stepUsers())) {
            problems.add("users per step: ours " + overall + ", DuckDB " + duck.stepUsers());
        }
        if (!ours.breakdown().isEmpty()) {
            Map<String, List<Long>> rest = new LinkedHashMap<>(duck.groups());
            BreakdownGroup other = null;
            for (BreakdownGroup group : ours.breakdown()) {
                if (group.other()) {
                    other = group;
                    continue;
                }
                List<Long> mine = group.steps().stream().map(StepResult::users).toList();
                List<Long> theirs = rest.remove(group.value());
                if (!mine.equals(theirs)) {
                    problems.add(group.value() + ": ours " + mine + ", DuckDB " + theirs);
                }
            }
            List<Long> theirsOther = sum(rest.values());
            List<Long> mineOther = other == null ? sum(List.of())
                    : other.steps().stream().map(StepResult::users).toList();
            if (!mineOther.equals(theirsOther)) {
                problems.add("Other: ours " + mineOther + ", DuckDB " + theirsOther + " (" + rest.keySet() + ")");
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static List<Long> sum(Collection<List<Long>> lists) {
        long[] total = new long[STEPS.size()];
        for (List<Long> counts : lists) {
            for (int i = 0; i < total.length; i++) {
                total[i] += counts.get(i);
            }
        }
        List<Long> result = new ArrayList<>();
        for (long value : total) {
            result.add(value);
        }
        return result;
    }

    /**
     * DuckDB's funnel over the table {@code events}: {@code stepFilters} are the SQL conditions of each step's
     * events, {@code windowMicros} the inclusive window from step 1. Without a breakdown, one row with the users
     * reaching each step; with one, a row per value of {@code breakdownColumn} on the user's earliest step-1 event.
     *
     * <p>s<i>k</i> holds the (user, time) of step k's events; j<i>k</i>, per (user, step-1 time) that reaches step
     * k, the earliest step-k time that does (t<i>k</i> ≥ t<i>k-1</i>, t<i>k</i> ≤ t1 + window); the last step only
     * needs to exist. (Making the s<i>k</i> distinct, sharing one scan of the table between them, ASOF joins and
     * window functions were all slower; see BENCHMARKS.md.)
     */
    static String funnelSql(List<String> stepFilters, long windowMicros, String breakdownColumn) {
        int k = stepFilters.size();
        if (k < 2) {
            throw new IllegalArgumentException("At least two steps");
        }
        StringBuilder sql = new StringBuilder("WITH ");
        for (int i = 1; i <= k; i++) {
            sql.append("s").append(i).append(" AS (SELECT user_id AS u, epoch_us(\"timestamp\") AS t")
                    .append(" FROM events WHERE ").append(stepFilters.get(i - 1)).append("),\n");
        }
        sql.append("j2 AS (SELECT s1.u, s1.t AS t1, min(s2.t) AS t FROM s1 JOIN s2 ON s2.u = s1.u AND s2.t >= s1.t")
                .append(" AND s2.t <= s1.t + ").append(windowMicros).append(" GROUP BY ALL),\n");
        for (int i = 3; i < k; i++) {
            sql.append("j").append(i).append(" AS (SELECT j.u, j.t1, min(s.t) AS t FROM j").append(i - 1)
                    .append(" j JOIN s").append(i).append(" s ON s.u = j.u AND s.t >= j.t AND s.t <= j.t1 + ")
                    .append(windowMicros).append(" GROUP BY ALL),\n");
        }
        sql.append("j").append(k).append(" AS (SELECT DISTINCT j.u FROM j").append(k - 1).append(" j JOIN s").append(k)
                .append(" s ON s.u = j.u AND s.t >= j.t AND s.t <= j.t1 + ").append(windowMicros).append(")\n");
        if (breakdownColumn == null) {
            sql.append("SELECT (SELECT count(DISTINCT u) FROM s1)");
            for (int i = 2; i < k; i++) {
                sql.append(", (SELECT count(DISTINCT u) FROM j").append(i).append(")");
            }
            sql.append(", (SELECT count(*) FROM j").append(k).append(")");
            return sql.toString();
        }
        // First touch: the value on the user's earliest step-1 event.
        String column = quoteIdentifier(breakdownColumn);
        sql.setLength(sql.length() - 1);
        sql.append(",\nfirst_touch AS (SELECT user_id AS u, arg_min(").append(column)
                .append(", epoch_us(\"timestamp\")) AS g FROM events WHERE ").append(stepFilters.get(0))
                .append(" GROUP BY user_id)\n");
        sql.append("SELECT f.g, count(*)");
        for (int i = 2; i <= k; i++) {
            sql.append(", count(r").append(i).append(".u)");
        }
        sql.append(" FROM first_touch f");
        for (int i = 2; i <= k; i++) {
            sql.append(" LEFT JOIN ").append(i < k ? "(SELECT DISTINCT u FROM j" + i + ")" : "j" + k).append(" r")
                    .append(i).append(" ON r").append(i).append(".u = f.u");
        }
        sql.append(" GROUP BY f.g");
        return sql.toString();
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * {@code analysis PROJECT [CSV]}: the analysis benchmark on its own, on a project kept by {@code bench --keep}
     * (and DuckDB on the kept file when its driver is on the class path); prints the log lines. For profiling.
     */
    public static void main(String[] args) throws SQLException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: " + AnalysisBenchmark.class.getName() + " PROJECT [CSV]");
            System.exit(2);
        }
        EventLog log;
        try (ProjectStore store = ProjectStore.open(Path.of(args[0]))) {
            log = store.snapshots().load(Progress.NONE);
        }
        int runs = Integer.getInteger("bench.runs", Benchmark.Settings.DEFAULT_ANALYSIS_RUNS);
        int warmups = Integer.getInteger("bench.warmup", Benchmark.Settings.DEFAULT_ANALYSIS_WARMUP_RUNS);
        Connection connection = null;
        if (args.length == 2) {
            connection = DriverManager.getConnection(Benchmark.DUCKDB_URL);
            try (Statement s = connection.createStatement()) {
                s.execute(Benchmark.Peer.loadSql(Path.of(args[1])));
            }
        }
        try {
            Result result = new AnalysisBenchmark(log, connection, warmups, runs, System.err::println).run();
            if (!result.mismatches().isEmpty()) {
                System.exit(1);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
