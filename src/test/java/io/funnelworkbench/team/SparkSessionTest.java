package io.funnelworkbench.team;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.FixtureProject;
import java.io.IOException;
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

    /** The Spark back-end on {@code log}, written to {@code file} in the class's folder and read as a table. */
    static SparkConnectBackend onSpark(EventLog log, String file) {
        return new SparkConnectBackend(spark, SparkTables.fromLog(spark, log, dir.resolve(file)),
                dir.resolve("artifact"));
    }

    /** As {@link #onSpark(EventLog, String)}, row {@code r} of the log imported as the {@code importRows[r]}-th. */
    static SparkConnectBackend onSpark(EventLog log, long[] importRows, String file) {
        return new SparkConnectBackend(spark, SparkTables.fromLog(spark, log, importRows, dir.resolve(file)),
                dir.resolve("artifact"));
    }

    /** The fixture project's events (testing/FixtureProject), made in the class's folder. */
    static EventLog fixtureLog() throws IOException {
        try (ProjectStore store = ProjectStore.openForReading(FixtureProject.create(dir.resolve("fixture")))) {
            return store.snapshots().load(Progress.NONE);
        }
    }

    @AfterAll
    static void disconnect() {
        if (spark != null) {
            spark.close();
            spark = null;
        }
    }
}
