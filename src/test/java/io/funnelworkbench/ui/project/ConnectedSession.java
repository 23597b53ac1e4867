package io.funnelworkbench.ui.project;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.ui.background.BackgroundRunner;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fixture shop project connected to a test's Spark Connect server and opened as the app opens it (the
 * overview, the cluster link, the session), for view-model tests of the {@code spark} group. Close it after.
 */
public record ConnectedSession(ProjectStore store, ClusterLink link, ProjectSession session)
        implements AutoCloseable {

    /** Connects {@code dir/shop-connected} to the server at {@code address} and opens it on {@code runner}. */
    public static ConnectedSession open(Path dir, String address, BackgroundRunner runner) {
        ProjectStore store = ProjectStore.open(FixtureProject.connect(dir, address));
        ProjectOverview overview = ProjectOverview.load(store, Progress.NONE);
        ClusterLink link = ClusterLink.open(overview.connection(), Map.of(), Progress.NONE);
        return new ConnectedSession(store, link, new ProjectSession(store, overview.withCluster(link), runner, link));
    }

    @Override
    public void close() {
        link.close();
        store.close();
    }
}
