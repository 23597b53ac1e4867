package io.funnelworkbench.importer;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;

/**
 * What one file's import did, and how it read the file. {@code rejectsFile} is null when every row was imported.
 */
public record FileImportResult(Path file, int importId, long rowsRead, long rowsImported, long rowsRejected,
                               Path rejectsFile, BitSet users, Map<String, Long> eventsByName, Long firstTimeMicros,
                               Long lastTimeMicros, long duplicatesSkipped,
                               ImportExplanation explanation) {
}
