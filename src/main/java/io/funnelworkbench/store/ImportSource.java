package io.funnelworkbench.store;

/** What an import reads: the file and how its columns were mapped (JSON, for the history). */
public record ImportSource(String fileName, String filePath, String contentHash, long fileSize, String mapping) {
}
