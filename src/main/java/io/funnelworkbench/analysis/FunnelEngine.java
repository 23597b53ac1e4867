package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.MatchRule;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Computes funnels over a project's columnar snapshot in plain Java, with no SQL: one pass over each user's
 * events, users split across the cores.
 */
public final class FunnelEngine {
    private static final int USERS_PER_TASK = 8_192;

    private final EventLog log;

    public FunnelEngine(EventLog log) {
        this.log = log;
    }

    public EventLog log() {
        return log;
    }

    /** Every user's counted attempt. */
    public FunnelOutcome scan(FunnelSpec spec) {
        List<MatchRule> rules = new ArrayList<>();
        spec.steps().forEach(step -> rules.add(step.rule()));
        spec.exclusions().forEach(exclusion -> rules.add(exclusion.rule()));
        StepMatcher matcher = new StepMatcher(log, rules);
        long from = spec.entryFrom() == null ? Long.MIN_VALUE
                : spec.entryFrom().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
        long to = spec.entryTo() == null ? Long.MAX_VALUE
                : spec.entryTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000 - 1;
        FunnelOutcome outcome = new FunnelOutcome(log, spec.steps().size());
        int users = log.userCount();
        long dataEnd = dataEnd();
        int tasks = (users + USERS_PER_TASK - 1) / USERS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            FunnelScan scanner = new FunnelScan(log, matcher, spec, from, to, dataEnd);
            int last = Math.min(users, (task + 1) * USERS_PER_TASK);
            for (int user = task * USERS_PER_TASK; user < last; user++) {
                scanner.scan(user, outcome);
            }
        });
        return outcome;
    }

    /**
     * The latest timestamp in the log (0 when empty). Rows are sorted by user and then time, so it is the latest of
     * each user's last row, which reads one row per user instead of every row.
     */
    private long dataEnd() {
        if (log.size() == 0) {
            return 0;
        }
        long[] times = log.timeColumn();
        long latest = Long.MIN_VALUE;
        for (int user = 0; user < log.userCount(); user++) {
            int end = log.endRowOf(user);
            if (end > log.firstRowOf(user)) {
                latest = Math.max(latest, times[end - 1]);
            }
        }
        return latest;
    }

    /** The funnel's numbers: steps, breakdown, trend, and the named largest drop-off and slowest step. */
    public FunnelResult compute(FunnelSpec spec) {
        return new FunnelCalculator(log, spec).summarise(scan(spec));
    }
}
