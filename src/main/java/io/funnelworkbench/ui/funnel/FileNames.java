package io.funnelworkbench.ui.funnel;

/** Suggested file names from funnel and step names. */
final class FileNames {
    private FileNames() {
    }

    /** Keeps letters, digits, spaces and dashes, so any name can be offered in a save dialog. */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^\\p{L}\\p{N} _-]+", " ").strip().replaceAll("\\s+", " ");
        return cleaned.isEmpty() ? "funnel" : cleaned;
    }
}
