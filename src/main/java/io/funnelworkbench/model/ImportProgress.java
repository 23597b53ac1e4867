package io.funnelworkbench.model;

import java.nio.file.Path;

/**
 * Where an import stands, as numbers: the phase, the file under way, the rows read from it so far, and how far
 * into it reading is. The screens build their sentences from it; nothing parses text back.
 *
 * @param file       the file under way; null once all files are read
 * @param rows       rows read from {@code file} so far (rows saved while {@link Phase#SAVING}); -1 when unknown
 * @param rowsToSave while {@link Phase#SAVING}, the rows expected in all; -1 otherwise
 * @param bytesRead  bytes of the file consumed so far (the packed bytes of a compressed file); -1 when unknown
 * @param totalBytes the file's size; -1 when unknown
 */
public record ImportProgress(Phase phase, Path file, long rows, long rowsToSave, long bytesRead, long totalBytes) {
    /** The phases of one file's import, in order; {@link #UPDATING_PROJECT} comes once the events are committed. */
    public enum Phase {
        READING("Reading rows"),
        SORTING("Sorting events by user and time"),
        SAVING("Saving events"),
        UPDATING_PROJECT("Updating the project");

        private final String description;

        Phase(String description) {
            this.description = description;
        }

        /** For logs and consoles; the app words its own sentences. */
        public String description() {
            return description;
        }
    }

    public static ImportProgress reading(Path file, long rows, long bytesRead, long totalBytes) {
        return new ImportProgress(Phase.READING, file, rows, -1, bytesRead, totalBytes);
    }

    /** A phase without counts, such as sorting or updating the project. */
    public static ImportProgress of(Phase phase) {
        return new ImportProgress(phase, null, -1, -1, -1, -1);
    }

    public static ImportProgress saving(long rowsSaved, long rowsToSave) {
        return new ImportProgress(Phase.SAVING, null, rowsSaved, Math.max(rowsSaved, rowsToSave), -1, -1);
    }

    /** How far the phase is: the share of the file's bytes read, or of the rows saved; -1 while unknown. */
    public double fraction() {
        if (phase == Phase.READING && bytesRead >= 0 && totalBytes > 0) {
            return Math.min(1, (double) bytesRead / totalBytes);
        }
        if (phase == Phase.SAVING && rows >= 0 && rowsToSave > 0) {
            return Math.min(1, (double) rows / rowsToSave);
        }
        return -1;
    }
}
