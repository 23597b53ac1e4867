package io.funnelworkbench.team;

import java.nio.file.Path;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class of the {@code spark} group: one Spark Connect session of its own on the test run's local server
 * ({@link LocalSparkConnect}), closed after the class, and a folder of its own for tables and the kernel's jar.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
abstract class SparkSessionTest {
    @TempDir
    static Path dir;
    static SparkSession spark;

    @BeforeAll
    static void connect(LocalSparkConnectServer server) {
        spark = SparkSession.builder().remote(server.remote()).create();
    }

    @AfterAll
    static void disconnect() {
        if (spark != null) {
            spark.close();
            spark = null;
        }
    }
}
