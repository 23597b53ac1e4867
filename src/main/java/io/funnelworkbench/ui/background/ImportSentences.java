package io.funnelworkbench.ui.background;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.text.Numbers;

/** The status bar's words for an import's typed progress. */
public final class ImportSentences {
    private ImportSentences() {
    }

    /** For example "Importing a.csv · 1,234,567 rows", "Saving events · 20,000 of 50,000 rows". */
    public static String of(ImportProgress step) {
        return switch (step.phase()) {
            case READING -> "Importing " + (step.file() == null ? "" : step.file().getFileName() + " · ")
                    + Numbers.count(Math.max(0, step.rows())) + " rows";
            case SORTING -> "Sorting events by user and time";
            case SAVING -> step.rows() < 0 || step.rowsToSave() < 0 ? "Saving events"
                    : "Saving events · " + Numbers.count(step.rows()) + " of " + Numbers.count(step.rowsToSave())
                    + " rows";
            case UPDATING_PROJECT -> "Updating the project";
        };
    }
}
