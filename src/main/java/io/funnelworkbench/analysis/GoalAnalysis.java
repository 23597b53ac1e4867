package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Goal metrics and the micro-goal impact table (FUNNEL-SEMANTICS.md, "Goals" and "Micro-goal impact"). */
public final class GoalAnalysis {
    /** Rows where either group has fewer users are hidden: their rates say too little. */
    public static final int MIN_GROUP_USERS = 25;

    private final EventLog log;

    public GoalAnalysis(EventLog log) {
        this.log = log;
    }

    public GoalMetrics metrics(Goal goal) {
        CompiledRule rule = new CompiledRule(log, goal.rule());
        ValueReader value = new ValueReader(log, goal.value());
        long[] amounts = value.newTally();
        int[] sessionBuffer = new int[16];
        long users = 0;
        long events = 0;
        long sessionsWithGoal = 0;
        long allSessions = 0;
        int activeUsers = 0;
        for (int u = 0; u < log.userCount(); u++) {
            int from = log.firstRowOf(u);
            int to = log.endRowOf(u);
            if (from == to) {
                continue;
            }
            activeUsers++;
            if (sessionBuffer.length < to - from) {
                sessionBuffer = new int[(to - from) * 2];
            }
            int matched = 0;
            for (int row = from; row < to; row++) {
                if (rule.matches(row, log.event(row))) {
                    sessionBuffer[matched++] = log.session(row);
                    value.tally(row, amounts);
                }
            }
            users += matched > 0 ? 1 : 0;
            events += matched;
            sessionsWithGoal += distinct(sessionBuffer, matched);
            allSessions += distinctSessions(from, to, sessionBuffer);
        }
        return metrics(goal, new GoalCounts(users, events, sessionsWithGoal, allSessions, activeUsers,
                value.total(amounts)));
    }

    /**
     * What a goal's metrics are made of, wherever they were counted: users with a matching event, matching
     * events, sessions with one (a user's events without a session form one), all sessions, users with any event,
     * and the exact total of the property amounts of the matching events ({@link EventValues#total}).
     */
    public record GoalCounts(long users, long events, long sessionsWithGoal, long allSessions, long activeUsers,
                             double propertyTotal) {
    }

    /** A goal's metrics from its counts: the one place that reads them as completions, conversion and worth. */
    public static GoalMetrics metrics(Goal goal, GoalCounts counts) {
        long completions = switch (goal.counting()) {
            case USER -> counts.users();
            case SESSION -> counts.sessionsWithGoal();
            case EVENT -> counts.events();
        };
        boolean perSession = goal.counting() == Counting.SESSION;
        long converted = perSession ? counts.sessionsWithGoal() : counts.users();
        long denominator = perSession ? counts.allSessions() : counts.activeUsers();
        // A fixed amount is earned per completion; a property's amount is earned on every matching event.
        double worth = goal.value().fromProperty() != null ? counts.propertyTotal()
                : goal.value().fixedAmount() * completions;
        return new GoalMetrics(goal.name(), goal.kind(), goal.category(), goal.counting(), counts.users(),
                completions, converted, denominator, Statistics.rate(converted, denominator), worth);
    }

    /**
     * For the macro goal and each micro goal: macro conversion of users who did the micro goal before their
     * first macro conversion (or at all, if they never converted) against everyone else.
     */
    public ImpactResult impact(Goal macro, List<Goal> goals) {
        MacroScan scan = scan(macro);
        int[] firstMacroRow = scan.firstMacroRow();
        long activeUsers = scan.activeUsers();
        long converted = scan.converted();
        List<ImpactRow> rows = new ArrayList<>();
        for (Goal micro : goals) {
            if (micro.kind() == GoalKind.MICRO) {
                rows.add(impactOf(micro, firstMacroRow, activeUsers, converted));
            }
        }
        return ImpactStatistics.table(macro.name(), activeUsers, converted, rows);
    }

    /**
     * The comparison for one micro goal even when {@link #impact} hides it (a group under
     * {@link #MIN_GROUP_USERS} users): what says why it is hidden.
     */
    public ImpactRow impactOf(Goal macro, Goal micro) {
        MacroScan scan = scan(macro);
        return impactOf(micro, scan.firstMacroRow(), scan.activeUsers(), scan.converted());
    }

    /** Each user's first macro conversion row (-1 for none), the users with events, and those who converted. */
    private record MacroScan(int[] firstMacroRow, long activeUsers, long converted) {
    }

    private MacroScan scan(Goal macro) {
        CompiledRule macroRule = new CompiledRule(log, macro.rule());
        int[] firstMacroRow = new int[log.userCount()];
        long activeUsers = 0;
        long converted = 0;
        for (int u = 0; u < log.userCount(); u++) {
            firstMacroRow[u] = firstMatch(macroRule, u, log.endRowOf(u));
            activeUsers += log.endRowOf(u) > log.firstRowOf(u) ? 1 : 0;
            converted += firstMacroRow[u] >= 0 ? 1 : 0;
        }
        return new MacroScan(firstMacroRow, activeUsers, converted);
    }

    private ImpactRow impactOf(Goal micro, int[] firstMacroRow, long activeUsers, long converted) {
        CompiledRule rule = new CompiledRule(log, micro.rule());
        long[] counts = IntStream.range(0, log.userCount()).parallel().mapToObj(u -> {
            int end = firstMacroRow[u] >= 0 ? firstMacroRow[u] : log.endRowOf(u);
            boolean did = firstMatch(rule, u, end) >= 0;
            boolean macro = firstMacroRow[u] >= 0;
            return new long[] {did ? 1 : 0, did && macro ? 1 : 0};
        }).reduce(new long[2], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        return ImpactStatistics.row(micro, counts[0], counts[1], activeUsers, converted);
    }

    /** Distinct values among the first {@code count} of {@code values}; reorders them. */
    private static int distinct(int[] values, int count) {
        Arrays.sort(values, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            distinct += i == 0 || values[i] != values[i - 1] ? 1 : 0;
        }
        return distinct;
    }

    private int distinctSessions(int from, int to, int[] buffer) {
        for (int row = from; row < to; row++) {
            buffer[row - from] = log.session(row);
        }
        return distinct(buffer, to - from);
    }

    /** The first row of {@code user} before {@code end} that matches, or -1. */
    private int firstMatch(CompiledRule rule, int user, int end) {
        for (int row = log.firstRowOf(user); row < end; row++) {
            if (rule.matches(row, log.event(row))) {
                return row;
            }
        }
        return -1;
    }
}
