package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.MatchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * For each row, the bit mask of the rules (funnel steps, exclusions) that the row's event matches: the rules of
 * its event name, then, when some of them have conditions, one table lookup per property that conditions read
 * (for each value id, the rules whose conditions on that property hold; rules without any keep their bit).
 */
final class StepMatcher {
    private final int[] events;
    private final long[] byEvent;
    private final long conditional;
    private final int[][] propertyColumns;
    private final long[][] allowedByValue;

    StepMatcher(EventLog log, List<MatchRule> matchRules) {
        if (matchRules.size() > 64) {
            throw new IllegalArgumentException("At most 64 steps and exclusions together");
        }
        events = log.eventColumn();
        CompiledRule[] rules = matchRules.stream().map(rule -> new CompiledRule(log, rule))
                .toArray(CompiledRule[]::new);
        byEvent = new long[log.eventNames().length];
        long withConditions = 0;
        List<Integer> properties = new ArrayList<>();
        List<long[]> allowed = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            for (int e = 0; e < byEvent.length; e++) {
                if (rules[r].matchesEvent(e)) {
                    byEvent[e] |= 1L << r;
                }
            }
            if (rules[r].hasConditions()) {
                withConditions |= 1L << r;
            }
            for (int c = 0; c < rules[r].conditionCount(); c++) {
                int property = rules[r].conditionProperty(c);
                if (property < 0) {
                    continue; // missing everywhere: the rule either ignores it or never matches (matchesEvent)
                }
                int at = properties.indexOf(property);
                if (at < 0) {
                    at = properties.size();
                    properties.add(property);
                    long[] all = new long[log.propertyValueCount(property)];
                    Arrays.fill(all, -1L);
                    allowed.add(all);
                }
                long[] table = allowed.get(at);
                for (int v = 0; v < table.length; v++) {
                    if (!rules[r].conditionHolds(c, v)) {
                        table[v] &= ~(1L << r);
                    }
                }
            }
        }
        conditional = withConditions;
        propertyColumns = properties.stream().map(log::propertyColumn).toArray(int[][]::new);
        allowedByValue = allowed.toArray(long[][]::new);
    }

    /** Each event id's rules, before conditions. */
    long[] byEvent() {
        return byEvent;
    }

    /** The rules that have conditions: rows whose event has one of them need {@link #refine}. */
    long conditional() {
        return conditional;
    }

    /** {@code mask} (the row's event rules) less the rules whose conditions the row fails. */
    long refine(int row, long mask) {
        if ((mask & conditional) != 0) {
            for (int p = 0; p < propertyColumns.length; p++) {
                mask &= allowedByValue[p][propertyColumns[p][row]];
            }
        }
        return mask;
    }

    /** The rules that row {@code row}'s event matches. */
    long mask(int row) {
        return refine(row, byEvent[events[row]]);
    }
}
