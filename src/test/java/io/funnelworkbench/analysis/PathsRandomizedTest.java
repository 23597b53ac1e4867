package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.ReferenceFunnel.Answer;
import io.funnelworkbench.analysis.ReferenceFunnel.Ev;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Paths} against a brute-force reading of the "Paths" rules on thousands of small random logs. The
 * counted attempt's step times come from {@link ReferenceFunnel} (which shares nothing with the engine); the
 * paths are then built with plain loops over each user's events sorted by time (import order breaking ties).
 */
class PathsRandomizedTest {
    /** Longer streams per user than the engine's SMALL shape, so that most drop-offs have events after them. */
    static final FunnelEngineRandomizedTest.Shape LONG = new FunnelEngineRandomizedTest.Shape("long", 1000, 3, 20, 4);

    @Test
    void sequentialPathsMatchTheReference() {
        run(FunnelEngineRandomizedTest.SMALL, OrderMode.SEQUENTIAL, 77_000_000L);
        run(LONG, OrderMode.SEQUENTIAL, 78_000_000L);
    }

    @Test
    void strictPathsMatchTheReference() {
        run(FunnelEngineRandomizedTest.SMALL, OrderMode.STRICT, 88_000_000L);
        run(LONG, OrderMode.STRICT, 89_000_000L);
    }

    private void run(FunnelEngineRandomizedTest.Shape shape, OrderMode mode, long baseSeed) {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int withPaths = 0;
        for (int i = 0; i < shape.logs(); i++) {
            long seed = baseSeed + i;
            Random random = new Random(seed);
            List<Ev> events = FunnelEngineRandomizedTest.randomLog(random, shape);
            FunnelSpec spec = FunnelEngineRandomizedTest.randomSpec(random, shape, mode,
                    true, true);
            int steps = spec.steps().size();
            if (steps < 2) {
                spec = new FunnelSpec(List.of(spec.steps().get(0), FunnelSpec.Step.event("b")), spec.window(),
                        mode, List.of(), null, null, spec.entryFrom(), spec.entryTo(), null);
                steps = 2;
            }
            int depth = 1 + random.nextInt(4);
            int top = 1 + random.nextInt(4);
            for (int step = 1; step < steps; step++) {
                for (PathKind kind : PathKind.values()) {
                    cases++;
                    if (referencePaths(events, spec, step, kind, depth).values().stream()
                            .anyMatch(p -> !p.isEmpty())) {
                        withPaths++;
                    }
                    String problem = compare(events, spec, step, kind, depth, top);
                    if (problem != null && failures.size() < 5) {
                        failures.add("seed " + seed + " step " + step + " " + kind + " depth " + depth + " top "
                                + top + ": " + problem + "\n" + FunnelEngineRandomizedTest.describe(events, spec));
                    }
                }
            }
        }
        System.out.println("PathsRandomizedTest " + shape.name() + " " + mode + ": " + cases + " cases (" + withPaths
                + " with a non-empty path), " + failures.size() + " (first ones) mismatching");
        // The random logs must exercise paths, not only empty ones.
        assertThat(withPaths).isGreaterThan(cases / 20);
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    private static String compare(List<Ev> events, FunnelSpec spec, int step, PathKind kind, int depth, int top) {
        Map<String, List<String>> want = referencePaths(events, spec, step, kind, depth);
        Map<List<String>, List<String>> usersByPath = new TreeMap<>(Paths::comparePaths);
        want.forEach((user, path) -> usersByPath.computeIfAbsent(path, p -> new ArrayList<>()).add(user));
        if (!want.isEmpty()) {
            usersByPath.putIfAbsent(List.of(), new ArrayList<>());
        }
        List<PathRow> all = new ArrayList<>();
        usersByPath.forEach((path, users) -> all.add(new PathRow(path, users.size())));
        Comparator<PathRow> order = Comparator.comparingLong(PathRow::users).reversed()
                .thenComparing(PathRow::events, Paths::comparePaths);
        all.sort(order);
        // The top N, and the empty path whatever its rank.
        List<PathRow> shown = new ArrayList<>(all.subList(0, Math.min(top, all.size())));
        all.stream().filter(row -> row.events().isEmpty() && !shown.contains(row)).forEach(shown::add);
        shown.sort(order);
        long other = all.stream().filter(row -> !shown.contains(row)).mapToLong(PathRow::users).sum();

        EventLog log = FunnelEngineRandomizedTest.build(events);
        Paths paths = new Paths(log, spec, new FunnelEngine(log).scan(spec));
        PathReport got = paths.report(step, kind, depth, top, Cancellation.NEVER);
        if (got.users() != want.size() || !got.paths().equals(shown) || got.otherPathsUsers() != other) {
            return "expected users " + want.size() + " paths " + shown + " other " + other + " but was users "
                    + got.users() + " paths " + got.paths() + " other " + got.otherPathsUsers();
        }
        for (Map.Entry<List<String>, List<String>> entry : usersByPath.entrySet()) {
            List<String> ids = paths.usersOf(step, kind, depth, entry.getKey());
            if (!new TreeSet<>(ids).equals(new TreeSet<>(entry.getValue()))) {
                return "users of " + entry.getKey() + " expected " + entry.getValue() + " but were " + ids;
            }
        }
        return null;
    }

    /** Per user of the step, the path by the rules, read from the reference's step times with plain loops. */
    static Map<String, List<String>> referencePaths(List<Ev> events, FunnelSpec spec, int step, PathKind kind,
                                                    int depth) {
        Map<String, Answer> answers = new ReferenceFunnel(events).run(spec);
        Map<String, List<Ev>> byUser = new LinkedHashMap<>();
        for (Ev e : events) {
            byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        long window = ReferenceFunnel.windowMicros(spec);
        Map<String, List<String>> paths = new LinkedHashMap<>();
        answers.forEach((user, answer) -> {
            boolean after = kind == PathKind.AFTER_DROP_OFF;
            if (after ? answer.furthest() != step : answer.furthest() < step + 1) {
                return;
            }
            long from = answer.stepTimes()[step - 1];
            List<Ev> stream = new ArrayList<>(byUser.get(user));
            stream.sort(Comparator.comparingLong(Ev::time)); // stable: import order breaks ties
            List<String> path = new ArrayList<>();
            for (Ev e : stream) {
                boolean inside = after ? e.time() > from && e.time() - answer.stepTimes()[0] <= window
                        : e.time() > from && e.time() < answer.stepTimes()[step];
                if (inside && (path.isEmpty() || !path.get(path.size() - 1).equals(e.name()))) {
                    path.add(e.name());
                }
            }
            paths.put(user, List.copyOf(path.subList(0, Math.min(depth, path.size()))));
        });
        return paths;
    }
}
