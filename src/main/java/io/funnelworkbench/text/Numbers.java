package io.funnelworkbench.text;

import io.funnelworkbench.model.Interval;
import java.util.Locale;

/**
 * Every count, rate and interval a user reads, written by one rule (docs/SCREENS.md, "How numbers are written"):
 * counts with thousands separators; rates with one decimal, two below 1% so a small rate never reads 0.0%, and
 * never rounded up to 100% or down to 0% unless exactly so.
 */
public final class Numbers {
    /** Shown where a number does not exist (no users, no time). */
    public static final String NONE = "—";

    private Numbers() {
    }

    /** Whole numbers with thousands separators, the same on every machine: 1,234,567. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Short counts for narrow labels: 9,999, 12.3k, 4.5M. */
    public static String compactCount(long value) {
        if (Math.abs(value) < 10_000) {
            return count(value);
        }
        if (Math.abs(value) < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1_000.0).replace(".0k", "k");
        }
        return String.format(Locale.ROOT, "%.1fM", value / 1_000_000.0).replace(".0M", "M");
    }

    /** A rate (a fraction) as a percentage: 12.3%, 0.04%, 100%, and 99.9% for 99.97%. */
    public static String percent(double rate) {
        double value = rate * 100;
        if (value == 0 || value == 100) {
            return Math.round(value) + "%";
        }
        if (value > 99.95 && value < 100) {
            return "99.9%";
        }
        if (value > 0 && value < 1) {
            return value < 0.005 ? "<0.01%" : String.format(Locale.ROOT, "%.2f%%", value);
        }
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A 95% interval of a rate: 10.2–12.9%. */
    public static String interval(Interval interval) {
        if (interval == null) {
            return NONE;
        }
        String low = percent(interval.low());
        return low.substring(0, low.length() - 1) + "–" + percent(interval.high());
    }
}
