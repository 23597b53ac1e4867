package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.TeamConnection;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening a connected project's source says before any server is involved. */
class SparkSourceTest {
    @TempDir
    Path dir;

    private static TeamConnection connection(String tokenEnv) {
        return TeamConnection.at("sc://127.0.0.1:1", false, tokenEnv, "events", null, null, "user_id", "event_name",
                "timestamp", null, null);
    }

    @Test
    void aTokenVariableThatIsNotSetIsNamed() {
        assertThatThrownBy(() -> SparkSource.open(connection("FW_TEAM_TOKEN"), Map.of("FW_TEAM_TOKEN", " "), dir))
                .isInstanceOf(SparkSourceException.class)
                .hasMessage("The environment variable FW_TEAM_TOKEN that should hold the Spark token is not set; set"
                        + " it (export FW_TEAM_TOKEN=...) and run again.");
    }

    @Test
    void aServerThatIsNotThereIsSaidAtOnce() {
        assertThatThrownBy(() -> SparkSource.open(connection(null), Map.of(), dir))
                .isInstanceOf(SparkSourceException.class)
                .hasMessageStartingWith("Cannot reach the Spark Connect server at sc://127.0.0.1:1: ")
                .hasMessageEndingWith(". Check the host and port (and that the server runs).");
    }
}
