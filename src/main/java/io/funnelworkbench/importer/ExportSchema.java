package io.funnelworkbench.importer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analytics tools whose exports the importer knows by their fields, with the columns each tool's own
 * documentation names for the user (and the anonymous id it falls back to), the event, the time, the session
 * and the de-duplication id (docs/IMPORT-FORMATS.md). Names are compared as {@link ColumnMapper#normalise}
 * writes them, so {@code $device_id}, {@code deviceId} and {@code device_id} are one name.
 */
public enum ExportSchema {
    GA4("GA4 BigQuery export", Set.of("event_timestamp", "user_pseudo_id"), Map.of(
            ColumnRole.USER, List.of("user_pseudo_id"),
            ColumnRole.EVENT, List.of("event_name"),
            ColumnRole.TIME, List.of("event_timestamp"),
            ColumnRole.SESSION, List.of("ga_session_id")), TimeFormat.EPOCH_MICROS, DuplicateRule.INSERT_ID),
    GA4_FIVETRAN("GA4 export as Fivetran's event table", Set.of("user_pseudo_id", "name", "timestamp"), Map.of(
            ColumnRole.USER, List.of("user_pseudo_id"),
            ColumnRole.EVENT, List.of("name"),
            ColumnRole.TIME, List.of("timestamp"),
            ColumnRole.SESSION, List.of("param_ga_session_id"),
            ColumnRole.INSERT_ID, List.of("fivetran_id")), TimeFormat.AUTO, DuplicateRule.INSERT_ID),
    SNOWPLOW("Snowplow enriched events", Set.of("event_id", "domain_userid", "collector_tstamp"), Map.of(
            ColumnRole.USER, List.of("user_id"),
            ColumnRole.ANONYMOUS_ID, List.of("domain_userid", "network_userid"),
            ColumnRole.EVENT, List.of("event_name", "event"),
            ColumnRole.TIME, List.of("derived_tstamp", "dvce_created_tstamp", "collector_tstamp"),
            ColumnRole.SESSION, List.of("domain_sessionid"),
            ColumnRole.INSERT_ID, List.of("event_id")), TimeFormat.AUTO, DuplicateRule.INSERT_ID),
    MIXPANEL("Mixpanel raw event export", Set.of("distinct_id", "event", "time"), Map.of(
            ColumnRole.USER, List.of("distinct_id"),
            ColumnRole.ANONYMOUS_ID, List.of("device_id"),
            ColumnRole.EVENT, List.of("event"),
            ColumnRole.TIME, List.of("time"),
            ColumnRole.INSERT_ID, List.of("insert_id")), TimeFormat.AUTO, DuplicateRule.MIXPANEL),
    AMPLITUDE("Amplitude export", Set.of("event_type", "amplitude_id"), Map.of(
            ColumnRole.USER, List.of("user_id"),
            ColumnRole.ANONYMOUS_ID, List.of("device_id", "amplitude_id"),
            ColumnRole.EVENT, List.of("event_type"),
            ColumnRole.TIME, List.of("event_time"),
            ColumnRole.SESSION, List.of("session_id"),
            ColumnRole.INSERT_ID, List.of("insert_id", "uuid")), TimeFormat.AUTO, DuplicateRule.PER_USER),
    POSTHOG("PostHog events export", Set.of("distinct_id", "event", "timestamp"), Map.of(
            ColumnRole.USER, List.of("distinct_id"),
            ColumnRole.ANONYMOUS_ID, List.of("anon_distinct_id"),
            ColumnRole.EVENT, List.of("event"),
            ColumnRole.TIME, List.of("timestamp"),
            ColumnRole.SESSION, List.of("session_id"),
            ColumnRole.INSERT_ID, List.of("uuid")), TimeFormat.AUTO, DuplicateRule.INSERT_ID),
    SEGMENT("Segment archived calls", Set.of("anonymous_id", "event"), Map.of(
            ColumnRole.USER, List.of("user_id"),
            ColumnRole.ANONYMOUS_ID, List.of("anonymous_id"),
            ColumnRole.EVENT, List.of("event"),
            ColumnRole.TIME, List.of("timestamp", "original_timestamp", "received_at"),
            ColumnRole.INSERT_ID, List.of("message_id")), TimeFormat.AUTO, DuplicateRule.INSERT_ID),
    SHOP_SESSIONS("shop event log with sessions", Set.of("event_type", "user_session"), Map.of(), TimeFormat.AUTO,
            DuplicateRule.INSERT_ID),
    SHOP_VISITORS("shop event log", Set.of("visitorid", "itemid"), Map.of(), TimeFormat.AUTO,
            DuplicateRule.INSERT_ID);

    private final String label;
    private final Set<String> telltales;
    private final Map<ColumnRole, List<String>> columns;
    private final TimeFormat timeFormat;
    private final DuplicateRule duplicates;

    ExportSchema(String label, Set<String> telltales, Map<ColumnRole, List<String>> columns, TimeFormat timeFormat,
                 DuplicateRule duplicates) {
        this.label = label;
        this.telltales = telltales;
        this.columns = columns;
        this.timeFormat = timeFormat;
        this.duplicates = duplicates;
    }

    /** How the wizard names it: "GA4 BigQuery export". */
    public String label() {
        return label;
    }

    /** The columns this tool documents for {@code role}, best first (normalised names); empty when it names none. */
    List<String> columnsFor(ColumnRole role) {
        return columns.getOrDefault(role, List.of());
    }

    /** The column this tool's own documentation names first for {@code role}, as it writes it; empty if none. */
    public Optional<String> column(ColumnRole role) {
        return columnsFor(role).stream().findFirst();
    }

    /** How this tool writes its time column: GA4 writes epoch microseconds, as text. */
    TimeFormat timeFormat() {
        return timeFormat;
    }

    /** Which rows this tool counts as one event sent twice. */
    public DuplicateRule duplicates() {
        return duplicates;
    }

    /** The first schema all of whose telltale columns are present (names compared as the mapper does). */
    public static Optional<ExportSchema> recognise(List<String> headers) {
        Set<String> present = headers.stream().map(ColumnMapper::normalise).collect(Collectors.toSet());
        for (ExportSchema schema : values()) {
            if (present.containsAll(schema.telltales)) {
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }
}
