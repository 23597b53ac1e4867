package io.funnelworkbench.importer;

import java.util.Locale;

/**
 * Who a row belongs to when an export carries both a user id and an anonymous (device) id
 * (docs/IMPORT-FORMATS.md, "Identity").
 */
public enum IdentityRule {
    /**
     * Each row is its user id when it has a real one, else its anonymous id; and every row of an anonymous id
     * that some row links to a user id belongs to that user (the earliest link when there are several), as
     * Mixpanel's simplified ID merge does.
     */
    STITCHED,
    /** Each row is its user id when it has a real one, else its anonymous id; nothing is linked. */
    ROW;

    /** The command-line word: {@code stitched} or {@code row}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
