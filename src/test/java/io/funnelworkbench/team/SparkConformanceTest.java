package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.funnelworkbench.analysis.ConformanceCases;
import io.funnelworkbench.analysis.FunnelSemanticsTest;
import io.funnelworkbench.model.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The conformance tests on the Spark back-end: every funnel {@link FunnelSemanticsTest} computes on its small
 * hand-built logs (each rule and edge case of FUNNEL-SEMANTICS.md) is computed again through Spark Connect, and
 * must give the local engine's result.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class SparkConformanceTest {
    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void connect(LocalSparkConnectServer server) {
        spark = SparkSession.builder().remote(server.remote()).create();
    }

    @AfterAll
    static void disconnect() {
        if (spark != null) {
            spark.close();
        }
    }

    @Test
    void everyConformanceFunnelGivesTheLocalEnginesCounts() {
        ConformanceCases.Recorded<TestExecutionSummary> run = ConformanceCases.recordWhile(
                SparkConformanceTest::runConformanceTests);
        assertThat(run.result().getTotalFailureCount()).as("the conformance tests pass locally").isZero();
        assertThat(run.cases()).as("funnels the conformance tests computed").hasSizeGreaterThan(100);

        Map<EventLog, FunnelBackend[]> backends = new IdentityHashMap<>();
        List<String> differences = new ArrayList<>();
        for (ConformanceCases.Case c : run.cases()) {
            FunnelBackend[] pair = backends.computeIfAbsent(c.log(), this::backendsOf);
            FunnelCounts local = pair[0].counts(c.spec());
            FunnelCounts onSpark = pair[1].counts(c.spec());
            if (!onSpark.equals(local)) {
                differences.add(c.spec() + ": local " + local + ", Spark " + onSpark);
            }
        }
        assertThat(differences).isEmpty();
    }

    private FunnelBackend[] backendsOf(EventLog log) {
        Path file = dir.resolve("log-" + System.identityHashCode(log) + ".json");
        return new FunnelBackend[] {new LocalBackend(log),
            new SparkConnectBackend(spark, SparkTables.fromLog(spark, log, file), dir.resolve("artifact"))};
    }

    private static TestExecutionSummary runConformanceTests() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FunnelSemanticsTest.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        return summary.getSummary();
    }
}
