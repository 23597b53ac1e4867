package io.funnelworkbench.ui.background;

import io.funnelworkbench.model.Failures;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What the app does with a failed piece of background work: a cancellation is nobody's fault and says nothing;
 * bad input is said in its own words; anything else is a defect, logged with its stack trace and shown on the
 * {@link ErrorDisplay} as a sentence that names the work, the kind of failure and where the details are.
 */
public final class FailureReport {
    /** A child of the app's logger, whose handler writes the log file (FunnelWorkbenchApp). */
    static final String LOGGER = "io.funnelworkbench.background";
    private static final Logger LOG = System.getLogger(LOGGER);
    private static volatile String logLocation = "the console";

    private FailureReport() {
    }

    /** Where the log is written, for the sentences; the app sets it once its log file is open. */
    public static void logLocation(String where) {
        logLocation = where;
    }

    /**
     * The sentence for the user about {@code failure} of the work described by {@code doing} ("computing the
     * funnel"). A defect is first logged with its stack trace and shown on {@code display}.
     */
    public static String handle(String doing, Throwable failure, ErrorDisplay display) {
        if (Failures.isCancellation(failure)) {
            return "Cancelled.";
        }
        if (Failures.isBadInput(failure)) {
            return Failures.badInputSentence(failure);
        }
        LOG.log(Level.ERROR, "Failed while " + doing, failure);
        String sentence = defectSentence(doing, failure);
        display.show(sentence, failure);
        return sentence;
    }

    /** The sentence {@link #handle} gives, without logging or showing anything: for a second place that says it. */
    public static String sentence(String doing, Throwable failure) {
        if (Failures.isCancellation(failure)) {
            return "Cancelled.";
        }
        return Failures.isBadInput(failure) ? Failures.badInputSentence(failure) : defectSentence(doing, failure);
    }

    static String defectSentence(String doing, Throwable failure) {
        return "Something went wrong while " + doing + " (" + failure.getClass().getSimpleName()
                + "). The details are in the log: " + logLocation + ".";
    }
}
