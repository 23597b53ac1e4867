package io.funnelworkbench.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes rejected rows with file, line, column and reason; the file is created at the first rejection. */
final class RejectsWriter implements AutoCloseable {
    private final Path target;
    private CSVPrinter printer;
    private long count;

    RejectsWriter(Path target) {
        this.target = target;
    }

    void reject(String file, long line, String column, String reason, Iterable<String> rawValues) {
        try {
            if (printer == null) {
                BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
                printer.printRecord("file", "line", "column", "reason", "row");
            }
            printer.printRecord(file, line, column, reason, String.join(" | ", rawValues));
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejected-rows report " + target, e);
        }
    }

    long count() {
        return count;
    }

    /** The report, or null when nothing was rejected. */
    Path file() {
        return printer == null ? null : target;
    }

    void discard() throws IOException {
        close();
        Files.deleteIfExists(target);
        printer = null;
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close();
        }
    }
}
