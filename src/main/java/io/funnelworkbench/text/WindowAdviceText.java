package io.funnelworkbench.text;

import io.funnelworkbench.analysis.WindowCheck;

/** The window check's advice as the funnel screen and the command line say it. */
public final class WindowAdviceText {
    private WindowAdviceText() {
    }

    /**
     * For example: "The 7-day window counts 3.1% as converted; over all the data 10.5% convert (593 more users),
     * 90% of them within 180 d. Try a 180-day window."
     */
    public static String sentence(WindowCheck.Advice advice) {
        return sentence(advice, null);
    }

    /**
     * As above for a funnel counted by {@code countedBy}'s values (null: users), which speaks of accounts:
     * "(12 more accounts)", "4 of the 9 accounts who have not converted".
     */
    public static String sentence(WindowCheck.Advice advice, String countedBy) {
        String noun = CountingText.noun(countedBy);
        return switch (advice.finding()) {
            case WINDOW_TOO_SHORT -> "The " + Times.window(advice.window()) + " window counts "
                    + Numbers.percent(advice.conversion()) + " as converted; over all the data "
                    + Numbers.percent(advice.conversionOverAllData()) + " convert (" + Numbers.count(advice.moreUsers())
                    + " more " + noun + "s), 90% of them within " + Times.duration((double) advice.suggestedWindow()
                    .getSeconds()) + ". Try a " + Times.window(advice.suggestedWindow()) + " window.";
            case MOSTLY_STILL_IN_WINDOW -> Numbers.count(advice.stillInWindow()) + " of the "
                    + Numbers.count(advice.notConverted()) + " " + noun + "s who have not converted are still within"
                    + " the " + Times.window(advice.window()) + " window when the data ends, so these rates may still"
                    + " rise.";
        };
    }
}
