package io.funnelworkbench.importer;

import java.nio.file.Path;
import java.util.List;

/** The first rows of a file as the importer reads them, with the mapping it would use. */
public record FilePreview(Path file, TextFormat format, List<String> headers, List<List<String>> rows,
                          ColumnMapping suggestedMapping) {
}
