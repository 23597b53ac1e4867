package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngineRandomizedTest.Shape;
import io.funnelworkbench.analysis.ReferenceFunnel.Ev;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link FunnelKernel} as a cluster partition would, on each user's events given as plain arrays built from
 * the raw events (names, times, property strings; no {@link EventLog}), and compares every user's outcome with the
 * local engine's on random tie-heavy logs in all three orders: furthest step, the event and time of each step,
 * exclusion, optional steps, still in window (against the data's end passed in), the event placing the user in a
 * breakdown and its value, step values, and the path after drop-off (against {@link Paths}).
 */
class FunnelKernelTest {
    private static final Shape SMALL = new Shape("small", 1500, 4, 12, 4);
    private static final Shape LONG = new Shape("long", 150, 2, 25, 5);
    private static final String PROPERTY = "p";
    private static final int PATH_DEPTH = 3;

    @Test
    void sequentialKernelMatchesTheEngineForEveryUser() {
        run(SMALL, OrderMode.SEQUENTIAL, 91_000_000L);
        run(LONG, OrderMode.SEQUENTIAL, 91_500_000L);
    }

    @Test
    void strictKernelMatchesTheEngineForEveryUser() {
        run(SMALL, OrderMode.STRICT, 92_000_000L);
        run(LONG, OrderMode.STRICT, 92_500_000L);
    }

    @Test
    void anyOrderKernelMatchesTheEngineForEveryUser() {
        run(SMALL, OrderMode.ANY, 93_000_000L);
        run(LONG, OrderMode.ANY, 93_500_000L);
    }

    @Test
    void anEmptyUserIsNotInTheFunnel() {
        FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b")),
                Duration.ofDays(1), OrderMode.SEQUENTIAL);
        FunnelKernel kernel = new FunnelKernel(spec);
        UserOutcome out = kernel.newOutcome();
        kernel.run(UserEvents.of(new long[0], new long[0], null), out);
        assertThat(out.reached()).isZero();
        assertThat(out.stepId(1)).isEqualTo(-1);
        assertThat(kernel.stillInWindow(out, 0)).isFalse();
    }

    private void run(Shape shape, OrderMode mode, long baseSeed) {
        List<String> failures = new ArrayList<>();
        int[] inFunnel = new int[1];
        for (int i = 0; i < shape.logs(); i++) {
            long seed = baseSeed + i;
            Random random = new Random(seed);
            List<Ev> events = FunnelEngineRandomizedTest.randomLog(random, shape);
            for (int s = 0; s < FunnelEngineRandomizedTest.SPECS_PER_LOG; s++) {
                boolean exclusions = mode != OrderMode.ANY;
                FunnelSpec spec = dress(FunnelEngineRandomizedTest.randomSpec(random, shape, mode, exclusions, true),
                        random);
                List<String> problems = compare(events, spec, inFunnel);
                if (!problems.isEmpty() && failures.size() < 5) {
                    failures.add("case seed " + seed + " (spec #" + s + "): " + String.join("; ", problems) + "\n"
                            + FunnelEngineRandomizedTest.describe(events, spec));
                }
            }
        }
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
        assertThat(inFunnel[0]).as("users in some funnel").isGreaterThan(shape.logs() / 2);
    }

    /** Adds, at random, a breakdown by p (either attribution), a value from p, and optional middle steps. */
    private static FunnelSpec dress(FunnelSpec spec, Random random) {
        if (random.nextBoolean()) {
            spec = spec.withBreakdown(PROPERTY, random.nextBoolean() ? Attribution.FIRST_TOUCH
                    : Attribution.LAST_STEP);
        }
        if (random.nextBoolean()) {
            List<FunnelSpec.Step> steps = new ArrayList<>(spec.steps());
            int at = random.nextInt(steps.size());
            FunnelSpec.Step step = steps.get(at);
            steps.set(at, new FunnelSpec.Step(step.name(), step.rule(), GoalValue.fromProperty(PROPERTY),
                    step.optional()));
            spec = new FunnelSpec(steps, spec.window(), spec.order(), spec.exclusions(), spec.breakdownProperty(),
                    spec.attribution(), spec.entryFrom(), spec.entryTo(), spec.trendPeriod());
        }
        if (spec.order() != OrderMode.ANY && spec.steps().size() >= 3 && random.nextBoolean()) {
            FunnelSpec finalSpec = spec;
            int middle = 2 + random.nextInt(spec.steps().size() - 2);
            boolean exclusionEnd = finalSpec.exclusions().stream()
                    .anyMatch(x -> x.fromStep() == middle || x.toStep() == middle);
            if (!exclusionEnd) {
                spec = spec.withOptional(List.of(middle));
            }
        }
        return spec;
    }

    /** Every difference between the kernel on plain arrays and the engine on the snapshot, per user. */
    private static List<String> compare(List<Ev> events, FunnelSpec spec, int[] inFunnel) {
        EventLog log = FunnelEngineRandomizedTest.build(events);
        FunnelOutcome engine = new FunnelEngine(log).scan(spec);
        FunnelResult result = new FunnelEngine(log).compute(spec);
        long dataEnd = events.stream().mapToLong(Ev::time).max().orElse(0);
        List<MatchRule> rules = FunnelKernel.rules(spec);
        FunnelKernel kernel = new FunnelKernel(spec);
        UserOutcome out = kernel.newOutcome();
        Map<String, Integer> codes = new HashMap<>();
        List<String> values = new ArrayList<>();
        double[] valueSums = new double[kernel.stepCount() + 1];
        List<String> problems = new ArrayList<>();
        Map<List<Object>, List<String>> pathsAfterDropOff = new HashMap<>();
        for (Map.Entry<String, List<Ev>> user : byUser(events).entrySet()) {
            List<Ev> mine = user.getValue();
            // The partition's arrays: every event of the user (strict order needs the unmatched ones too).
            int n = mine.size();
            long[] masks = new long[n];
            long[] times = new long[n];
            int[] groupValues = new int[n];
            for (int i = 0; i < n; i++) {
                Ev e = mine.get(i);
                for (int r = 0; r < rules.size(); r++) {
                    masks[i] |= ReferenceFunnel.matches(rules.get(r), e) ? 1L << r : 0;
                }
                times[i] = e.time();
                String value = e.props().get(PROPERTY);
                groupValues[i] = value == null ? -1 : codes.computeIfAbsent(value, v -> {
                    values.add(v);
                    return values.size() - 1;
                });
            }
            kernel.run(UserEvents.of(masks, times, null).withGroupValues(groupValues)
                    .withStepValues(stepValues(spec, mine)), out);
            int u = userIndex(log, user.getKey());
            String who = "user " + user.getKey() + ": ";
            for (int row = log.firstRowOf(u); row < log.endRowOf(u); row++) {
                Ev e = mine.get(row - log.firstRowOf(u));
                if (e.time() != log.time(row) || !e.name().equals(log.eventName(log.event(row)))) {
                    problems.add(who + "row " + row + " is not " + e);
                }
            }
            inFunnel[0] += out.reached() > 0 ? 1 : 0;
            compareUser(engine, u, out, mine, log, problems, who);
            if (kernel.stillInWindow(out, dataEnd) != engine.stillInWindow(u)) {
                problems.add(who + "still in window " + kernel.stillInWindow(out, dataEnd));
            }
            if (spec.breakdownProperty() != null && out.reached() > 0) {
                Ev placing = mine.get(out.attributionId());
                Ev expected = placingEvent(spec, mine, mine.get(engine.stepRow(u, engine.furthest(u))
                        - log.firstRowOf(u)));
                if (placing != expected) {
                    problems.add(who + "placed by " + placing + " instead of " + expected);
                }
                String value = out.groupValue() < 0 ? null : values.get(out.groupValue());
                if (!Objects.equals(value, placing.props().get(PROPERTY))) {
                    problems.add(who + "group value " + value);
                }
            }
            for (int k = 1; k <= out.reached(); k++) {
                valueSums[k] += out.stepValue(k);
            }
            if (out.reached() > 0 && out.reached() < kernel.stepCount()) {
                pathsAfterDropOff.computeIfAbsent(List.of(out.reached(), kernelPath(spec, mine, out)),
                        key -> new ArrayList<>()).add(user.getKey());
            }
        }
        problems.addAll(comparePaths(log, spec, engine, pathsAfterDropOff));
        if (!spec.hasOptionalSteps() && spec.breakdownProperty() == null) {
            for (int k = 1; k <= kernel.stepCount(); k++) {
                if (Math.abs(valueSums[k] - result.steps().get(k - 1).value()) > 1e-9) {
                    problems.add("step " + k + " value " + valueSums[k] + " but the engine's is "
                            + result.steps().get(k - 1).value());
                }
            }
        }
        return problems;
    }

    private static void compareUser(FunnelOutcome engine, int u, UserOutcome out, List<Ev> mine, EventLog log,
                                    List<String> problems, String who) {
        if (out.reached() != engine.furthest(u) || out.excluded() != engine.excluded(u)) {
            problems.add(who + "reached " + out.reached() + (out.excluded() ? " excluded" : "") + " but the engine "
                    + engine.furthest(u) + (engine.excluded(u) ? " excluded" : ""));
            return;
        }
        for (int k = 1; k <= out.reached(); k++) {
            Ev kernelEvent = mine.get(out.stepId(k));
            Ev engineEvent = mine.get(engine.stepRow(u, k) - log.firstRowOf(u));
            if (kernelEvent != engineEvent || out.stepTime(k) != engine.stepTime(u, k)) {
                problems.add(who + "step " + k + " at " + kernelEvent + " but the engine's at " + engineEvent);
            }
        }
        for (int o = 0; o < engine.optionalCount(); o++) {
            if (out.didOptional(o) != engine.didOptional(u, o)) {
                problems.add(who + "optional step #" + (o + 1) + " done " + out.didOptional(o));
            }
        }
    }

    /**
     * The event whose property places the user (FUNNEL-SEMANTICS.md, "Breakdown"): the last step reached, or the
     * first touch, the user's earliest event matching step 1 (in any order, any step) from the entry range's start.
     */
    private static Ev placingEvent(FunnelSpec spec, List<Ev> mine, Ev lastStep) {
        if (spec.attribution() == Attribution.LAST_STEP) {
            return lastStep;
        }
        List<FunnelSpec.Step> required = spec.requiredOnly().steps();
        List<FunnelSpec.Step> entry = spec.order() == OrderMode.ANY ? required : required.subList(0, 1);
        long from = FunnelKernel.entryFrom(spec);
        return mine.stream().filter(e -> e.time() >= from)
                .filter(e -> entry.stream().anyMatch(step -> ReferenceFunnel.matches(step.rule(), e)))
                .findFirst().orElseThrow();
    }

    /** The path after drop-off (depth 3) of a user's counted attempt, from the user's own arrays and name codes. */
    private static List<String> kernelPath(FunnelSpec spec, List<Ev> mine, UserOutcome out) {
        List<String> names = mine.stream().map(Ev::name).distinct().sorted().toList();
        long[] times = mine.stream().mapToLong(Ev::time).toArray();
        int[] codes = mine.stream().mapToInt(e -> names.indexOf(e.name())).toArray();
        long until = FunnelKernel.pathUntil(true, out.stepTime(1), 0, spec.window().toNanos() / 1_000);
        int[] path = new int[PATH_DEPTH];
        int taken = FunnelKernel.path(times, codes, out.stepId(out.reached()), times.length, until, path);
        return Arrays.stream(path, 0, taken).mapToObj(names::get).toList();
    }

    /** Whether Paths, on the snapshot, lists the same users for each (step, path) as the kernel found. */
    private static List<String> comparePaths(EventLog log, FunnelSpec spec, FunnelOutcome engine,
                                             Map<List<Object>, List<String>> byStepAndPath) {
        if (spec.order() == OrderMode.ANY || spec.hasOptionalSteps()) {
            return List.of(); // Paths need an ordered funnel and count the required steps of one without options
        }
        Paths paths = new Paths(log, spec, engine);
        List<String> problems = new ArrayList<>();
        byStepAndPath.forEach((key, users) -> {
            @SuppressWarnings("unchecked")
            List<String> path = (List<String>) key.get(1);
            List<String> listed = paths.usersOf((Integer) key.get(0), PathKind.AFTER_DROP_OFF, PATH_DEPTH, path);
            if (!new HashSet<>(listed).equals(new HashSet<>(users))) {
                problems.add("after drop-off at " + key.get(0) + " along " + path + ": kernel " + users
                        + ", Paths " + listed);
            }
        });
        return problems;
    }

    /** Each required step's value at an event of {@code mine}, read from the event's own properties. */
    private static IntToDoubleFunction[] stepValues(FunnelSpec spec, List<Ev> mine) {
        return spec.requiredOnly().steps().stream().map(step -> step.value().isNone() ? null
                : (IntToDoubleFunction) id -> {
                    Double number = CompiledRule.number(mine.get(id).props().get(step.value().fromProperty()));
                    return number == null ? 0 : number;
                }).toArray(IntToDoubleFunction[]::new);
    }

    /**
     * Each user's events sorted as a partition sorts them: by time, equal times in import order (which is also the
     * snapshot's row order within a user, so row - firstRowOf(user) finds the same event).
     */
    private static Map<String, List<Ev>> byUser(List<Ev> events) {
        Map<String, List<Ev>> users = new LinkedHashMap<>();
        events.stream().sorted(Comparator.comparingLong(Ev::time).thenComparingInt(Ev::importIndex))
                .forEach(e -> users.computeIfAbsent(e.user(), k -> new ArrayList<>()).add(e));
        return users;
    }

    private static int userIndex(EventLog log, String id) {
        for (int u = 0; u < log.userCount(); u++) {
            if (log.userId(u).equals(id)) {
                return u;
            }
        }
        throw new IllegalStateException("No user " + id);
    }
}
