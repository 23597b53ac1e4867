package io.funnelworkbench.text;

import io.funnelworkbench.analysis.WindowCheck;
import java.time.Duration;

/** The window check's advice as the funnel screen and the command line say it. */
public final class WindowAdviceText {
    private WindowAdviceText() {
    }

    /**
     * For example: "The 7-day window counts 3.1% as converted; over all the data 10.5% convert (593 more users),
     * 90% of them within 180 days. Try a 180-day window."
     */
    public static String sentence(WindowCheck.Advice advice) {
        return switch (advice.finding()) {
            case WINDOW_TOO_SHORT -> "The " + windowName(advice.window()) + " window counts "
                    + Numbers.percent(advice.conversion()) + " as converted; over all the data "
                    + Numbers.percent(advice.conversionOverAllData()) + " convert (" + Numbers.count(advice.moreUsers())
                    + " more users), 90% of them within " + span(advice.suggestedWindow()) + ". Try a "
                    + windowName(advice.suggestedWindow()) + " window.";
            case MOSTLY_STILL_IN_WINDOW -> Numbers.count(advice.stillInWindow()) + " of the "
                    + Numbers.count(advice.notConverted()) + " users who have not converted are still within the "
                    + windowName(advice.window()) + " window when the data ends, so these rates may still rise.";
        };
    }

    /** "7-day", "6-hour", "90-minute", "45-second". */
    static String windowName(Duration window) {
        long seconds = window.getSeconds();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds % sizes[i] == 0) {
                return seconds / sizes[i] + "-" + units[i];
            }
        }
        return seconds + "-second";
    }

    /** "180 days", "1 day", "6 hours". */
    private static String span(Duration window) {
        String name = windowName(window);
        String amount = name.substring(0, name.indexOf('-'));
        return amount + " " + name.substring(name.indexOf('-') + 1) + (amount.equals("1") ? "" : "s");
    }
}
