package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import io.funnelworkbench.testing.FixtureProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that demands a token (Spark's pre-shared key, {@code spark.connect.authenticate.token}): the token is
 * read from the variable the connection names and sent; a wrong one is refused in a sentence. Spark's client sends
 * a token without TLS only to "localhost" (to any other host it switches TLS on), so the test connects there.
 */
@Tag("spark")
class SparkTokenTest {
    private static final String TOKEN = "fw-test-token-7f3a";
    @TempDir
    static Path dir;
    private static LocalSparkConnectServer server;

    @BeforeAll
    static void startAServerThatDemandsAToken() {
        server = LocalSparkConnectServer.start(dir.resolve("server"), "512m",
                List.of("spark.connect.authenticate.token=" + TOKEN));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TeamConnection connection() {
        return connection("FW_TEAM_TOKEN");
    }

    private static TeamConnection connection(String tokenEnv) {
        return TeamConnection.at("sc://localhost:" + server.port(), false, tokenEnv, null,
                FixtureProject.FOLDER.resolve("events.csv").toAbsolutePath().toString(), SourceFormat.CSV, "user_id",
                "event", "time", null, null);
    }

    @Test
    void theTokenFromTheVariableOpensTheSourceAndAWrongOneIsRefusedInASentence() {
        try (SparkSource source = SparkSource.open(connection(), Map.of("FW_TEAM_TOKEN", TOKEN), dir)) {
            assertThat(source.version()).isEqualTo("4.0.1");
            assertThat(source.events().rows().count()).isEqualTo(FixtureProject.EVENTS);
        }
        assertThatThrownBy(() -> SparkSource.open(connection(), Map.of("FW_TEAM_TOKEN", "not-it"), dir))
                .isInstanceOf(SparkSourceException.class)
                .hasMessage("The Spark Connect server at sc://localhost:" + server.port() + " refused the token in"
                        + " FW_TEAM_TOKEN: check the variable holds the token the cluster's administrator gave.");
        assertThatThrownBy(() -> SparkSource.open(connection(null), Map.of(), dir))
                .isInstanceOf(SparkSourceException.class)
                .hasMessage("The Spark Connect server at sc://localhost:" + server.port() + " asks for a token:"
                        + " name the environment variable that holds it (--token-env NAME, or Token variable in New"
                        + " team project).");
    }
}
