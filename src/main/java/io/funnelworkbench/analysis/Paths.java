package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * What users did after dropping off at a step, or on the way between two steps, read from the counted attempts
 * of a computed funnel (see "Paths" in FUNNEL-SEMANTICS.md).
 *
 * <ul>
 *   <li>After drop-off at k: the users whose counted attempt reached step k and not k+1; the path is the names
 *   of their events strictly later than the step-k event and at most W after the step-1 event.</li>
 *   <li>Between k and k+1: the users who reached step k+1; the events strictly later than the step-k event and
 *   strictly earlier than the step-(k+1) event.</li>
 * </ul>
 * In both, consecutive repeats of one name count once and the path is cut to its first D names.
 *
 * <p>Each user's path is a node of a tree of paths (a child per next event), so that distinct paths are counted
 * without building a list per user.
 */
public final class Paths {
    public static final int DEFAULT_DEPTH = 3;
    public static final int MAX_DEPTH = 10;
    public static final int DEFAULT_TOP = 10;
    private static final int USERS_PER_CHECK = 16_384;

    private final EventLog log;
    private final FunnelSpec spec;
    private final FunnelOutcome outcome;

    private final IntPredicate members;

    /** Paths of {@code outcome}, the result of {@code FunnelEngine.scan(spec)} on {@code log}. */
    public Paths(EventLog log, FunnelSpec spec, FunnelOutcome outcome) {
        this(log, spec, outcome, user -> true);
    }

    /**
     * Paths of the users for whom {@code members} holds only, such as one breakdown group
     * ({@code FunnelEngine.breakdownMembers}); the others are on no path.
     */
    public Paths(EventLog log, FunnelSpec spec, FunnelOutcome outcome, IntPredicate members) {
        if (outcome.stepCount() != spec.steps().size() || outcome.userCount() != log.userCount()) {
            throw new IllegalArgumentException("The funnel's outcome does not belong to this funnel and log");
        }
        this.log = log;
        this.spec = spec;
        this.outcome = outcome;
        this.members = members;
    }

    /** The report with the default depth (3) and the top 10 paths. */
    public PathReport report(int step, PathKind kind) {
        return report(step, kind, DEFAULT_DEPTH, DEFAULT_TOP, Cancellation.NEVER);
    }

    /**
     * The distinct paths of step {@code step} (1-based), most users first (ties by the path, alphabetically),
     * the first {@code top} listed and the rest counted as other paths. The empty path ("No further events",
     * "Went on directly") is always listed, at its rank, when the step has any users, even when it is not among
     * the top or has no users itself: how many did nothing more is the first thing a reader asks, and it is no
     * "other path".
     */
    public PathReport report(int step, PathKind kind, int depth, int top, Cancellation cancellation) {
        check(spec, step, kind, depth, top);
        Tree tree = assign(step, kind, depth, cancellation);
        List<PathRow> rows = new ArrayList<>();
        long users = 0;
        for (int node = 0; node < tree.size; node++) {
            if (tree.users[node] > 0) {
                rows.add(new PathRow(tree.names(log, node), tree.users[node]));
                users += tree.users[node];
            }
        }
        return ranked(step, kind, depth, top, rows, users);
    }

    /**
     * The report of a step from its distinct paths and their users, ranked as {@link #report(int, PathKind, int,
     * int, Cancellation)} says: the one home of the ranking, for this tree and for paths counted on a cluster.
     * {@code rows} holds at least the first {@code top} paths in {@link #ORDER} and the empty path when it has
     * users; {@code users} is the step's users (every path's, so the other paths are the rest).
     */
    public static PathReport ranked(int step, PathKind kind, int depth, int top, List<PathRow> rows, long users) {
        List<PathRow> sorted = new ArrayList<>(rows);
        if (users > 0 && sorted.stream().noneMatch(row -> row.events().isEmpty())) {
            sorted.add(new PathRow(List.of(), 0));
        }
        sorted.sort(ORDER);
        List<PathRow> shown = new ArrayList<>(sorted.subList(0, Math.min(top, sorted.size())));
        List<PathRow> rest = sorted.subList(shown.size(), sorted.size());
        rest.stream().filter(row -> row.events().isEmpty()).findFirst().ifPresent(empty -> {
            int rank = 0;
            while (rank < shown.size() && ORDER.compare(shown.get(rank), empty) < 0) {
                rank++;
            }
            shown.add(rank, empty);
        });
        long other = users - shown.stream().mapToLong(PathRow::users).sum();
        return new PathReport(step, kind, depth, users, shown, other);
    }

