package io.funnelworkbench.workspace;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PropertyCatalog;
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
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.team.LocalBackend;
import io.funnelworkbench.team.SparkConnectBackend;
import io.funnelworkbench.team.SparkSource;
import io.funnelworkbench.team.Verification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A connected project's analyses on the team's Spark, as the app asks for them: opened once with the project (in
 * the background), every call made for a caller who may stop wanting it (the screens' latest-wins work: its
 * {@link Cancellation} interrupts that call's queries on the cluster, and only those), closed with the project.
 * No JavaFX here; the screens never see Spark's classes.
 */
public final class TeamAnalyses implements AutoCloseable {
    /** The engine of a project whose events were imported, as results and captions name it. */
    public static final String LOCAL_ENGINE = LocalBackend.ENGINE;

    private final TeamConnection connection;
    private final SparkSource source;
    private final SparkConnectBackend backend;

    private TeamAnalyses(TeamConnection connection, SparkSource source, SparkConnectBackend backend) {
        this.connection = connection;
        this.source = source;
        this.backend = backend;
    }

    /**
     * Connects to the project's cluster, reads the source's columns there and uploads the kernel; {@code
     * environment} holds the token's variable. Refused in a sentence ({@code SparkSourceException}, bad input)
     * when the server cannot be reached or the source read.
     */
    public static TeamAnalyses open(TeamConnection connection, Map<String, String> environment, Progress progress) {
        progress.report(0, -1, "Connecting to " + connection.address());
        SparkSource source = SparkSource.open(connection, environment, TeamProjects.scratch());
        try {
            progress.checkCancelled();
            progress.report(0, -1, "Reading " + connection.describeSource() + " on Spark " + source.version());
            SparkConnectBackend backend = source.backend();
            progress.checkCancelled();
            return new TeamAnalyses(connection, source, backend);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    public TeamConnection connection() {
        return connection;
    }

    /** Where the results are computed, as results and captions name it: "spark-connect 4.0.1". */
    public String engine() {
        return backend.engine();
    }

    /** The properties of the events, as the source's columns name them. */
    public List<String> propertyNames() {
        return source.events().properties();
    }

    /** What each property holds, counted on the cluster: the Breakdown list's groups. */
    public PropertyCatalog propertyCatalog(Cancellation cancellation) {
        return wanted(cancellation, backend::propertyCatalog);
    }

    public FunnelResult compute(FunnelSpec spec, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.compute(spec));
    }

    public GoalMetrics metrics(Goal goal, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.metrics(goal));
    }

    public ImpactResult impact(Goal macro, List<Goal> goals, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.impact(macro, goals));
    }

    /** Events and users per event name, most events first. */
    public List<EventCount> events(Cancellation cancellation) {
        return wanted(cancellation, backend::events);
    }

    /** One page of the users at a step (the back-end's {@code explain}). */
    public List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group, Outcome only, long offset,
                                     int limit, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.explain(spec, step, group, only, offset, limit));
    }

    /** Every event of {@code users} (a page of a drill-down's users), in a log on this computer. */
    public EventLog userEvents(List<String> users, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.userEvents(users));
    }

    /** The paths of a step (the back-end's {@code paths}), of one breakdown group unless {@code group} is null. */
    public PathReport paths(FunnelSpec spec, int step, PathKind kind, int depth, int top, BreakdownGroup group,
                            Cancellation cancellation) {
        return wanted(cancellation, () -> backend.paths(spec, step, kind, depth, top, group));
    }

    /** One page of the users who took {@code path} at a step (the back-end's {@code pathUsers}). */
    public List<String> pathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<String> path,
                                  BreakdownGroup group, long offset, int limit, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.pathUsers(spec, step, kind, depth, path, group, offset, limit));
    }

    /** One page of the users whose path is none of {@code listed} (the back-end's {@code otherPathUsers}). */
    public List<String> otherPathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<List<String>> listed,
                                       BreakdownGroup group, long offset, int limit, Cancellation cancellation) {
        return wanted(cancellation, () -> backend.otherPathUsers(spec, step, kind, depth, listed, group, offset,
                limit));
    }

    /** The time of the first and of the last event, epoch microseconds (0 and 0 when there are none). */
    public long[] dataRange(Cancellation cancellation) {
        return wanted(cancellation, backend::dataRange);
    }

    /**
     * Recomputes {@code sampleUsers} users picked with {@code seed} on this computer and compares their furthest
     * step with the cluster's (the CLI's {@code verify}).
     */
    public Verified verify(FunnelSpec spec, int sampleUsers, long seed, Cancellation cancellation) {
        Verification.Report report = wanted(cancellation, () -> Verification.run(backend, spec, sampleUsers, seed));
        return new Verified(report.usersChecked(), report.mismatches().stream()
                .map(m -> new Difference(m.user(), m.clusterStep(), m.localStep())).toList());
    }

    /** What {@link #verify} found: how many users were recomputed here and those whose furthest step differs. */
    public record Verified(long usersChecked, List<Difference> differences) {
        public Verified {
            differences = List.copyOf(differences);
        }

        public boolean passed() {
            return differences.isEmpty();
        }
    }

    /** A user whose furthest step (required steps reached, 0 for none) differs between the cluster and here. */
    public record Difference(String user, int clusterStep, int localStep) {
    }

    private <T> T wanted(Cancellation cancellation, Supplier<T> work) {
        return backend.whileWanted(cancellation, work);
    }

    @Override
    public void close() {
        backend.close();
        source.close();
    }
}
