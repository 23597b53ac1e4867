package io.funnelworkbench.importer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analytics tools whose exports the importer knows by their column names, so the wizard can say what it
 * recognised ("a GA4 BigQuery export") and a user can check the mapping against what that tool writes.
 */
public enum ExportSchema {
    GA4("GA4 BigQuery export", Set.of("event_timestamp", "user_pseudo_id")),
    MIXPANEL("Mixpanel export", Set.of("distinct_id", "event", "time")),
    AMPLITUDE("Amplitude export", Set.of("event_type", "amplitude_id")),
    POSTHOG("PostHog export", Set.of("distinct_id", "event", "timestamp")),
    SEGMENT("Segment export", Set.of("anonymous_id", "event")),
    SHOP_SESSIONS("shop event log with sessions", Set.of("event_type", "user_session")),
    SHOP_VISITORS("shop event log", Set.of("visitorid", "itemid"));

    private final String label;
    private final Set<String> columns;

    ExportSchema(String label, Set<String> columns) {
        this.label = label;
        this.columns = columns;
    }

    /** How the wizard names it: "GA4 BigQuery export". */
    public String label() {
        return label;
    }

    /** The first schema all of whose telltale columns are present (names compared as the mapper does). */
    public static Optional<ExportSchema> recognise(List<String> headers) {
        Set<String> present = headers.stream().map(ColumnMapper::normalise).collect(Collectors.toSet());
        for (ExportSchema schema : values()) {
            if (present.containsAll(schema.columns)) {
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }
}
