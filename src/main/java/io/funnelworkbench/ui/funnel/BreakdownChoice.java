package io.funnelworkbench.ui.funnel;

/**
 * One line of the Breakdown list: a group header ("Numbers (in ranges)") or a property with the events that carry
 * it as its detail. The list's ComboBox holds {@link #key()} strings, so its value stays a property name.
 */
public record BreakdownChoice(String name, String detail, boolean header) {
    /** Starts a header's key: no imported property name holds a NUL character. */
    private static final String HEADER_KEY = "\u0000";

    public static BreakdownChoice header(String title) {
        return new BreakdownChoice(title, "", true);
    }

    public static BreakdownChoice property(String name, String detail) {
        return new BreakdownChoice(name, detail, false);
    }

    /** The property name, or for a header a key that no property has. */
    public String key() {
        return header ? HEADER_KEY + name : name;
    }

    public static boolean isHeaderKey(String key) {
        return key != null && key.startsWith(HEADER_KEY);
    }
}
