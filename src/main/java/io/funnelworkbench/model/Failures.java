package io.funnelworkbench.model;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Tells a user's mistake from a defect, the one rule for the app and the command line alike: bad input is said in
 * its own words; anything else is a bug, logged with its stack trace and said as such.
 */
public final class Failures {
    private Failures() {
    }

    /** The user (or someone on their behalf) asked to stop; neither a mistake nor a defect. */
    public static boolean isCancellation(Throwable failure) {
        return failure instanceof Progress.CancelledException;
    }

    /**
     * Thrown on purpose for something the user can fix: an {@link ExpectedFailure} (a file, a project, repeated
     * rows), an {@link IllegalArgumentException} carrying a sentence, or a file that cannot be read or written.
     */
    public static boolean isBadInput(Throwable failure) {
        return failure instanceof ExpectedFailure
                || failure instanceof IllegalArgumentException && failure.getMessage() != null
                || failure instanceof UncheckedIOException
                || failure instanceof IOException;
    }

    /** What bad input tells the user: its own message as thrown, or the readable part of its cause's. */
    public static String badInputSentence(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : PlainMessages.of(failure);
    }

    /** Neither bad input nor a cancellation: a defect. */
    public static boolean isDefect(Throwable failure) {
        return !isCancellation(failure) && !isBadInput(failure);
    }
}
