package io.funnelworkbench.importer;

/** What a record of an export is: an event, a call that only links identities, or a call that is neither. */
enum RecordKind {
    EVENT,
    /** Segment {@code identify} and {@code alias}: an anonymous id and a user id of one person, no event. */
    IDENTITY,
    /** Segment {@code group}: traits of an account, no event; counted in the summary, not imported. */
    NOT_AN_EVENT
}
