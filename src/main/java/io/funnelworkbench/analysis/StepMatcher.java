package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.MatchRule;
import java.util.List;

/** For each row, the bit mask of the rules (funnel steps, exclusions) that the row's event matches. */
final class StepMatcher {
    private final int[] events;
    private final long[] byEvent;
    private final long conditional;
    private final CompiledRule[] rules;

    StepMatcher(EventLog log, List<MatchRule> matchRules) {
        if (matchRules.size() > 64) {
            throw new IllegalArgumentException("At most 64 steps and exclusions together");
        }
        events = log.eventColumn();
        rules = matchRules.stream().map(rule -> new CompiledRule(log, rule)).toArray(CompiledRule[]::new);
        byEvent = new long[log.eventNames().length];
        long withConditions = 0;
        for (int r = 0; r < rules.length; r++) {
            for (int e = 0; e < byEvent.length; e++) {
                if (rules[r].matchesEvent(e)) {
                    byEvent[e] |= 1L << r;
                }
            }
            if (rules[r].hasConditions()) {
                withConditions |= 1L << r;
            }
        }
        conditional = withConditions;
    }

    long mask(int row) {
        int event = events[row];
        long mask = byEvent[event];
        long toCheck = mask & conditional;
        while (toCheck != 0) {
            int rule = Long.numberOfTrailingZeros(toCheck);
            toCheck &= toCheck - 1;
            if (!rules[rule].matches(row, event)) {
                mask &= ~(1L << rule);
            }
        }
        return mask;
    }
}
