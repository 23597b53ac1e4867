package io.funnelworkbench.team;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.StepResult;
import java.util.List;
import java.util.function.IntPredicate;

/** The desktop's engine as a back-end: every analysis computed on this machine's snapshot. */
public final class LocalBackend implements FunnelBackend {
    public static final String ENGINE = "local";

    private final FunnelEngine engine;

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
        FunnelResult result = engine.compute(spec);
        return new FunnelCounts(result.steps().stream().filter(step -> !step.optional()).map(StepResult::users)
                .toList(), result.stillInWindow());
    }

    @Override
    public FunnelResult compute(FunnelSpec spec) {
        return engine.compute(spec);
    }

    @Override
    public GoalMetrics metrics(Goal goal) {
        return new GoalAnalysis(engine.log()).metrics(goal);
    }

    @Override
    public ImpactResult impact(Goal macro, List<Goal> goals) {
        return new GoalAnalysis(engine.log()).impact(macro, goals);
    }

    @Override
    public List<EventCount> events() {
        return EventStats.byName(engine.log());
    }

    @Override
    public List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group) {
        FunnelOutcome outcome = engine.scan(spec);
        IntPredicate among = group == null ? user -> true : engine.breakdownMembers(spec, outcome, group);
        return new StepExplanations(engine.log(), spec, outcome).explain(step, among);
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
