package io.funnelworkbench.importer;

/**
 * Which rows of an export are one event sent twice, by the rule of the tool that wrote it; the repeats are
 * skipped and counted in the import summary.
 */
public enum DuplicateRule {
    /** The de-duplication id alone (Segment messageId, Snowplow event_id, PostHog uuid, a plain insert id). */
    INSERT_ID("the same de-duplication id"),
    /** Amplitude: the same $insert_id (or uuid) for the same user. */
    PER_USER("the same user and de-duplication id"),
    /** Mixpanel: the same event name, distinct_id, time and $insert_id; rows that differ in any are kept. */
    MIXPANEL("the same event, user, time and de-duplication id");

    private final String description;

    DuplicateRule(String description) {
        this.description = description;
    }

    /** For the summary: "the same event, user, time and de-duplication id". */
    public String description() {
        return description;
    }
}
