package io.funnelworkbench.model;

import java.util.regex.Pattern;

/**
 * The part of a library's error message a user can read: its first line, without H2's error codes
 * ({@code [90028-240]}) and SQL, or Jackson's limits and source positions. The one place such text is cleaned.
 */
public final class PlainMessages {
    private static final Pattern H2_CODE = Pattern.compile("\\s*\\[\\d{5}-\\d{3}]");
    /** The storage layer's codes: {@code [2.4.240/3]}, version and error number. */
    private static final Pattern MVSTORE_CODE = Pattern.compile("\\s*\\[\\d+\\.\\d+\\.\\d+/\\d+]");
    private static final Pattern JACKSON_LIMIT = Pattern.compile(", from `[^`]*`");
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\s*at \\[Source: [^\\]]*+]");
    private static final Pattern JAVA_CLASS =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*+\\.)++[A-Z][A-Za-z0-9_$]*(?:Exception|Error):\\s*");
    /** Longer messages quote a whole broken value; a sentence needs its start. */
    private static final int MAX_LENGTH = 300;

    private PlainMessages() {
    }

    /** The readable part of {@code error}'s message (or of the first cause that has one), never empty. */
    public static String of(Throwable error) {
        Throwable t = error;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : clean(t.getMessage());
    }

    /** Whether {@code error} is, or was caused by, running out of memory (H2 wraps it in its own errors). */
    public static boolean isOutOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    public static String clean(String message) {
        String text = message.lines().findFirst().orElse("").strip();
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH) + "…";
        }
        int sql = text.indexOf("; SQL statement:");
        if (sql >= 0) {
            text = text.substring(0, sql);
        }
        text = H2_CODE.matcher(text).replaceAll("");
        text = MVSTORE_CODE.matcher(text).replaceAll("");
        text = JACKSON_LIMIT.matcher(text).replaceAll("");
        text = JACKSON_SOURCE.matcher(text).replaceAll("");
        text = JAVA_CLASS.matcher(text).replaceAll("");
        return text.strip();
    }
}
