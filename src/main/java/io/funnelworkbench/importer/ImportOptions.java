package io.funnelworkbench.importer;

import io.funnelworkbench.store.RepeatedRows;
import java.nio.file.Path;

/**
 * How files are imported beyond their column mapping: what to do with rows the project already has, the
 * delimiter when it should not be detected, and where the rejected-rows report goes (null: beside the project).
 */
public record ImportOptions(RepeatedRows repeats, Character delimiter, Path rejectsReport) {
    public static final ImportOptions DEFAULT = new ImportOptions(RepeatedRows.REFUSE, null, null);

    public static ImportOptions repeats(RepeatedRows repeats) {
        return new ImportOptions(repeats, null, null);
    }
}
