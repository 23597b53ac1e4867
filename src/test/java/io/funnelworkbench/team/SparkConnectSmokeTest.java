package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin client against the local server: the whole path a connected project will take, on a tiny CSV. */
class SparkConnectSmokeTest extends SparkSessionTest {

    @Test
    void clientAndServerRunTheSameSparkLine() {
        // pom.xml pins one version for the client and the server (docs/ARCHITECTURE.md, "Team scale").
        assertThat(spark.version()).isEqualTo(System.getProperty("funnelworkbench.spark.version"));
    }

    @Test
    void countsEventsPerNameOfACsvTheServerReads(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("events.csv");
        Files.write(csv, List.of(
                "user_id,event",
                "u1,page_view", "u1,add_to_cart", "u1,purchase",
                "u2,page_view", "u2,add_to_cart",
                "u3,page_view", "u3,page_view",
                "u4,page_view"), StandardCharsets.UTF_8);

        List<Row> rows = spark.read().option("header", "true").csv(csv.toAbsolutePath().toString())
                .groupBy("event").count().collectAsList();

        Map<String, Long> countByEvent = rows.stream()
                .collect(Collectors.toMap(row -> row.getString(0), row -> row.getLong(1)));
        assertThat(countByEvent).containsExactlyInAnyOrderEntriesOf(
                Map.of("page_view", 5L, "add_to_cart", 2L, "purchase", 1L));
    }

    @Test
    void countsDistinctUsersOnTheServer() {
        long users = spark.range(0, 1000).selectExpr("id % 7 as user").distinct().count();

        assertThat(users).isEqualTo(7);
    }
}
