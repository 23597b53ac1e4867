package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnelworkbench.analysis.AccountLogs;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Checks {@code sampleUsers} users picked with {@code seed} (fewer when the table has fewer); for a funnel
     * counted by account, that many accounts, each with the events that carry it.
     */
    public static Report run(SparkConnectBackend backend, FunnelSpec spec, int sampleUsers, long seed) {
        if (spec.countBy() != null) {
            return runByAccount(backend, spec, sampleUsers, seed);
        }
        List<String> users = backend.userEvents().sample(sampleUsers, seed);
        EventLog log = backend.userEvents().of(users);
        FunnelOutcome outcome = new FunnelEngine(log).scanEndingAt(spec, backend.dataEnd());
        return compare(clusterSteps(backend, spec, users), log, outcome, Set.copyOf(users));
    }

    private static Report runByAccount(SparkConnectBackend backend, FunnelSpec spec, int sampleAccounts,
                                       long seed) {
        String property = backend.propertyColumn(spec.countBy());
        if (property == null) {
            throw new IllegalArgumentException("There is no property '" + spec.countBy() + "' to count by in this"
                    + " project.");
        }
        List<String> accounts = backend.userEvents().sampleValues(property, sampleAccounts, seed);
        if (accounts.isEmpty()) {
            return new Report(0, List.of());
        }
        // The order of accounts does not matter here: each is compared by name.
        SparkUserEvents.AccountEvents pulled = backend.userEvents().ofAccounts(
                backend.userEvents().valuesNamed(property, accounts).withColumn("first_row", lit(0L)), property);
        FunnelOutcome outcome = new FunnelEngine(pulled.log()).scanEndingAt(spec, backend.dataEnd());
        return compare(clusterSteps(backend, spec, accounts), AccountLogs.forSpec(pulled.log(), spec), outcome,
                Set.copyOf(accounts));
    }

    /** The furthest step of each of {@code users} (accounts, counted by one) in the cluster's kernel rows. */
    private static Map<String, Integer> clusterSteps(SparkConnectBackend backend, FunnelSpec spec,
                                                     List<String> users) {
        Map<String, Integer> steps = new HashMap<>();
        for (Row row : backend.perUser(spec).filter(col("user").isin(users.toArray()))
                .select(col("user"), col("reached")).collectAsList()) {
            steps.put(row.getString(0), row.getInt(1));
        }
        return steps;
    }

    /**
     * Each sampled user of {@code log} (the funnel's: accounts, counted by one; its slot for events without an
     * account is no one's), the cluster's step against the outcome's.
     */
    private static Report compare(Map<String, Integer> clusterSteps, EventLog log, FunnelOutcome outcome,
                                  Set<String> sampled) {
        List<Mismatch> mismatches = new ArrayList<>();
        long checked = 0;
        for (int u = 0; u < log.userCount(); u++) {
            String user = log.userId(u);
            if (user == null || !sampled.contains(user)) {
                continue;
            }
            checked++;
            // A user without an event the funnel reads has no kernel row on the cluster: step 0.
            int cluster = clusterSteps.getOrDefault(user, 0);
            if (cluster != outcome.furthest(u)) {
                mismatches.add(new Mismatch(user, cluster, outcome.furthest(u)));
            }
        }
        return new Report(checked, mismatches);
    }
}
