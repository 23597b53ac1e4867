package io.funnelworkbench.ui.project;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.workspace.TeamAnalyses;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connected project's link to the team's Spark, made while the project opens: its analyses and what the cluster
 * holds (events per name, the time range), or the sentence saying why it could not be reached. A project whose
 * cluster is out of reach still opens: its goals and funnels can be read and edited.
 */
public record ClusterLink(TeamAnalyses analyses, List<EventCount> eventCounts, long[] dataRange, String problem)
        implements AutoCloseable {

    public ClusterLink {
        eventCounts = List.copyOf(eventCounts);
    }

    /** Connects and asks the cluster for the events per name and the time range; runs in the background. */
    public static ClusterLink open(TeamConnection connection, Map<String, String> environment, Progress progress) {
        TeamAnalyses analyses = null;
        try {
            analyses = TeamAnalyses.open(connection, environment, progress);
            progress.report(0, -1, "Counting the events on " + analyses.engine());
            List<EventCount> events = analyses.events(progress::isCancelled);
            return new ClusterLink(analyses, events, analyses.dataRange(progress::isCancelled), null);
        } catch (RuntimeException e) {
            if (analyses != null) {
                analyses.close();
            }
            if (Failures.isBadInput(e)) {
                return new ClusterLink(null, List.of(), new long[] {0, 0}, Failures.badInputSentence(e));
            }
            throw e;
        }
    }

    /** The analyses, when the cluster was reached. */
    public Optional<TeamAnalyses> reached() {
        return Optional.ofNullable(analyses);
    }

    @Override
    public void close() {
        if (analyses != null) {
            analyses.close();
        }
    }
}
