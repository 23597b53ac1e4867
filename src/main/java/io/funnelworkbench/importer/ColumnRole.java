package io.funnelworkbench.importer;

/** What a column of an export means to the importer. */
public enum ColumnRole {
    USER("User"), ANONYMOUS_ID("Anonymous id (when no user id)"), EVENT("Event name"), TIME("Time"),
    SESSION("Session"), INSERT_ID("Insert id (de-duplication)"),
    PROPERTY("Property"), PROPERTIES_JSON("Properties (JSON)"), IGNORE("Ignore");

    private final String label;

    ColumnRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Roles at most one column may have. */
    public boolean unique() {
        return this != PROPERTY && this != IGNORE && this != PROPERTIES_JSON;
    }
}
