package io.funnelworkbench.text;

import io.funnelworkbench.model.Interval;
import java.util.Locale;

/**
 * Every count, rate, amount and statistic a user reads, written by one rule (docs/SCREENS.md, "How numbers are
 * written"): counts with thousands separators; rates with one decimal, two below 1% so a small rate never reads
 * 0.0%, and never rounded up to 100% or down to 0% unless exactly so.
 */
public final class Numbers {
    /** Shown where a number does not exist (no users, no time, no value). */
    public static final String NONE = "—";

    private Numbers() {
    }

    /** Whole numbers with thousands separators, the same on every machine: 1,234,567. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A count with its noun, plural unless exactly one: "1 user", "1,204 users". */
    public static String counted(long value, String noun) {
        return count(value) + " " + noun + (value == 1 ? "" : "s");
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

    /** A rate (a fraction) as a percentage: 12.3%, 0.04%, 0%, 100%, and 99.9% for 99.97%. */
    public static String percent(double rate) {
        if (Double.isNaN(rate)) {
            return NONE;
        }
        double value = rate * 100;
        if (value == 0 || value == 100) {
            return Math.round(value) + "%";
        }
        if (value >= 99.95 && value < 100) {
            return "99.9%";
        }
        if (value > 0 && value < 1) {
            return value < 0.005 ? "<0.01%" : String.format(Locale.ROOT, "%.2f%%", value);
        }
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A gridline label of a percent axis, compact: 20%, 2.5%. */
    public static String axisPercent(double rate) {
        long tenths = Math.round(rate * 1000);
        return tenths % 10 == 0 ? tenths / 10 + "%" : tenths / 10 + "." + tenths % 10 + "%";
    }

    /** A 95% interval of a rate, both ends by the percent rule: 10.2–12.9%. */
    public static String interval(Interval interval) {
        if (interval == null) {
            return NONE;
        }
        String low = percent(interval.low());
        return low.substring(0, low.length() - 1) + "–" + percent(interval.high());
    }

    /** A difference of two rates in percentage points, signed, one decimal: +4.2 pp, -0.3 pp, 0.0 pp. */
    public static String points(Double difference) {
        if (difference == null || Double.isNaN(difference)) {
            return NONE;
        }
        double value = difference * 100;
        String text = String.format(Locale.ROOT, "%.1f", value);
        if (text.equals("-0.0") || text.equals("0.0")) {
            return "0.0 pp";
        }
        return (value > 0 ? "+" : "") + text + " pp";
    }

    /** A 95% interval of a difference of rates, in signed percentage points: -1.2 to +3.4 pp. */
    public static String pointsInterval(Interval interval) {
        if (interval == null) {
            return NONE;
        }
        String low = points(interval.low());
        return low.substring(0, low.length() - " pp".length()) + " to " + points(interval.high());
    }

    /** An amount without a currency: whole units from 1,000 up and for whole amounts, cents otherwise. */
    public static String money(double amount) {
        if (Math.abs(amount) >= 1_000 || amount == Math.rint(amount)) {
            return String.format(Locale.ROOT, "%,.0f", amount);
        }
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** A ratio (odds ratio): two decimals, large ones whole with separators, infinite ones as ∞. */
    public static String ratio(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        if (Double.isInfinite(value)) {
            return "∞";
        }
        return value < 100 ? String.format(Locale.ROOT, "%.2f", value) : count(Math.round(value));
    }

    /** A lift (rate with over rate without) as a multiple: 1.25×; none when it does not exist. */
    public static String lift(Double value) {
        return value == null ? NONE : ratio(value) + "×";
    }

    /** A p-value to read: three decimals, or "< 0.001". */
    public static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A size in bytes, in the largest unit that keeps it at least 1: 512 bytes, 3.4 MB, 120 GB. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** A plain number for tables of raw values, four decimals: 0.1235. */
    public static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
