package io.funnelworkbench.store;

import java.time.Instant;

/** One completed import of one file, as kept in the project's history. */
public record ImportRecord(int id, String fileName, String filePath, String contentHash, long fileSize,
                           Instant importedAt, long rowsRead, long rowsImported, long rowsRejected,
                           String rejectsFile, Long firstTimeMicros, Long lastTimeMicros, String mapping) {
}
