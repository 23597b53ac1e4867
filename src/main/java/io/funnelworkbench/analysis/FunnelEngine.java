package io.funnelworkbench.analysis;

import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Computes funnels over a project's columnar snapshot in plain Java, with no SQL: one pass over each user's
 * events, users split across the cores. A funnel counted by account runs the same way on the log regrouped by
 * account ({@link AccountLogs}), whose "users" are the accounts.
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
        return scan(spec, Cancellation.NEVER);
    }

    /**
     * Every user's counted attempt, with still-in-window judged against {@code dataEnd} rather than this log's last
     * event: for a few users' events pulled from a larger table, whose data ends where the table's does.
     */
    public FunnelOutcome scanEndingAt(FunnelSpec spec, long dataEnd) {
        FunnelOutcome outcome = scan(spec);
        outcome.markStillInWindow(dataEnd, spec.window().toNanos() / 1_000);
        return outcome;
    }

    /**
     * Every user's counted attempt; throws {@link Progress.CancelledException} soon after
     * {@code cancellation} is requested (the scan asks once per block of about {@link FunnelScan#BLOCK_ROWS} rows).
     */
    public FunnelOutcome scan(FunnelSpec spec, Cancellation cancellation) {
        return scanTogether(List.of(spec), cancellation).get(0);
    }

    /**
     * Several funnels that differ only in their entry range or view (breakdown, attribution, trend period) in one
     * pass over the log, as comparing two periods needs: the same outcomes as scanning each, for little more than
     * the time of one. Funnels whose rules or counting differ are scanned one after the other.
     */
    public List<FunnelOutcome> scanTogether(List<FunnelSpec> specs, Cancellation cancellation) {
        FunnelSpec first = specs.get(0);
        boolean sameRules = specs.stream().allMatch(s -> FunnelKernel.rules(s).equals(FunnelKernel.rules(first))
                && Objects.equals(s.countBy(), first.countBy()) && s.order() == first.order());
        if (!sameRules) {
            return specs.stream().map(s -> scanTogether(List.of(s), cancellation).get(0)).toList();
        }
        EventLog log = AccountLogs.forSpec(this.log, first);
        StepMatcher matcher = new StepMatcher(log, FunnelKernel.rules(first));
        FunnelOutcome[] outcomes = specs.stream().map(s -> new FunnelOutcome(log, new FunnelKernel(s).stepCount(),
                s.breakdownProperty() != null, FunnelKernel.optionalAfter(s).length)).toArray(FunnelOutcome[]::new);
        int users = log.userCount();
        int tasks = (users + USERS_PER_TASK - 1) / USERS_PER_TASK;
        // Each task reports the latest time it saw, so the end of the data comes with the scan.
        long dataEnd = IntStream.range(0, tasks).parallel().mapToLong(task -> {
            FunnelKernel[] kernels = specs.stream().map(FunnelKernel::new).toArray(FunnelKernel[]::new);
            FunnelScan scanner = new FunnelScan(log, matcher, kernels);
            scanner.scan(task * USERS_PER_TASK, Math.min(users, (task + 1) * USERS_PER_TASK), outcomes, cancellation);
            return scanner.latest();
        }).max().orElse(Long.MIN_VALUE);
        // Counted by account, rows without an account were not scanned; the data still ends at the log's end.
        long end = log == this.log ? dataEnd : Math.max(dataEnd, log.lastTime());
        for (int k = 0; k < outcomes.length; k++) {
            outcomes[k].markStillInWindow(log.size() == 0 ? 0 : end, specs.get(k).window().toNanos() / 1_000);
        }
        return List.of(outcomes);
    }

    /** The funnel's numbers: steps, breakdown, trend, and the named largest drop-off and slowest step. */
    public FunnelResult compute(FunnelSpec spec) {
        return compute(spec, Cancellation.NEVER);
    }

    /** As {@link #compute(FunnelSpec)}, stopping soon after {@code cancellation} is requested. */
    public FunnelResult compute(FunnelSpec spec, Cancellation cancellation) {
        return computeTogether(List.of(spec), cancellation).get(0);
    }

    /** The numbers of funnels scanned together ({@link #scanTogether}), in the order of {@code specs}. */
    public List<FunnelResult> computeTogether(List<FunnelSpec> specs, Cancellation cancellation) {
        List<FunnelOutcome> outcomes = scanTogether(specs, cancellation);
        cancellation.check();
        List<FunnelResult> results = new ArrayList<>(specs.size());
        for (int k = 0; k < specs.size(); k++) {
            FunnelSpec spec = specs.get(k);
            results.add(new FunnelCalculator(AccountLogs.forSpec(log, spec), spec).summarise(outcomes.get(k)));
        }
        return results;
    }

    /**
     * Whether {@code group} of {@code spec}'s breakdown is a range of numbers ("30–50", "≥ 400"), not one value:
     * a drill-down then says "price in 30–50" rather than "price = 30–50".
     */
    public boolean isRange(FunnelSpec spec, BreakdownGroup group) {
        EventLog log = AccountLogs.forSpec(this.log, spec);
        int column = spec.breakdownProperty() == null ? -1 : log.propertyIndex(spec.breakdownProperty());
        return column >= 0 && group.value() != null && !group.other() && NumericValues.of(log, column) != null
                && NumericValues.number(group.value()) == null;
    }

    /**
     * The users of one breakdown group of {@code spec} (by its value, or Other), as the breakdown counted them:
     * user index to membership (account index when the funnel counts accounts). Users outside the funnel belong to
     * no group.
     */
    public IntPredicate breakdownMembers(FunnelSpec spec, FunnelOutcome outcome, BreakdownGroup group) {
        if (spec.breakdownProperty() == null) {
            throw new IllegalArgumentException("The funnel has no breakdown");
        }
        FunnelCalculator.Grouping grouping = new FunnelCalculator(AccountLogs.forSpec(log, spec), spec)
                .grouping(outcome);
        int index = groupIndex(grouping.groups(), group);
        return user -> index >= 0 && grouping.groupOf(user) == index;
    }

    /**
     * The index of {@code group} (as a user names it: a value, a range, "(none)" or Other) among a breakdown's
     * {@code groups}, or -1: by its exact label, else by its label typed loosely.
     */
    public static int groupIndex(List<BreakdownGroup> groups, BreakdownGroup group) {
        int wanted = groupIndex(groups, group, false);
        return wanted >= 0 ? wanted : groupIndex(groups, group, true);
    }

    /**
     * The index of {@code group} among {@code groups}, or -1. Typed loosely, a range may be spelt in ASCII:
     * "10-50" for "10–50", ">= 500" for "≥ 500", spaces ignored.
     */
    private static int groupIndex(List<BreakdownGroup> groups, BreakdownGroup group, boolean loosely) {
        for (int g = 0; g < groups.size(); g++) {
            BreakdownGroup candidate = groups.get(g);
            boolean same = loosely ? Objects.equals(looseLabel(candidate.value()), looseLabel(group.value()))
                    : Objects.equals(candidate.value(), group.value());
            if (candidate.other() == group.other() && same) {
                return g;
            }
        }
        return -1;
    }

    private static String looseLabel(String value) {
        return value == null ? null : value.replace(">=", "≥").replace(" ", "").replaceAll("(\\d)-", "$1–");
    }
}
