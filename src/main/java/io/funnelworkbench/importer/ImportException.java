package io.funnelworkbench.importer;

/** A file cannot be imported at all; the message says which file, why, and what to do. */
public class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
