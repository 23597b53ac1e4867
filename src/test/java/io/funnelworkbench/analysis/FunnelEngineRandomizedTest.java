package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.ReferenceFunnel.Answer;
import io.funnelworkbench.analysis.ReferenceFunnel.Ev;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the fast {@link FunnelEngine} against {@link ReferenceFunnel} on thousands of small random event logs
 * for every order mode. Logs are tiny (1-4 users, 0-12 events each) with timestamps from a handful of values, so
 * ties, repeated steps, window edges and day boundaries are frequent.
 *
 * <p>On a mismatch the test prints the case seed, a shrunk log as Java code, the spec and both answers. To rerun
 * one case: {@code -Dfunnel.mode=SEQUENTIAL -Dfunnel.case=<seed>}.
 */
public class FunnelEngineRandomizedTest {
    static final int LOGS_PER_MODE = 3000;
    /** Log and funnel sizes: the main runs use SMALL; LONG and WIDE vary event and user counts. */
    record Shape(String name, int logs, int maxUsers, int maxEventsPerUser, int maxSteps) {
    }

    static final Shape SMALL = new Shape("small", LOGS_PER_MODE, 4, 12, 4);
    /** Long event streams per user and longer funnels, to catch fixed-size buffers and long-stream bugs. */
    static final Shape LONG = new Shape("long", 200, 2, 25, 5);
    /** Many users per log, to catch bugs at the boundaries where work is split between threads. */
    static final Shape WIDE = new Shape("wide", 12, 20_000, 8, 4);
    static final int SPECS_PER_LOG = 2;
    static final long DAY = ReferenceFunnel.MICROS_PER_DAY;
    static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);
    static final long BASE = DAY0.toEpochDay() * DAY;
    static final long[] UNITS = {1L, 1_000_000L, 3_600_000_000L, 43_200_000_000L};
    static final List<String> NAMES = List.of("a", "b", "c", "d");

    @Test
    void sequentialOrderMatchesTheReference() {
        run(SMALL, OrderMode.SEQUENTIAL, 11_000_000L, true, true);
    }

    @Test
    void strictOrderMatchesTheReference() {
        run(SMALL, OrderMode.STRICT, 22_000_000L, true, true);
    }

    @Test
    void anyOrderMatchesTheReference() {
        run(SMALL, OrderMode.ANY, 33_000_000L, false, false);
    }

    @Test
    void longStreamsAndLongerFunnelsMatchTheReferenceInEveryMode() {
        run(LONG, OrderMode.SEQUENTIAL, 55_000_000L, true, true);
        run(LONG, OrderMode.STRICT, 56_000_000L, true, true);
        run(LONG, OrderMode.ANY, 57_000_000L, false, false);
    }

    @Test
    void logsWithManyUsersMatchTheReferenceInEveryMode() {
        run(WIDE, OrderMode.SEQUENTIAL, 66_000_000L, true, true);
        run(WIDE, OrderMode.STRICT, 67_000_000L, true, true);
        run(WIDE, OrderMode.ANY, 68_000_000L, false, false);
    }

    @Test
    void countingByAccountMatchesTheReferenceInEveryMode() {
        run(SMALL, OrderMode.SEQUENTIAL, 77_000_000L, true, true, true);
        run(SMALL, OrderMode.STRICT, 78_000_000L, true, true, true);
        run(SMALL, OrderMode.ANY, 79_000_000L, false, false, true);
        run(LONG, OrderMode.SEQUENTIAL, 80_000_000L, true, true, true);
    }

    /**
     * Any order with an entry range: the spec names "the step-1 event" of an attempt; for any order this test
     * reads it as the earliest matched event of the window (kept separate so that a different reading shows up
     * on its own).
     */
    @Test
    void anyOrderEntryRangeBoundsTheEarliestMatchedEvent() {
        run(SMALL, OrderMode.ANY, 44_000_000L, false, true);
    }

    @Test
    void optionalStepsMatchTheReferenceInOrderedModes() {
        runOptional(SMALL, OrderMode.SEQUENTIAL, 77_000_000L);
        runOptional(SMALL, OrderMode.STRICT, 78_000_000L);
        runOptional(LONG, OrderMode.SEQUENTIAL, 79_000_000L);
        runOptional(LONG, OrderMode.STRICT, 80_000_000L);
    }

    /** Random funnels of 3 or more steps with some middle steps optional (not an exclusion's ends). */
    private void runOptional(Shape shape, OrderMode mode, long baseSeed) {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int withOptionalDone = 0;
        for (int i = 0; i < shape.logs(); i++) {
            long seed = baseSeed + i;
            Random random = new Random(seed);
            List<Ev> events = randomLog(random, shape);
            for (int s = 0; s < SPECS_PER_LOG; s++) {
                FunnelSpec spec = randomSpec(random, shape, mode, true, true);
                if (spec.steps().size() < 3) {
                    List<FunnelSpec.Step> more = new ArrayList<>(spec.steps());
                    while (more.size() < 3) {
                        more.add(FunnelSpec.Step.event(NAMES.get(random.nextInt(3))));
                    }
                    spec = new FunnelSpec(more, spec.window(), mode, List.of(), null, null, spec.entryFrom(),
                            spec.entryTo(), null);
                }
                List<Integer> optional = new ArrayList<>();
                for (int step = 2; step < spec.steps().size(); step++) {
                    final int number = step;
                    boolean exclusionEnd = spec.exclusions().stream()
                            .anyMatch(x -> x.fromStep() == number || x.toStep() == number);
                    if (!exclusionEnd && (optional.isEmpty() || random.nextBoolean())) {
                        optional.add(step);
                    }
                }
                if (optional.isEmpty()) {
                    continue;
                }
                spec = spec.withOptional(optional);
                cases++;
                String mismatch = optionalMismatch(events, spec);
                if (mismatch != null && failures.size() < 6) {
                    failures.add("case seed " + seed + " (spec #" + s + ", mode " + mode + "): " + mismatch + "\n"
                            + describe(events, spec));
                }
                if (mismatch == null && new FunnelEngine(build(events)).compute(spec).steps().stream()
                        .anyMatch(r -> r.optional() && r.users() > 0)) {
                    withOptionalDone++;
                }
            }
        }
        System.out.println("FunnelEngineRandomizedTest optional " + shape.name() + " " + mode + ": " + cases
                + " cases (" + withOptionalDone + " with an optional step done), " + failures.size() + "+ mismatching");
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
        assertThat(withOptionalDone).as("cases where some optional step was done").isGreaterThan(cases / 10);
    }

    /** Null when the engine agrees with the reference on a funnel with optional steps, else the differences. */
    static String optionalMismatch(List<Ev> events, FunnelSpec spec) {
        ReferenceFunnel reference = new ReferenceFunnel(events);
        Map<String, Answer> expected = reference.run(ReferenceFunnel.requiredOnly(spec));
        Map<String, boolean[]> done = reference.optionalDone(spec);
        EventLog log = build(events);
        FunnelEngine engine = new FunnelEngine(log);
        FunnelOutcome outcome;
        FunnelResult result;
        try {
            outcome = engine.scan(spec);
            result = engine.compute(spec);
        } catch (RuntimeException e) {
            return "engine threw " + e;
        }
        List<String> problems = new ArrayList<>();
        for (int u = 0; u < log.userCount(); u++) {
            String id = log.userId(u);
            Answer want = expected.get(id);
            if (outcome.furthest(u) != want.furthest()) {
                problems.add("user " + id + ": furthest required step expected " + want.furthest() + " but was "
                        + outcome.furthest(u));
            }
            for (int o = 0; o < done.get(id).length; o++) {
                if (outcome.didOptional(u, o) != done.get(id)[o]) {
                    problems.add("user " + id + ": optional step #" + (o + 1) + " done expected " + done.get(id)[o]
                            + " (reference: " + want + ")");
                }
            }
        }
        // The step table: required steps counted and converted between required steps, optional ones from a.
        int required = 0;
        int optional = 0;
        long previousRequired = 0;
        long first = expected.values().stream().filter(a -> a.furthest() >= 1).count();
        for (int step = 1; step <= spec.steps().size(); step++) {
            StepResult got = result.steps().get(step - 1);
            long want;
            double conversion;
            if (spec.steps().get(step - 1).optional()) {
                final int o = optional++;
                want = done.values().stream().filter(flags -> flags[o]).count();
                conversion = previousRequired == 0 ? 0 : (double) want / previousRequired;
            } else {
                final int r = ++required;
                want = expected.values().stream().filter(a -> a.furthest() >= r).count();
                conversion = r == 1 ? (want == 0 ? 0 : 1) : previousRequired == 0 ? 0
                        : (double) want / previousRequired;
            }
            if (got.users() != want || got.optional() != spec.steps().get(step - 1).optional()
                    || Math.abs(got.conversionFromPrevious() - conversion) > 1e-12
                    || Math.abs(got.conversionFromFirst() - (first == 0 ? 0 : (double) want / first)) > 1e-12) {
                problems.add("compute: step " + step + " expected users " + want + ", conversion " + conversion
                        + " but was " + got);
            }
            if (!spec.steps().get(step - 1).optional()) {
                previousRequired = want;
            }
        }
        return problems.isEmpty() ? null : String.join("\n  ", problems);
    }

    // ----------------------------------------------------------------------------------------------------------

    private record Case(long seed, List<Ev> events, FunnelSpec spec) {
    }

    private void run(Shape shape, OrderMode mode, long baseSeed, boolean exclusions, boolean entryRanges) {
        run(shape, mode, baseSeed, exclusions, entryRanges, false);
    }

    /** With {@code byAccount}, every log gets an account property and every funnel counts by it. */
    private void run(Shape shape, OrderMode mode, long baseSeed, boolean exclusions, boolean entryRanges,
                     boolean byAccount) {
        String onlyMode = System.getProperty("funnel.mode");
        String onlyCase = System.getProperty("funnel.case");
        List<String> failures = new ArrayList<>();
        int failing = 0;
        int cases = 0;
        for (int i = 0; i < shape.logs(); i++) {
            long seed = baseSeed + i;
            if (onlyCase != null && (!mode.name().equals(onlyMode) || Long.parseLong(onlyCase) != seed)) {
                continue;
            }
            Random random = new Random(seed);
            List<Ev> events = randomLog(random, shape);
            if (byAccount) {
                events = withAccounts(events, new Random(~seed));
            }
            for (int s = 0; s < SPECS_PER_LOG; s++) {
                FunnelSpec spec = randomSpec(random, shape, mode, exclusions, entryRanges);
                if (byAccount) {
                    spec = spec.withCountBy(ACCOUNT);
                }
                if (mode == OrderMode.ANY && entryRanges && spec.entryFrom() == null && spec.entryTo() == null) {
                    spec = spec.withEntryRange(DAY0.plusDays(random.nextInt(3) - 1),
                            DAY0.plusDays(1 + random.nextInt(2)));
                }
                cases++;
                String mismatch = mismatch(events, spec);
                if (mismatch != null) {
                    failing++;
                    if (failures.size() < 6) {
                        List<Ev> small = shrink(events, spec);
                        failures.add("case seed " + seed + " (spec #" + s + ", mode " + mode + "): " + mismatch
                                + "\n  original log: " + events.size() + " events; shrunk to " + small.size()
                                + "\n" + describe(small, spec) + "  " + mismatch(small, spec));
                    }
                }
            }
        }
        System.out.println("FunnelEngineRandomizedTest " + shape.name() + " " + mode
                + (byAccount ? " by account" : "") + (entryRanges && mode == OrderMode.ANY
                ? " (entry ranges)" : "") + ": " + cases + " cases, " + failing + " mismatching");
        if (!failures.isEmpty()) {
            String report = failing + " of " + cases + " random " + shape.name() + " " + mode
                    + " cases disagree with the reference."
                    + " First ones (shrunk):\n\n" + String.join("\n\n", failures);
            System.out.println(report);
            assertThat(failing).as(report).isZero();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Comparison
    // ----------------------------------------------------------------------------------------------------------

    static EventLog build(List<Ev> events) {
        EventLogBuilder builder = new EventLogBuilder();
        for (Ev e : events) {
            builder.add(e.user(), e.name(), e.time(), null, e.props());
        }
        return builder.build();
    }

    /** Null when the engine agrees with the reference on every user, else a description of the differences. */
    static String mismatch(List<Ev> events, FunnelSpec spec) {
        Map<String, Answer> expected = new ReferenceFunnel(events).run(spec);
        EventLog log = build(events);
        if (spec.countBy() != null && log.propertyIndex(spec.countBy()) < 0) {
            // No event carries the property at all: the engine says so, and the reference has no account.
            try {
                new FunnelEngine(log).scan(spec);
                return "engine counted by " + spec.countBy() + ", a property the log lacks";
            } catch (IllegalArgumentException e) {
                return e.getMessage().contains("'" + spec.countBy() + "'") && expected.isEmpty() ? null
                        : "engine said " + e.getMessage() + "; reference: " + expected;
            }
        }
        FunnelOutcome outcome;
        FunnelResult result;
        try {
            FunnelEngine engine = new FunnelEngine(log);
            outcome = engine.scan(spec);
            result = engine.compute(spec);
        } catch (RuntimeException | AssertionError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return "engine threw " + trace.toString().lines().limit(6).collect(Collectors.joining("\n    "));
        }
        boolean ordered = spec.order() != OrderMode.ANY;
        boolean dropExclusion = spec.exclusions().stream().anyMatch(FunnelSpec.ExclusionSpec::dropFromThatPoint);
        List<String> problems = new ArrayList<>();
        // Counted by account, the engine's "users" are the accounts of the regrouped log.
        EventLog counted = AccountLogs.forSpec(log, spec);
        for (int u = 0; u < counted.userCount(); u++) {
            String id = counted.userId(u);
            Answer want = expected.get(id);
            if (want == null) {
                if (counted.endRowOf(u) > counted.firstRowOf(u) || outcome.furthest(u) != 0) {
                    problems.add("account " + id + " has rows or steps but no reference answer");
                }
                continue;
            }
            List<String> diffs = new ArrayList<>();
            int furthest;
            try {
                furthest = outcome.furthest(u);
                if (furthest != want.furthest()) {
                    diffs.add("furthest expected " + want.furthest() + " but was " + furthest);
                }
                boolean excluded = outcome.excluded(u);
                if (!dropExclusion && excluded != want.excluded()) {
                    diffs.add("excluded expected " + want.excluded() + " but was " + excluded);
                }
                if (ordered && furthest == want.furthest()) {
                    for (int step = 1; step <= furthest; step++) {
                        long time = outcome.stepTime(u, step);
                        if (time != want.stepTimes()[step - 1]) {
                            diffs.add("stepTime(" + step + ") expected " + want.stepTimes()[step - 1] + " but was "
                                    + time);
                        }
                    }
                }
                boolean still = outcome.stillInWindow(u);
                boolean comparable = ordered ? !want.exclusionHit() : want.furthest() == 0;
                if (comparable && still != want.stillInWindow()) {
                    diffs.add("stillInWindow expected " + want.stillInWindow() + " but was " + still);
                }
            } catch (RuntimeException e) {
                diffs.add("engine threw " + e);
            }
            if (!diffs.isEmpty()) {
                problems.add("user " + id + ": " + String.join("; ", diffs) + " (reference: " + want + ")");
            }
        }
        // compute() must agree with scan(): users per step and excluded users.
        for (int step = 1; step <= spec.steps().size(); step++) {
            final int j = step;
            long want = expected.values().stream().filter(a -> a.furthest() >= j).count();
            long got = result.steps().get(step - 1).users();
            if (want != got) {
                problems.add("compute: step " + step + " users expected " + want + " but was " + got);
            }
        }
        if (ordered) {
            // Times to convert of the counted attempts: median, mean and nearest-rank p90, in seconds.
            for (int step = 2; step <= spec.steps().size(); step++) {
                final int j = step;
                List<Answer> reached = expected.values().stream().filter(a -> a.furthest() >= j).toList();
                double[] fromPrevious = reached.stream()
                        .mapToDouble(a -> (a.stepTimes()[j - 1] - a.stepTimes()[j - 2]) / 1e6).toArray();
                double[] fromFirst = reached.stream()
                        .mapToDouble(a -> (a.stepTimes()[j - 1] - a.stepTimes()[0]) / 1e6).toArray();
                compareTimes(problems, "step " + j + " timeFromPrevious", fromPrevious,
                        result.steps().get(j - 1).timeFromPrevious());
                compareTimes(problems, "step " + j + " timeFromFirst", fromFirst,
                        result.steps().get(j - 1).timeFromFirst());
            }
        }
        if (!dropExclusion) {
            long want = expected.values().stream().filter(Answer::excluded).count();
            if (result.excludedUsers() != want) {
                problems.add("compute: excludedUsers expected " + want + " but was " + result.excludedUsers());
            }
        }
        if (ordered && spec.exclusions().isEmpty()) {
            long want = expected.values().stream().filter(Answer::stillInWindow).count();
            if (result.stillInWindow() != want) {
                problems.add("compute: stillInWindow expected " + want + " but was " + result.stillInWindow());
            }
        }
        return problems.isEmpty() ? null : String.join("\n  ", problems);
    }

    private static void compareTimes(List<String> problems, String what, double[] values, TimeStats got) {
        if (got == null || got.count() != values.length) {
            problems.add("compute: " + what + " count expected " + values.length + " but was "
                    + (got == null ? null : got.count()));
            return;
        }
        if (values.length == 0) {
            return;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(sorted).sum() / n;
        double p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
        String want = "median " + median + ", mean " + mean + ", p90 " + p90;
        String was = "median " + got.medianSeconds() + ", mean " + got.meanSeconds() + ", p90 " + got.p90Seconds();
        if (got.medianSeconds() == null || Math.abs(got.medianSeconds() - median) > 1e-6
                || got.meanSeconds() == null || Math.abs(got.meanSeconds() - mean) > 1e-6
                || got.p90Seconds() == null || Math.abs(got.p90Seconds() - p90) > 1e-6) {
            problems.add("compute: " + what + " expected " + want + " but was " + was);
        }
    }

    /** Drops events one at a time while the engine still disagrees with the reference. */
    static List<Ev> shrink(List<Ev> events, FunnelSpec spec) {
        List<Ev> current = new ArrayList<>(events);
        // First whole users, then single events.
        for (String user : events.stream().map(Ev::user).distinct().toList()) {
            List<Ev> fewer = current.stream().filter(e -> !e.user().equals(user)).toList();
            if (!fewer.isEmpty() && mismatch(fewer, spec) != null) {
                current = new ArrayList<>(fewer);
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = current.size() - 1; i >= 0; i--) {
                List<Ev> smaller = new ArrayList<>(current);
                smaller.remove(i);
                if (!smaller.isEmpty() && mismatch(smaller, spec) != null) {
                    current = smaller;
                    progress = true;
                }
            }
        }
        return current;
    }

    static String describe(List<Ev> events, FunnelSpec spec) {
        StringBuilder out = new StringBuilder("  log (import order; times in epoch micros, day 0 = " + DAY0
                + " = " + BASE + "):\n    new EventLogBuilder()\n");
        for (Ev e : events) {
            out.append("      .add(\"").append(e.user()).append("\", \"").append(e.name()).append("\", ")
                    .append(e.time()).append("L, null, ").append(propsCode(e.props())).append(")   // day0 + ")
                    .append(e.time() - BASE).append(" us\n");
        }
        out.append("  spec: order=").append(spec.order()).append(" window=").append(ReferenceFunnel.windowMicros(spec))
                .append(" us").append(" entry=[").append(spec.entryFrom()).append(", ").append(spec.entryTo())
                .append("]").append(spec.countBy() == null ? "" : " countBy=" + spec.countBy()).append('\n');
        for (int i = 0; i < spec.steps().size(); i++) {
            FunnelSpec.Step step = spec.steps().get(i);
            out.append("    step ").append(i + 1).append(step.optional() ? " (optional)" : "").append(": ")
                    .append(step.rule().eventNames())
                    .append(step.rule().conditions().isEmpty() ? "" : " where " + step.rule().conditions())
                    .append('\n');
        }
        for (FunnelSpec.ExclusionSpec x : spec.exclusions()) {
            out.append("    exclusion ").append(x.rule().eventNames()).append(" between ").append(x.fromStep())
                    .append(" and ").append(x.toStep()).append(x.dropFromThatPoint() ? " (drop from that point)"
                            : " (remove user)").append('\n');
        }
        return out.toString();
    }

    private static String propsCode(Map<String, String> props) {
        if (props.isEmpty()) {
            return "Map.of()";
        }
        return props.entrySet().stream().map(e -> "\"" + e.getKey() + "\", \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "Map.of(", ")"));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Random logs and funnels
    // ----------------------------------------------------------------------------------------------------------

    /** Per log: a time unit (1 us, 1 s, 1 h or 12 h) and times base + k units, k in 0..6, sometimes +-1 us. */
    /**
     * For other back-ends (the Spark back-end's randomized test): one random log of up to {@code maxUsers} users
     * with tied times, and a random funnel on it in {@code mode} with exclusions and an entry range at random.
     */
    public static EventLog randomLog(Random random, int maxUsers) {
        return build(randomLog(random, new Shape("other back-end", 1, maxUsers, 12, 4)));
    }

    public static FunnelSpec randomSpec(Random random, OrderMode mode) {
        boolean exclusions = mode != OrderMode.ANY && random.nextBoolean();
        return randomSpec(random, new Shape("other back-end", 1, 1, 12, 4), mode, exclusions, random.nextBoolean());
    }

    static List<Ev> randomLog(Random random, Shape shape) {
        long unit = UNITS[random.nextInt(UNITS.length)];
        long base = BASE - (random.nextBoolean() ? 0 : 3 * unit);
        int names = 2 + random.nextInt(3);
        boolean withX = random.nextInt(3) == 0;
        int users = 1 + random.nextInt(shape.maxUsers());
        List<String[]> raw = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Map<String, String>> props = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            int n = random.nextInt(shape.maxEventsPerUser() + 1);
            for (int i = 0; i < n; i++) {
                String name = withX && random.nextInt(6) == 0 ? "x" : NAMES.get(random.nextInt(names));
                long time = base + random.nextInt(7) * unit;
                int jitter = random.nextInt(12);
                if (jitter == 0) {
                    time += 1;
                } else if (jitter == 1) {
                    time -= 1;
                }
                raw.add(new String[] {"u" + u, name});
                times.add(time);
                int p = random.nextInt(5);
                props.add(p == 4 ? Map.of() : Map.of("p", new String[] {"1", "5", "10", ""}[p]));
            }
        }
        // Interleave users and shuffle the import order, so times are out of file order and ties go both ways.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<Ev> events = new ArrayList<>();
        for (int i : order) {
            events.add(new Ev(events.size(), raw.get(i)[0], raw.get(i)[1], times.get(i), props.get(i)));
        }
        return events;
    }

    static final String ACCOUNT = "acct";

    /**
     * The events with an account: each user mostly in one of a few accounts (so accounts gather several users,
     * interleaved in time), sometimes another, sometimes none or an empty value (left out).
     */
    static List<Ev> withAccounts(List<Ev> events, Random random) {
        Map<String, String> home = new HashMap<>();
        List<Ev> out = new ArrayList<>();
        for (Ev e : events) {
            String account = home.computeIfAbsent(e.user(), u -> "c" + random.nextInt(3));
            int kind = random.nextInt(10);
            if (kind == 0) {
                account = "c" + random.nextInt(3);
            } else if (kind == 1) {
                account = null;
            } else if (kind == 2) {
                account = "";
            }
            Map<String, String> props = new HashMap<>(e.props());
            if (account != null) {
                props.put(ACCOUNT, account);
            }
            out.add(new Ev(e.importIndex(), e.user(), e.name(), e.time(), Map.copyOf(props)));
        }
        return out;
    }

    private static final Condition[] CONDITIONS = {
            Condition.of("p", Operator.EQUALS, "5"),
            Condition.of("p", Operator.GREATER_OR_EQUAL, "5"),
            Condition.of("p", Operator.LESS, "10"),
            Condition.of("p", Operator.CONTAINS, "1"),
            Condition.of("p", Operator.STARTS_WITH, "1"),
            Condition.of("p", Operator.NOT_EMPTY, ""),
            Condition.of("p", Operator.EMPTY, ""),
    };

    static FunnelSpec randomSpec(Random random, Shape shape, OrderMode mode, boolean exclusions,
                                 boolean entryRange) {
        int k = 1 + random.nextInt(shape.maxSteps());
        List<String> pool = NAMES.subList(0, 2 + random.nextInt(3));
        List<FunnelSpec.Step> steps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (i > 0 && random.nextInt(4) == 0) {
                steps.add(steps.get(i - 1)); // a repeated step such as [view, view]
                continue;
            }
            String name = pool.get(random.nextInt(pool.size()));
            int kind = random.nextInt(10);
            if (kind < 6) {
                steps.add(FunnelSpec.Step.event(name));
            } else if (kind < 8) {
                String other = pool.get(random.nextInt(pool.size()));
                List<String> names = other.equals(name) ? List.of(name) : List.of(name, other);
                steps.add(new FunnelSpec.Step(String.join("|", names), new MatchRule(names, List.of()),
                        GoalValue.NONE));
            } else {
                Condition c = CONDITIONS[random.nextInt(CONDITIONS.length)];
                steps.add(new FunnelSpec.Step(name + " where " + c.property() + " " + c.operator().symbol() + " "
                        + c.value(), new MatchRule(List.of(name), List.of(c)), GoalValue.NONE));
            }
        }
        long unit = UNITS[random.nextInt(UNITS.length)];
        long w;
        int windowKind = random.nextInt(10);
        if (windowKind == 0) {
            w = 0;
        } else if (windowKind == 1) {
            w = 7 * DAY;
        } else {
            w = random.nextInt(5) * unit + (random.nextInt(4) == 0 ? random.nextInt(3) - 1 : 0);
        }
        w = Math.max(0, w);
        FunnelSpec spec = FunnelSpec.of(steps, Duration.ofNanos(w * 1000), mode);
        if (exclusions && k >= 2 && random.nextInt(5) < 2) {
            int a = 1 + random.nextInt(k - 1);
            int b = a + 1 + random.nextInt(k - a);
            String name = random.nextInt(3) == 0 ? "x" : pool.get(random.nextInt(pool.size()));
            spec = spec.withExclusions(List.of(new FunnelSpec.ExclusionSpec(name, MatchRule.event(name), a, b,
                    random.nextBoolean())));
        }
        if (entryRange && random.nextInt(10) < 3) {
            LocalDate from = random.nextInt(4) == 0 ? null : DAY0.plusDays(random.nextInt(4) - 1);
            LocalDate to = random.nextInt(4) == 0 ? null
                    : (from == null ? DAY0 : from).plusDays(random.nextInt(3));
            spec = spec.withEntryRange(from, to);
        }
        return spec;
    }
}
