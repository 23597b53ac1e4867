package io.funnelworkbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Room on the disk that holds a project. An import rewrites every stored event with the new ones (see
 * docs/ARCHITECTURE.md, "Storage"), so it needs about the project's size again plus its new events; a write
 * the disk refuses fails the import with one sentence instead of a database error.
 */
public final class DiskSpace {
    /** Stored bytes per event, chunks and dictionaries together, with the storage's own overhead (measured ~9). */
    static final long BYTES_PER_EVENT = 12;
    private static final long MARGIN = 1 << 20;
    private static final double MB = 1_000_000.0;

    private DiskSpace() {
    }

    /** About the bytes an import of {@code newEvents} events into the project at {@code projectFile} needs. */
    public static long neededForImport(Path projectFile, long newEvents) {
        long stored;
        try {
            stored = Files.size(projectFile);
        } catch (IOException e) {
            stored = 0;
        }
        return stored + newEvents * BYTES_PER_EVENT + MARGIN;
    }

    /** Bytes this process may still write on the disk holding {@code projectFile}, or -1 when it cannot tell. */
    public static long usable(Path projectFile) {
        try {
            return Files.getFileStore(projectFile.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** True when {@code failure} or a cause of it is the disk (or a size limit, or a quota) refusing a write. */
    public static boolean isRefusedWrite(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("file too large")
                    || message.contains("quota exceeded") || message.contains("not enough space")
                    || message.contains("writing to") && message.contains("failed")) {
                return true;
            }
        }
        return false;
    }

    /** The sentence for an import the disk does not have room for, up front or when a write was refused. */
    public static String fullDiskSentence(Path projectFile, String importedFile, long needed, boolean refused) {
        long usable = usable(projectFile);
        String room = usable < 0 ? "" : String.format(Locale.ROOT, " and %.0f MB are free", usable / MB);
        return String.format(Locale.ROOT, "%s %s: importing %s needs about %.0f MB%s. Free some space or move the"
                + " project to a disk with more room. Nothing was imported; the project is as it was.",
                "The disk holding " + projectFile.getFileName(),
                refused ? "refused to store more (it is full, or a size limit was reached)" : "has too little room",
                importedFile, Math.max(needed, 1) / MB, room);
    }
}
