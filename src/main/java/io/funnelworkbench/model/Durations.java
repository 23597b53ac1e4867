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

    /**
     * A length of time in the two largest units a reader needs: "45 s", "12 min", "3 h 20 min", "2 d 4 h". The
     * one duration style of every screen, chart and command (docs/SCREENS.md); {@code text.Times} re-exports it for
     * the front doors, and it lives here so that the drill-down reasons written in {@code analysis} share it.
     * Rounded to the smaller unit, so 3,599 s reads "1 h", not "59 min".
     */
    public static String describe(double seconds) {
        // Plain arithmetic rather than String.format: drill-down lists call this for every user.
        long total = Math.round(seconds);
        if (total < 60) {
            return total + " s";
        }
        long minutes = Math.round(total / 60.0);
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return pair(minutes / 60, "h", minutes % 60, "min");
        }
        long hours = Math.round(total / 3_600.0);
        return pair(hours / 24, "d", hours % 24, "h");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