    /** Most users first; ties by the path, name by name alphabetically (a path before its longer ones). */
    static final Comparator<PathRow> ORDER = Comparator.comparingLong(PathRow::users).reversed()
            .thenComparing(PathRow::events, Paths::comparePaths);

    static int comparePaths(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The ids of the users who took {@code path} (event names, as a report lists them), in user order. */
    public List<String> usersOf(int step, PathKind kind, int depth, List<String> path) {
        check(step, kind, depth);
        Tree tree = assign(step, kind, depth, Cancellation.NEVER);
        int node = 0;
        for (String name : path) {
            int event = log.eventId(name);
            node = event < 0 ? -1 : tree.child(node, event);
            if (node < 0) {
                return List.of();
            }
        }
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < tree.nodeOfUser.length; u++) {
            if (tree.nodeOfUser[u] == node) {
                ids.add(log.userId(u));
            }
        }
        return ids;
    }

    /** The ids of the users whose path is not among the report's listed ones ("other paths"), in user order. */
    public List<String> usersOfOtherPaths(PathReport report) {
        return usersNotOn(report.step(), report.kind(), report.depth(),
                report.paths().stream().map(PathRow::events).toList());
    }

    /** The ids of the step's users whose path is none of {@code listed} (event names), in user order. */
    public List<String> usersNotOn(int step, PathKind kind, int depth, List<List<String>> listed) {
        check(step, kind, depth);
        Tree tree = assign(step, kind, depth, Cancellation.NEVER);
        boolean[] onListed = new boolean[tree.size];
        for (List<String> path : listed) {
            int node = 0;
            for (String name : path) {
                node = node < 0 ? -1 : tree.child(node, log.eventId(name));
            }
            if (node >= 0) {
                onListed[node] = true;
            }
        }
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < tree.nodeOfUser.length; u++) {
            int node = tree.nodeOfUser[u];
            if (node >= 0 && !onListed[node]) {
                ids.add(log.userId(u));
            }
        }
        return ids;
    }

    /**
     * Refuses what has no paths, in the words the commands show: a funnel in any order, with optional steps or
     * counted by account, a step without a next one, a depth out of range, fewer than one path to list.
     */
    public static void check(FunnelSpec spec, int step, PathKind kind, int depth, int top) {
        if (spec.steps().stream().anyMatch(FunnelSpec.Step::optional)) {
            throw new IllegalArgumentException("Paths are read between required steps: remove the optional steps.");
        }
        if (spec.countBy() != null) {
            throw new IllegalArgumentException("Paths are per user: count the funnel by user, not by "
                    + spec.countBy() + ".");
        }
        check(spec, step, kind, depth);
        if (top < 1) {
            throw new IllegalArgumentException("Show at least one path (top " + top + " was asked for).");
        }
    }

    private void check(int step, PathKind kind, int depth) {
        check(spec, step, kind, depth);
    }

    private static void check(FunnelSpec spec, int step, PathKind kind, int depth) {
        int steps = spec.steps().size();
        if (spec.order() == OrderMode.ANY) {
            throw new IllegalArgumentException("Paths need an ordered funnel: in any order the steps have no before"
                    + " and after. Choose sequential or strict order.");
        }
        if (step < 1 || step > steps) {
            throw new IllegalArgumentException("Step " + step + " is not a step of this funnel: give 1 to " + steps
                    + ".");
        }
        if (step == steps) {
            String what = kind == PathKind.AFTER_DROP_OFF
                    ? "Nobody drops off after the last step (" + steps + "), so it has no paths after drop-off"
                    : "The last step (" + steps + ") has no next step to go on to";
            throw new IllegalArgumentException(what + (steps == 1 ? "; add a second step." : ": give 1 to "
                    + (steps - 1) + "."));
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("A path's depth is 1 to " + MAX_DEPTH + " events, not " + depth + ".");
        }
    }

    /** Every user's path as a node of the tree; users not of the step get -1. */
    private Tree assign(int step, PathKind kind, int depth, Cancellation cancellation) {
        int users = log.userCount();
        long[] times = log.timeColumn();
        int[] events = log.eventColumn();
        long window = spec.window().toNanos() / 1_000;
        boolean after = kind == PathKind.AFTER_DROP_OFF;
        Tree tree = new Tree(users);
        int[] path = new int[depth];
        for (int u = 0; u < users; u++) {
            if ((u & (USERS_PER_CHECK - 1)) == 0) {
                cancellation.check();
            }
            int furthest = outcome.furthest(u);
            if ((after ? furthest != step : furthest <= step) || !members.test(u)) {
                continue;
            }
            long until = FunnelKernel.pathUntil(after, outcome.timeOf(u, 1), after ? 0 : outcome.timeOf(u, step + 1),
                    window);
            int taken = FunnelKernel.path(times, events, outcome.rowOf(u, step), log.endRowOf(u), until, path);
            int node = 0;
            for (int j = 0; j < taken; j++) {
                node = tree.childOrAdd(node, path[j]);
            }
            tree.nodeOfUser[u] = node;
            tree.users[node]++;
        }
        return tree;
    }

    /**
     * The tree of paths: node 0 is the empty path, each other node a path ending in {@code event[node]} after the
     * path {@code parent[node]}. Children are found in an open-addressing table keyed by (parent, event).
     */
    private static final class Tree {
        final int[] nodeOfUser;
        int size = 1;
        int[] parent = new int[64];
        int[] event = new int[64];
        long[] users = new long[64];
        private long[] keys = new long[256];
        private int[] values = new int[256];

        Tree(int userCount) {
            nodeOfUser = new int[userCount];
            Arrays.fill(nodeOfUser, -1);
            Arrays.fill(keys, -1L);
            parent[0] = -1;
            event[0] = -1;
        }

        private static long key(int node, int eventId) {
            return ((long) node << 32) | (eventId & 0xffffffffL);
        }

        private int slot(long key) {
            int mask = keys.length - 1;
            int slot = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
            while (keys[slot] != -1L && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        /** The child of {@code node} by {@code eventId}, or -1. */
        int child(int node, int eventId) {
            if (eventId < 0) {
                return -1;
            }
            int slot = slot(key(node, eventId));
            return keys[slot] == -1L ? -1 : values[slot];
        }

        int childOrAdd(int node, int eventId) {
            long key = key(node, eventId);
            int slot = slot(key);
            if (keys[slot] == key) {
                return values[slot];
            }
            if (size == parent.length) {
                parent = Arrays.copyOf(parent, size * 2);
                event = Arrays.copyOf(event, size * 2);
                users = Arrays.copyOf(users, size * 2);
            }
            int added = size++;
            parent[added] = node;
            event[added] = eventId;
            keys[slot] = key;
            values[slot] = added;
            if (size * 2 > keys.length) {
                grow();
            }
            return added;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(keys, -1L);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != -1L) {
                    int slot = slot(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        List<String> names(EventLog log, int node) {
            List<String> names = new ArrayList<>();
            for (int n = node; n > 0; n = parent[n]) {
                names.add(log.eventName(event[n]));
            }
            Collections.reverse(names);
            return names;
        }
    }
}
