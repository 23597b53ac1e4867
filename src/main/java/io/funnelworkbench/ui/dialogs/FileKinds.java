package io.funnelworkbench.ui.dialogs;

import io.funnelworkbench.ui.dialogs.FileRequest.Filter;

/** The kinds of file the app reads and writes, each with the folder it remembers and its type filters. */
public final class FileKinds {
    public static final Filter PROJECT = Filter.of("Funnel Workbench project", "*.mv.db");
    public static final Filter EVENT_EXPORT = Filter.of("Event exports (CSV, TSV, TXT, JSON lines, gzip, zip)",
            "*.csv", "*.tsv", "*.txt", "*.json", "*.jsonl", "*.ndjson", "*.gz", "*.zip");
    public static final Filter ALL_FILES = Filter.of("All files", "*.*");
    public static final Filter CSV = Filter.of("CSV", "*.csv");
    public static final Filter PNG = Filter.of("PNG image", "*.png");

    private FileKinds() {
    }

    public static FileRequest project(String title, String initialName) {
        // Without the suffix, so the whole name is preselected and typing replaces it (ProjectPaths adds .mv.db).
        return FileRequest.of("project", title, initialName, PROJECT);
    }

    public static FileRequest eventExports(String title) {
        return FileRequest.of("events", title, null, EVENT_EXPORT, ALL_FILES);
    }

    public static FileRequest csvTable(String title, String initialName) {
        return FileRequest.of("table", title, initialName, CSV);
    }

    public static FileRequest pngImage(String title, String initialName) {
        return FileRequest.of("image", title, initialName, PNG);
    }
}
