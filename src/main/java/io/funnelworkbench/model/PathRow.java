package io.funnelworkbench.model;

import java.util.List;

/**
 * One distinct path and how many users took it. {@code events} are event names in order, consecutive repeats
 * collapsed; empty means "no further events" (after drop-off) or "went on directly" (between steps).
 */
public record PathRow(List<String> events, long users) {
    public PathRow {
        events = List.copyOf(events);
    }
}
