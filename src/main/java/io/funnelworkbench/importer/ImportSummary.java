package io.funnelworkbench.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The outcome of importing one or more files, as shown after an import and printed by the CLI. */
public record ImportSummary(List<FileImportResult> files, long rowsRead, long rowsImported, long rowsRejected,
                            long duplicatesSkipped, List<Path> rejectsFiles, long users,
                            Map<String, Long> eventsByName, Long firstTimeMicros, Long lastTimeMicros) {
    /**
     * Rows read that are no events (Segment's identify, alias and group calls): with the rows imported, rejected
     * and skipped as duplicates, they account for every row read.
     */
    public long rowsNotEvents() {
        return files.stream().mapToLong(f -> f.explanation().identityCalls() + f.explanation().otherCalls()).sum();
    }
}
