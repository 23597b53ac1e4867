package io.funnelworkbench.export;

import io.funnelworkbench.model.SpreadsheetCells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes result tables as CSV that spreadsheets open safely ({@link SpreadsheetCells}). */
public final class CsvTableWriter {
    private CsvTableWriter() {
    }

    public static void write(Path target, List<String> header, List<List<?>> rows) throws IOException {
        // Written beside the target and moved over it, so a failed write never leaves half a file.
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".export-", ".csv");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            printer.printRecord(header.stream().map(CsvTableWriter::cell).toList());
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(CsvTableWriter::cell).toList());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The same table as CSV text, for standard output. */
    public static String toCsv(List<String> header, List<List<?>> rows) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            printer.printRecord(header.stream().map(CsvTableWriter::cell).toList());
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(CsvTableWriter::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static Object cell(Object value) {
        return SpreadsheetCells.safe(value);
    }
}
