package io.funnelworkbench.store;

/**
 * What an import reads: the file and how its columns were mapped (JSON, for the history). The content hash
 * may be empty when the import computes it while reading; the committed record then holds it.
 */
public record ImportSource(String fileName, String filePath, String contentHash, long fileSize, String mapping) {
}
