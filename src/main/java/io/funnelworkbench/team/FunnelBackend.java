package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import java.util.List;

/**
 * Where a project's analyses are computed: on this machine ({@link LocalBackend}) or on a team's Spark through
 * Spark Connect ({@link SparkConnectBackend}). Both run the same per-user kernel and the same rules, so both give
 * the same numbers; {@link #engine()} says which one did.
 */
public interface FunnelBackend extends AutoCloseable {
    /** Where the results are computed, as results and captions name it: "local" or "spark-connect 4.0.1". */
    String engine();

    /** The funnel's users per required step and how many may still convert. */
    FunnelCounts counts(FunnelSpec spec);

    /** The whole funnel: steps, times, values, breakdown, trend (FUNNEL-SEMANTICS.md). */
    FunnelResult compute(FunnelSpec spec);

    /** A goal's completions, users, conversion and value. */
    GoalMetrics metrics(Goal goal);

    /** The micro-goal impact table for {@code macro} among {@code goals}. */
    ImpactResult impact(Goal macro, List<Goal> goals);

    /** Events and users per event name, most events first. */
    List<EventCount> events();

    /**
     * The users at a step of the funnel (1-based, optional steps counted) with their outcome and the reason;
     * {@code group} (null for every user) keeps the users of one breakdown group.
     */
    List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group);

    /** The time of the first and of the last event, epoch microseconds (0 and 0 when there are none). */
    long[] dataRange();

    @Override
    void close();
}
