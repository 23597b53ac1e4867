package io.funnelworkbench.ui.project;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ImportRecord;
import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the project screens start from: the project's name, its data at a glance, goals and funnels, and the
 * analysis snapshot itself.
 */
public record ProjectOverview(String name, Path file, long events, long users, Instant firstEvent,
                              Instant lastEvent, List<EventCount> eventCounts, List<Goal> goals,
                              List<FunnelDefinition> funnels, List<ImportRecord> imports, EventLog log) {

    /** Reads everything from the project; runs in the background. */
    public static ProjectOverview load(ProjectStore store, Progress progress) {
        progress.report(0, -1, "Loading " + store.name());
        EventLog log = store.snapshots().load(progress);
        return new ProjectOverview(store.name(), store.databaseFile(), log.size(), log.activeUserCount(),
                log.size() == 0 ? null : instant(log.firstTime()), log.size() == 0 ? null : instant(log.lastTime()),
                EventStats.byName(log), store.goals().list(), store.funnels().list(), store.imports().list(), log);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
