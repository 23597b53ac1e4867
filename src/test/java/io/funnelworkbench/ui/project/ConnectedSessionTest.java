package io.funnelworkbench.ui.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.ui.SynchronousRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A connected project opened as the app opens it: linked to its cluster, or opened with a sentence saying why not. */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class ConnectedSessionTest {
    @TempDir
    Path dir;

    @Test
    void aReachedClusterDescribesTheEventsAsTheImportedProjectDoes(LocalSparkConnectServer server) {
        ProjectOverview imported;
        try (ProjectStore store = ProjectStore.open(FixtureProject.create(dir))) {
            imported = ProjectOverview.load(store, Progress.NONE);
        }
        try (ConnectedSession connected = ConnectedSession.open(dir, server.remote(), new SynchronousRunner())) {
            ProjectSession session = connected.session();
            assertThat(session.isConnected()).isTrue();
            assertThat(session.team()).isPresent();
            assertThat(session.engine()).isEqualTo("spark-connect 4.0.1");
            assertThat(session.eventCounts()).isEqualTo(imported.eventCounts());
            assertThat(session.overview().events()).isEqualTo(FixtureProject.EVENTS);
            assertThat(session.overview().firstEvent()).isEqualTo(imported.firstEvent());
            assertThat(session.overview().lastEvent()).isEqualTo(imported.lastEvent());
            assertThat(session.team().orElseThrow().propertyNames()).containsExactlyInAnyOrder(
                    imported.log().propertyNames());
            assertThat(session.clusterNotice()).hasValueSatisfying(notice -> assertThat(notice).startsWith(
                    "The events of shop-connected stay on the team's Spark (" + server.remote() + ", the CSV"));
        }
    }

    @Test
    void anUnreachableClusterLeavesTheProjectOpenWithASentence() {
        TeamConnection nowhere = TeamConnection.at("sc://127.0.0.1:1", false, null, null, "/no/events.csv",
                TeamConnection.SourceFormat.CSV, "user_id", "event", "time", null, null);
        ClusterLink link = ClusterLink.open(nowhere, Map.of(), Progress.NONE);
        assertThat(link.reached()).isEmpty();
        assertThat(link.problem()).startsWith("Cannot reach the Spark Connect server at sc://127.0.0.1:1");
        assertThat(link.eventCounts()).isEmpty();
    }
}
