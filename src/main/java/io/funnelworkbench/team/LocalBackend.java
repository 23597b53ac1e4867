package io.funnelworkbench.team;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.StepResult;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.IntPredicate;

/** The desktop's engine as a back-end: every analysis computed on this machine's snapshot. */
public final class LocalBackend implements FunnelBackend {
    public static final String ENGINE = "local";

    private final FunnelEngine engine;
    private final CallCancels cancels = new CallCancels();

    public LocalBackend(FunnelEngine engine) {
        this.engine = engine;
    }

    public LocalBackend(EventLog log) {
        this(new FunnelEngine(log));
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public FunnelCounts counts(FunnelSpec spec) {
        FunnelResult result = engine.compute(spec, cancels.startCall());
        return new FunnelCounts(result.steps().stream().filter(step -> !step.optional()).map(StepResult::users)
                .toList(), result.stillInWindow());
    }

    @Override
    public FunnelResult compute(FunnelSpec spec) {
        return engine.compute(spec, cancels.startCall());
    }

    @Override
    public GoalMetrics metrics(Goal goal) {
        Cancellation cancellation = cancels.startCall();
        return checked(new GoalAnalysis(engine.log()).metrics(goal), cancellation);
    }

    @Override
    public ImpactResult impact(Goal macro, List<Goal> goals) {
        Cancellation cancellation = cancels.startCall();
        return checked(new GoalAnalysis(engine.log()).impact(macro, goals), cancellation);
    }

    @Override
    public List<EventCount> events() {
        Cancellation cancellation = cancels.startCall();
        return checked(EventStats.byName(engine.log()), cancellation);
    }

    @Override
    public List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group, Outcome only, long offset,
                                     int limit) {
        checkPage(offset, limit);
        FunnelOutcome outcome = engine.scan(spec, cancels.startCall());
        IntPredicate among = group == null ? user -> true : engine.breakdownMembers(spec, outcome, group);
        return new StepExplanations(engine.log(), spec, outcome).explain(step, among).stream()
                .filter(e -> only == null || e.outcome() == only).skip(offset).limit(limit).toList();
    }

    /** Refuses a page that starts before the first user or holds none. */
    static void checkPage(long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("A page of users starts at an offset of 0 or more and holds at least"
                    + " one user (offset " + offset + ", limit " + limit + " was asked for).");
        }
    }

    @Override
    public PathReport paths(FunnelSpec spec, int step, PathKind kind, int depth, int top, BreakdownGroup group) {
        Paths.check(spec, step, kind, depth, top);
        Cancellation cancellation = cancels.startCall();
        return paths(spec, group, cancellation).report(step, kind, depth, top, cancellation);
    }

    @Override
    public List<String> pathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<String> path,
                                  BreakdownGroup group, long offset, int limit) {
        checkPage(offset, limit);
        Paths.check(spec, step, kind, depth, 1);
        Cancellation cancellation = cancels.startCall();
        List<String> users = paths(spec, group, cancellation).usersOf(step, kind, depth, path);
        return checked(users.stream().skip(offset).limit(limit).toList(), cancellation);
    }

    @Override
    public List<String> otherPathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<List<String>> listed,
                                       BreakdownGroup group, long offset, int limit) {
        checkPage(offset, limit);
        Paths.check(spec, step, kind, depth, 1);
        Cancellation cancellation = cancels.startCall();
        List<String> users = paths(spec, group, cancellation).usersNotOn(step, kind, depth, listed);
        return checked(users.stream().skip(offset).limit(limit).toList(), cancellation);
    }

    /** The paths of the funnel's users, or of one breakdown group's (null: every user). */
    private Paths paths(FunnelSpec spec, BreakdownGroup group, Cancellation cancellation) {
        FunnelOutcome outcome = engine.scan(spec, cancellation);
        return group == null ? new Paths(engine.log(), spec, outcome)
                : new Paths(engine.log(), spec, outcome, engine.breakdownMembers(spec, outcome, group));
    }

    /**
     * Stops the calls in progress where the engine asks (its scans, every block of users); the goal metrics, the
     * impact table and the event counts, single passes without such checks, finish and then end cancelled.
     */
    @Override
    public void cancel() {
        cancels.cancelAll();
    }

    /** {@code result}, unless the call was cancelled meanwhile. */
    private static <T> T checked(T result, Cancellation cancellation) {
        cancellation.check();
        return result;
    }

    @Override
    public PropertyCatalog propertyCatalog() {
        return PropertyCatalog.of(engine.log(), cancels.startCall());
    }

    @Override
    public <T> T whileWanted(Cancellation cancellation, Supplier<T> work) {
        return cancels.whileWanted(cancellation, work);
    }

    @Override
    public long[] dataRange() {
        EventLog log = engine.log();
        return new long[] {log.firstTime(), log.lastTime()};
    }

    /** Nothing to release: the snapshot belongs to whoever opened it. */
    @Override
    public void close() {
    }
}
