package io.funnelworkbench.team;

import io.funnelworkbench.model.ExpectedFailure;

/** The team's Spark cannot be reached, or its events cannot be read as mapped; the message says which and why. */
public final class SparkSourceException extends RuntimeException implements ExpectedFailure {
    private static final long serialVersionUID = 1L;

    public SparkSourceException(String message) {
        super(message);
    }

    public SparkSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
