package io.funnelworkbench.ui.funnel.paths;

import java.util.List;

/**
 * One row of the paths table: a listed path, the "No further events" (or "Went on directly") path, or the other
 * paths together ({@code events} null); its users and their share of the step's users.
 */
public record PathsRow(String label, List<String> events, long users, double share, Kind kind) {
    /** What a row stands for. */
    public enum Kind { PATH, NO_FURTHER_EVENTS, OTHER_PATHS }

    public PathsRow {
        events = events == null ? null : List.copyOf(events);
    }
}
