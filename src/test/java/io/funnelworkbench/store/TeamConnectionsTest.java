package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connected project's connection in the project file: every value back as saved, no token, checked on reading. */
class TeamConnectionsTest {
    @TempDir
    Path dir;

    private static final TeamConnection FILES = TeamConnection.at("sc://spark.example.com:15002", true, "SPARK_TOKEN",
            null, "s3a://bucket/events/2026/", SourceFormat.JSON, "distinct_id", "event", "time", "$session_id", "row");

    @Test
    void aConnectionComesBackAsSaved() {
        Path project = dir.resolve("team");
        try (ProjectStore store = ProjectStore.create(project)) {
            assertThat(TeamConnections.of(store)).isEmpty();
            TeamConnections.save(store, FILES);
        }
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            assertThat(TeamConnections.of(store)).contains(FILES);
        }
        TeamConnection table = TeamConnection.at("sc://10.1.2.3:443", false, null, "analytics.events", null, null,
                "user_id", "event_name", "ts", null, null);
        assertThat(TeamConnections.decode(TeamConnections.encode(table), "p")).isEqualTo(table);
    }

    @Test
    void theTextHoldsTheVariablesNameAndNoToken() {
        String text = TeamConnections.encode(FILES);
        assertThat(text).contains("\"token_env\":\"SPARK_TOKEN\"").doesNotContain("\"token\"");
    }

    @Test
    void aChangedConnectionIsCheckedAsIfTyped() {
        String changed = TeamConnections.encode(FILES).replace("spark.example.com", "h/;token=x");
        assertThatThrownBy(() -> TeamConnections.decode(changed, "team")).isInstanceOf(ProjectException.class)
                .hasMessageStartingWith("The team connection saved in team cannot be read ('h/;token=x' is not a"
                        + " host name");
        assertThatThrownBy(() -> TeamConnections.decode("{not json", "team"))
                .hasMessageEndingWith("run connect again to set it.");
    }
}
