package io.funnelworkbench.importer;

import io.funnelworkbench.model.ExpectedFailure;
import java.nio.file.Path;
import java.util.List;

/**
 * A file cannot be imported at all; the message says which file, why, and what to do. When it was one of
 * several, {@link #importedBefore()} names the files of the same call that were imported before it.
 */
public class ImportException extends RuntimeException implements ExpectedFailure {
    private final List<Path> importedBefore;

    public ImportException(String message) {
        this(message, null, List.of());
    }

    public ImportException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    ImportException(String message, Throwable cause, List<Path> importedBefore) {
        super(message, cause);
        this.importedBefore = List.copyOf(importedBefore);
    }

    /** The files imported before this failure in the same call; they stay in the project. */
    public List<Path> importedBefore() {
        return importedBefore;
    }
}
