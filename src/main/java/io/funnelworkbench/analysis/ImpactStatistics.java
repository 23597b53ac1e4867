package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The micro-goal impact table from its counts, wherever they were counted (this machine's {@link GoalAnalysis} or
 * a cluster): the rates, lift, odds ratio and Fisher's p-value of each micro goal, which rows are hidden, and
 * their order (FUNNEL-SEMANTICS.md, "Micro-goal impact").
 */
public final class ImpactStatistics {
    private ImpactStatistics() {
    }

    /**
     * One micro goal's row: {@code usersWith} did it (before their first macro conversion, if any), of whom
     * {@code convertedWith} converted; {@code activeUsers} have any event, of whom {@code converted} converted.
     */
    public static ImpactRow row(Goal micro, long usersWith, long convertedWith, long activeUsers, long converted) {
        long a = convertedWith;
        long b = usersWith - a;
        long c = converted - a;
        long d = activeUsers - usersWith - c;
        double rateWith = Statistics.rate(a, a + b);
        double rateWithout = Statistics.rate(c, c + d);
        Double lift = rateWithout == 0 ? null : rateWith / rateWithout;
        double oddsRatio = ((a + 1.0) * (d + 1.0)) / ((b + 1.0) * (c + 1.0));
        return new ImpactRow(micro.name(), micro.category(), a + b, a, rateWith, c + d, c, rateWithout, lift,
                oddsRatio, Statistics.fisherExact(a, b, c, d));
    }

    /**
     * The table: rows whose groups have fewer than {@link GoalAnalysis#MIN_GROUP_USERS} users are hidden (by
     * name), the others sorted by lift, highest first (none last), then by name.
     */
    public static ImpactResult table(String macro, long activeUsers, long converted, List<ImpactRow> candidates) {
        List<ImpactRow> rows = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (ImpactRow row : candidates) {
            if (row.usersWith() < GoalAnalysis.MIN_GROUP_USERS || row.usersWithout() < GoalAnalysis.MIN_GROUP_USERS) {
                hidden.add(row.microGoal());
            } else {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(ImpactRow::lift, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ImpactRow::microGoal));
        return new ImpactResult(macro, activeUsers, converted, rows, hidden);
    }
}
