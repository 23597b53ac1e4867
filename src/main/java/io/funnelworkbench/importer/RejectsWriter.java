package io.funnelworkbench.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.funnelworkbench.model.SpreadsheetCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes rejected rows with file, line, column and reason, safe to open in a spreadsheet; the file is created
 * at the first rejection, which is also kept to explain a file none of whose rows could be read.
 */
final class RejectsWriter implements AutoCloseable {
    private final Path target;
    private CSVPrinter printer;
    private long count;
    private String firstRejection;

    RejectsWriter(Path target) {
        this.target = target;
    }

    void reject(String file, long line, String column, String reason, String rowText) {
        try {
            if (printer == null) {
                BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
                printer.printRecord("file", "line", "column", "reason", "row");
            }
            printer.printRecord(SpreadsheetCells.safe(file), line, SpreadsheetCells.safe(column),
                    SpreadsheetCells.safe(reason), SpreadsheetCells.safe(rowText));
            if (count++ == 0) {
                firstRejection = "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejected-rows report " + target, e);
        }
    }

    long count() {
        return count;
    }

    /** Where and why the first row was rejected, e.g. {@code line 2, column time: ...}; null before any. */
    String firstRejection() {
        return firstRejection;
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
