package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.Interval;
import java.util.Locale;

/** How the funnel screen writes numbers: counts with separators, percentages, intervals and human durations. */
public final class FunnelFormats {
    static final String NONE = "—";

    private FunnelFormats() {
    }

    public static String count(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ENGLISH, "%.1f%%", fraction * 100);
    }

    public static String interval(Interval interval) {
        return interval == null ? NONE
                : String.format(Locale.ENGLISH, "%.1f–%.1f%%", interval.low() * 100, interval.high() * 100);
    }

    /** Seconds as the two largest units a reader needs: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
    public static String duration(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        long total = Math.round(seconds);
        if (total < 60) {
            return total + " s";
        }
        if (total < 3_600) {
            return total / 60 + " min";
        }
        if (total < 86_400) {
            return pair(total / 3_600, "h", total % 3_600 / 60, "min");
        }
        return pair(total / 86_400, "d", total % 86_400 / 3_600, "h");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }

    public static String money(double value) {
        // Cents matter on small amounts only; large totals read better whole.
        return value == 0 ? NONE : String.format(Locale.ENGLISH, Math.abs(value) >= 10_000 ? "%,.0f" : "%,.2f", value);
    }

    /** A rate as a percentage rounded for CSV cells, which spreadsheets read as numbers. */
    static double percentCell(double fraction) {
        return Math.round(fraction * 10_000) / 100.0;
    }
}
