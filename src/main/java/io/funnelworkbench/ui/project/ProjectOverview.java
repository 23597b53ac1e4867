package io.funnelworkbench.ui.project;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.store.ImportRecord;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the project screens start from: the project's name, its data at a glance, goals and funnels, the
 * analysis snapshot itself, and for a connected project its {@link TeamConnection} (null for imported events).
 */
public record ProjectOverview(String name, Path file, long events, long users, Instant firstEvent,
                              Instant lastEvent, List<EventCount> eventCounts, List<Goal> goals,
                              List<FunnelDefinition> funnels, List<ImportRecord> imports, EventLog log,
                              TeamConnection connection) {

    /** A project whose events were imported (or that has none yet). */
    public ProjectOverview(String name, Path file, long events, long users, Instant firstEvent, Instant lastEvent,
                           List<EventCount> eventCounts, List<Goal> goals, List<FunnelDefinition> funnels,
                           List<ImportRecord> imports, EventLog log) {
        this(name, file, events, users, firstEvent, lastEvent, eventCounts, goals, funnels, imports, log, null);
    }

    /**
     * This overview with what the cluster of a connected project holds: the events per name and their time range
     * (users are not counted across event names there; the header names the connection instead).
     */
    public ProjectOverview withCluster(ClusterLink link) {
        long total = link.eventCounts().stream().mapToLong(EventCount::events).sum();
        boolean none = total == 0;
        return new ProjectOverview(name, file, total, users, none ? null : instant(link.dataRange()[0]),
                none ? null : instant(link.dataRange()[1]), link.eventCounts(), goals, funnels, imports, log,
                connection);
    }

    /** Reads everything from the project; runs in the background. */
    public static ProjectOverview load(ProjectStore store, Progress progress) {
        progress.report(0, -1, "Loading " + store.name());
        EventLog log = store.snapshots().load(progress);
        return new ProjectOverview(store.name(), store.databaseFile(), log.size(), log.activeUserCount(),
                log.size() == 0 ? null : instant(log.firstTime()), log.size() == 0 ? null : instant(log.lastTime()),
                EventStats.byName(log), store.goals().list(), store.funnels().list(), store.imports().list(), log,
                TeamConnections.of(store).orElse(null));
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
