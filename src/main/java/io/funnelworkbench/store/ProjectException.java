package io.funnelworkbench.store;

import io.funnelworkbench.model.ExpectedFailure;

/** A project cannot be created or opened; the message is meant for the user as it stands. */
public class ProjectException extends RuntimeException implements ExpectedFailure {
    public enum Reason { NOT_FOUND, ALREADY_EXISTS, IN_USE, NOT_A_PROJECT, CHANGED_OUTSIDE, TOO_NEW, STORAGE }

    private final Reason reason;

    public ProjectException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ProjectException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
