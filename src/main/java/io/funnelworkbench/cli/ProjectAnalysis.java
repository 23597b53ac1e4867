package io.funnelworkbench.cli;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Path;

/** Opens a project for an analysis command: the store plus its snapshot in memory. */
record ProjectAnalysis(ProjectStore store, EventLog log) implements AutoCloseable {
    static ProjectAnalysis open(Path project) {
        ProjectStore store = ProjectStore.open(project);
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
