package io.funnelworkbench.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conversion windows as people write them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, {@code 1w}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([smhdw]?)");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a whole number with s, m, h,"
                    + " d or w, such as 30m or 7d");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "", "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(Math.multiplyExact(7, amount));
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is longer than any window can be; write it in days or"
                    + " weeks, such as 30d or 52w.");
        }
    }

    /** The shortest exact form: 604800 seconds is {@code 7d}, 90 seconds is {@code 90s}. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        long[] sizes = {7 * 86400, 86400, 3600, 60};
        String[] units = {"w", "d", "h", "m"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds != 0 && seconds % sizes[i] == 0) {
                return seconds / sizes[i] + units[i];
            }
        }
        return seconds + "s";
    }

    /** A length of time the way people say it: 45 s, 12 min, 3.5 h, 2.1 days. */
    public static String describe(double seconds) {
        // Plain arithmetic rather than String.format: drill-down lists call this for every user.
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 3_600) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 86_400) {
            return oneDecimal(seconds / 3_600) + " h";
        }
        String days = oneDecimal(seconds / 86_400);
        return days + (days.equals("1") ? " day" : " days");
    }

    /** One decimal, dropped when it is 0: 3.5, 2, 12.1. */
    private static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }
}
