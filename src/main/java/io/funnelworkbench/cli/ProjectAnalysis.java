package io.funnelworkbench.cli;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Path;

/** Opens a project for an analysis command: the store plus its snapshot in memory. */
record ProjectAnalysis(ProjectStore store, EventLog log) implements AutoCloseable {
    /** For reading only, so several analyses may read one project at once. */
    static ProjectAnalysis open(Path project) {
        return open(project, false);
    }

    /** {@code writes}: the command saves something (a goal, a funnel) as well as reading. */
    static ProjectAnalysis open(Path project, boolean writes) {
        ProjectStore store = writes ? ProjectStore.open(project) : ProjectStore.openForReading(project);
        try {
            return new ProjectAnalysis(store, store.snapshots().load(Progress.NONE));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
