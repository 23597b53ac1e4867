package io.funnelworkbench.model;

import java.util.List;

/** Events match when their name is any of {@code eventNames} and every condition holds. */
public record MatchRule(List<String> eventNames, List<Condition> conditions) {
    public MatchRule {
        if (eventNames == null || eventNames.isEmpty()) {
            throw new IllegalArgumentException("A match rule needs at least one event name");
        }
        eventNames = List.copyOf(eventNames);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public static MatchRule event(String eventName) {
        return new MatchRule(List.of(eventName), List.of());
    }
}
