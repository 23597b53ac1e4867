package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import java.util.ArrayList;
import java.util.List;

/** For tests outside the package: the rows a rule matches and the values a goal reads, by the local engine. */
public final class RuleProbe {
    private RuleProbe() {
    }

    /** The rows of {@code log} that {@code rule} matches, as {@link CompiledRule} judges them. */
    public static List<Integer> matchingRows(EventLog log, MatchRule rule) {
        CompiledRule compiled = new CompiledRule(log, rule);
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < log.size(); row++) {
            if (compiled.matches(row, log.event(row))) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Each row's value for {@code value}, as {@link ValueReader} reads it. */
    public static double[] values(EventLog log, GoalValue value) {
        ValueReader reader = new ValueReader(log, value);
        double[] values = new double[log.size()];
        for (int row = 0; row < log.size(); row++) {
            values[row] = reader.valueAt(row);
        }
        return values;
    }
}
