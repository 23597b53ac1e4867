package io.funnelworkbench.ui.goals;

import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.text.ImpactExplanation;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.workspace.TeamAnalyses;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a project's goal metrics and impact table are computed: here on its imported events, or on the team's
 * Spark for a connected project (whose local log is empty), or nowhere when that cluster was out of reach, which
 * {@link #outOfReach} says in a sentence. The goal screens and the impact table ask this one place.
 */
public final class GoalComputation {
    private final EventLog log;
    private final TeamAnalyses team;
    private final boolean connected;
    private final List<String> propertyNames;

    private GoalComputation(EventLog log, TeamAnalyses team, boolean connected, List<String> propertyNames) {
        this.log = log;
        this.team = team;
        this.connected = connected;
        this.propertyNames = propertyNames.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    public static GoalComputation of(ProjectSession session) {
        return new GoalComputation(session.log(), session.team().orElse(null), session.isConnected(),
                session.propertyNames());
    }

    /** On {@code log}, here (a project whose events were imported). */
    public static GoalComputation local(EventLog log) {
        return new GoalComputation(log, null, false, Arrays.asList(log.propertyNames()));
    }

    /** Whether the events are on a cluster: property values cannot be listed from here. */
    public boolean isConnected() {
        return connected;
    }

    /** The events, when they were imported here; empty for a connected project (its log here is empty). */
    public Optional<EventLog> localLog() {
        return connected ? Optional.empty() : Optional.of(log);
    }

    /** Where results are computed, as captions name it: "local" or "spark-connect 4.0.1". */
    public String engine() {
        return team == null ? TeamAnalyses.LOCAL_ENGINE : team.engine();
    }

    /**
     * For a connected project whose cluster was out of reach when it opened: one sentence saying that {@code what}
     * (plural, such as "goal metrics") cannot be computed and what to do; empty when they can be.
     */
    public Optional<String> outOfReach(String what) {
        if (!connected || team != null) {
            return Optional.empty();
        }
        return Optional.of("The team's Spark was out of reach when the project opened, and " + what + " are"
                + " computed there: open the project again to see them.");
    }

    /** The properties of the events, sorted: from the log, or as the cluster's source names its columns. */
    public List<String> propertyNames() {
        return propertyNames;
    }

    /** A goal's metrics; on a cluster, {@code progress}'s Cancel interrupts the query. Not when out of reach. */
    public GoalMetrics metrics(Goal goal, Progress progress) {
        checkReachable();
        return team != null ? team.metrics(goal, progress::isCancelled) : new GoalAnalysis(log).metrics(goal);
    }

    /** The impact table for {@code macro} and why it is empty (blank when it has rows). Not when out of reach. */
    public ExplainedImpact impact(Goal macro, List<Goal> goals, Progress progress) {
        checkReachable();
        if (team != null) {
            ImpactResult result = team.impact(macro, goals, progress::isCancelled);
            return new ExplainedImpact(result, ImpactExplanation.whyEmpty(macro, goals, result));
        }
        GoalAnalysis analysis = new GoalAnalysis(log);
        ImpactResult result = analysis.impact(macro, goals);
        return new ExplainedImpact(result, ImpactExplanation.whyEmpty(analysis, macro, goals, result));
    }

    private void checkReachable() {
        if (connected && team == null) {
            throw new IllegalStateException("The project's cluster was not reached; nothing computes on its log");
        }
    }

    /** An impact table with the sentence saying why it has no rows (blank when it has). */
    public record ExplainedImpact(ImpactResult result, String whyEmpty) {
    }
}
