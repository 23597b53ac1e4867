package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.funnelworkbench.analysis.ConformanceCases;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.FunnelSemanticsTest;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The conformance tests on the Spark back-end: every funnel {@link FunnelSemanticsTest} computes on its small
 * hand-built logs (each rule and edge case of FUNNEL-SEMANTICS.md) is computed again through Spark Connect, and
 * must give the local engine's whole result (steps, times, values, breakdown, trend), equal as records.
 */
class SparkConformanceTest extends SparkSessionTest {
    private static final int PARALLEL_QUERIES = 3;

    @Test
    void everyConformanceFunnelGivesTheLocalEnginesResult() throws Exception {
        ConformanceCases.Recorded<TestExecutionSummary> run = ConformanceCases.recordWhile(
                SparkConformanceTest::runConformanceTests);
        assertThat(run.result().getTotalFailureCount()).as("the conformance tests pass locally").isZero();
        assertThat(run.cases()).as("funnels the conformance tests computed").hasSizeGreaterThan(100);

        // A test often asks for one funnel several times (counts, a user's step, its times): each once here.
        Map<EventLog, Set<FunnelSpec>> distinct = new IdentityHashMap<>();
        run.cases().forEach(c -> distinct.computeIfAbsent(c.log(), log -> new LinkedHashSet<>()).add(c.spec()));
        Map<EventLog, FunnelBackend[]> backends = new IdentityHashMap<>();
        distinct.keySet().forEach(log -> backends.put(log, backendsOf(log)));
        // Queries this small wait on scheduling more than on the 2 cores: a few at a time go faster.
        List<String> differences = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_QUERIES);
        try {
            List<Future<?>> done = new ArrayList<>();
            distinct.forEach((log, specs) -> specs.forEach(spec -> done.add(pool.submit(() -> {
                FunnelResult local = backends.get(log)[0].compute(spec);
                FunnelResult onSpark = backends.get(log)[1].compute(spec);
                if (!onSpark.equals(local)) {
                    differences.add(spec + ": local " + local + ", Spark " + onSpark);
                }
            }))));
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(differences).isEmpty();
    }

    private FunnelBackend[] backendsOf(EventLog log) {
        String file = "log-" + System.identityHashCode(log) + ".json";
        return new FunnelBackend[] {new LocalBackend(log), onSpark(log, file)};
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
