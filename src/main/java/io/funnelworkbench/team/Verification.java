package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Checks a connected project's funnel against this machine: users picked at random on the cluster, their furthest
 * step as the cluster's kernel rows give it, against the local engine's on their events pulled here (with
 * still-in-window judged against the whole table's end). Any difference is a mismatch.
 */
public final class Verification {
    /** One user whose furthest step (required steps reached, 0 for none) differs. */
    public record Mismatch(String user, int clusterStep, int localStep) {
    }

    /** How many users were checked and which of them differ. */
    public record Report(long usersChecked, List<Mismatch> mismatches) {
        public Report {
            mismatches = List.copyOf(mismatches);
        }

        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    private Verification() {
    }

    /** Checks {@code sampleUsers} users picked with {@code seed} (fewer when the table has fewer). */
    public static Report run(SparkConnectBackend backend, FunnelSpec spec, int sampleUsers, long seed) {
        SparkConnectBackend.refuseAccounts(spec, "verify a funnel");
        List<String> users = backend.userEvents().sample(sampleUsers, seed);
        Map<String, Integer> clusterSteps = new HashMap<>();
        for (Row row : backend.perUser(spec).filter(col("user").isin(users.toArray()))
                .select(col("user"), col("reached")).collectAsList()) {
            clusterSteps.put(row.getString(0), row.getInt(1));
        }
        EventLog log = backend.userEvents().of(users);
        FunnelOutcome outcome = new FunnelEngine(log).scanEndingAt(spec, backend.dataEnd());
        List<Mismatch> mismatches = new ArrayList<>();
        for (int u = 0; u < log.userCount(); u++) {
            String user = log.userId(u);
            // A user without an event the funnel reads has no kernel row on the cluster: step 0.
            int cluster = clusterSteps.getOrDefault(user, 0);
            if (cluster != outcome.furthest(u)) {
                mismatches.add(new Mismatch(user, cluster, outcome.furthest(u)));
            }
        }
        return new Report(log.userCount(), mismatches);
    }
}
