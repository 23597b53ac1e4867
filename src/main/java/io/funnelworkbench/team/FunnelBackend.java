package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import java.util.List;
import java.util.function.Supplier;

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
    default List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group) {
        return explain(spec, step, group, null, 0, Integer.MAX_VALUE);
    }

    /**
     * One page of {@link #explain(FunnelSpec, int, BreakdownGroup)}: of the users at the step, in the local
     * engine's user order (as they first appear in the events; counted by account, the accounts as their values
     * first appear), those with the outcome {@code only} (null for every outcome), skipping the first {@code
     * offset} and at most {@code limit} of them. A back-end reads only the page's users' (accounts') events, so a
     * step with millions of users is listed a page at a time.
     */
    List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group, Outcome only, long offset, int limit);

    /**
     * The paths of step {@code step} (1-based) of a funnel in sequential or strict order: after drop-off there or
     * on the way to the next step, {@code depth} events long, the first {@code top} listed (analysis/Paths).
     */
    default PathReport paths(FunnelSpec spec, int step, PathKind kind, int depth, int top) {
        return paths(spec, step, kind, depth, top, null);
    }

    /**
     * {@link #paths(FunnelSpec, int, PathKind, int, int)} of the users of one breakdown group of the funnel
     * ({@code group}; null for every user), as {@code FunnelEngine.breakdownMembers} places them.
     */
    PathReport paths(FunnelSpec spec, int step, PathKind kind, int depth, int top, BreakdownGroup group);

    /**
     * One page of the ids of the users (of {@code group} unless null) whose path of the step is {@code path}
     * (event names as a report lists them; empty: no further events), in the local engine's user order (as they
     * first appear in the events), skipping the first {@code offset} and at most {@code limit} of them.
     */
    List<String> pathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<String> path,
                           BreakdownGroup group, long offset, int limit);

    /**
     * As {@link #pathUsers}, the users whose path is none of {@code listed} (a report's "other paths" when given
     * its listed paths).
     */
    List<String> otherPathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<List<String>> listed,
                                BreakdownGroup group, long offset, int limit);

    /**
     * Stops this back-end's calls in progress, from any thread: each ends soon with {@link
     * io.funnelworkbench.model.Progress.CancelledException} (on a cluster, its running query is interrupted); calls
     * made afterwards run as usual.
     */
    void cancel();

    /** What each property holds (kind, distinct values, the events carrying it), for choosing a breakdown. */
    PropertyCatalog propertyCatalog();

    /**
     * Runs {@code work}, calls of this back-end made on this thread, for a caller who may stop wanting them (the
     * app's latest-wins work): once {@code cancellation} is requested they end soon with {@link
     * io.funnelworkbench.model.Progress.CancelledException} (on a cluster, their queries are interrupted), while
     * other callers' calls go on. {@link #cancel()} still stops them too.
     */
    <T> T whileWanted(Cancellation cancellation, Supplier<T> work);

    /** The time of the first and of the last event, epoch microseconds (0 and 0 when there are none). */
    long[] dataRange();

    @Override
    void close();
}
