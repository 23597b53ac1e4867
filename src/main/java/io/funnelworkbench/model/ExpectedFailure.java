package io.funnelworkbench.model;

/**
 * Marks an exception the code throws on purpose for a user's mistake or a file's problem: its message is a
 * sentence for the user, and it is not a defect (no stack trace for the user, exit code 1 on the command line).
 */
public interface ExpectedFailure {
}
