package io.funnelworkbench.cli;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import io.funnelworkbench.team.FunnelBackend;
import io.funnelworkbench.team.LocalBackend;
import io.funnelworkbench.team.SparkSource;
import io.funnelworkbench.workspace.TeamProjects;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a project for an analysis command: the store, and where its analyses are computed ({@link #backend()}):
 * on this machine from the snapshot for a project whose events were imported, on the team's Spark for a connected
 * project (docs/CLI.md, "connect").
 */
final class ProjectAnalysis implements AutoCloseable {
    private final ProjectStore store;
    private final TeamConnection connection;
    private EventLog log;
    private SparkSource source;
    private FunnelBackend backend;

    private ProjectAnalysis(ProjectStore store, TeamConnection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** For reading only, so several analyses may read one project at once. */
    static ProjectAnalysis open(Path project) {
        return open(project, false);
    }

    /** {@code writes}: the command saves something (a goal, a funnel) as well as reading. */
    static ProjectAnalysis open(Path project, boolean writes) {
        ProjectStore store = writes ? ProjectStore.open(project) : ProjectStore.openForReading(project);
        try {
            ProjectAnalysis analysis = new ProjectAnalysis(store, TeamConnections.of(store).orElse(null));
            if (analysis.connection == null) {
                analysis.log = store.snapshots().load(Progress.NONE);
            }
            return analysis;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    ProjectStore store() {
        return store;
    }

    /** The team connection of a connected project; empty for one whose events were imported. */
    Optional<TeamConnection> connection() {
        return Optional.ofNullable(connection);
    }

    /** Where this project's analyses run: opened on first use (for a connected project, a Spark session). */
    FunnelBackend backend() {
        if (backend == null) {
            if (connection == null) {
                backend = new LocalBackend(log);
            } else {
                source = SparkSource.open(connection, System.getenv(), scratch());
                backend = source.backend();
            }
        }
        return backend;
    }

    /** Where the app's classes are packed for the cluster when it runs from a class folder (a build). */
    static Path scratch() {
        return TeamProjects.scratch();
    }

    @Override
    public void close() {
        try {
            if (backend != null) {
                backend.close();
            }
            if (source != null) {
                source.close();
            }
        } finally {
            store.close();
        }
    }
}
