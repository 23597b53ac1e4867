package io.funnelworkbench.ui.funnel;

import java.time.Duration;

/** Units the conversion window is entered in, largest last. */
public enum WindowUnit {
    SECONDS("seconds", 1), MINUTES("minutes", 60), HOURS("hours", 3_600), DAYS("days", 86_400),
    WEEKS("weeks", 604_800);

    private final String label;
    private final long seconds;

    WindowUnit(String label, long seconds) {
        this.label = label;
        this.seconds = seconds;
    }

    public String label() {
        return label;
    }

    public Duration times(long amount) {
        return Duration.ofSeconds(Math.multiplyExact(amount, seconds));
    }

    /**
     * The largest unit up to days that expresses {@code window} exactly, so 48 hours reads as 2 days. Weeks
     * are never chosen: marketers say "a 7-day window", and 14 days reads better than 2 weeks in a caption.
     */
    public static WindowUnit largestExact(Duration window) {
        long total = window.getSeconds();
        WindowUnit[] units = values();
        for (int i = DAYS.ordinal(); i > 0; i--) {
            if (total != 0 && total % units[i].seconds == 0) {
                return units[i];
            }
        }
        return total == 0 ? DAYS : SECONDS;
    }

    public long amountOf(Duration window) {
        return window.getSeconds() / seconds;
    }

    @Override
    public String toString() {
        return label;
    }
}
