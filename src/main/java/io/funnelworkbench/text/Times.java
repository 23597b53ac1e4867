package io.funnelworkbench.text;

import io.funnelworkbench.model.Durations;
import java.time.Duration;

/**
 * Lengths of time as users read them. One style everywhere: the two largest units, "45 s", "12 min",
 * "3 h 20 min", "2 d 4 h" (docs/SCREENS.md, "How numbers are written"). Axis edges of a histogram, where space is
 * short, use the compact form "15m", "3h", "1d".
 */
public final class Times {
    private Times() {
    }

    /** Seconds in the one duration style; {@link Numbers#NONE} when there is no time (nobody went on). */
    public static String duration(Double seconds) {
        return seconds == null || seconds.isNaN() ? Numbers.NONE : Durations.describe(seconds);
    }

    /** A histogram bin edge in the largest unit that is whole: 0, 45s, 1m, 15m, 3h, 1d, 30d. */
    public static String axisEdge(double seconds) {
        long s = Math.round(seconds);
        if (s == 0) {
            return "0";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** A conversion window as an adjective, in the largest whole unit: "7-day", "30-minute", "90-second". */
    public static String window(Duration window) {
        long seconds = window.getSeconds();
        long[] sizes = {86_400, 3_600, 60};
        String[] units = {"day", "hour", "minute"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds != 0 && seconds % sizes[i] == 0) {
                return seconds / sizes[i] + "-" + units[i];
            }
        }
        return seconds + "-second";
    }
}
