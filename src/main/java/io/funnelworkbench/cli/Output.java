package io.funnelworkbench.cli;

import io.funnelworkbench.export.CsvTableWriter;
import io.funnelworkbench.text.Numbers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Tables on standard output as CSV or aligned text; JSON is written by each command. */
final class Output {
    enum Format { JSON, CSV, TABLE }

    private Output() {
    }

    static void table(PrintWriter out, Format format, List<String> header, List<List<?>> rows) {
        if (format == Format.CSV) {
            out.print(CsvTableWriter.toCsv(header, rows));
            out.flush();
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        rows.forEach(row -> cells.add(row.stream().map(Output::text).toList()));
        int[] widths = new int[header.size()];
        for (List<String> row : cells) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                boolean number = c > 0 && isNumber(row.get(c));
                String cell = row.get(c);
                String padded = number ? " ".repeat(widths[c] - cell.length()) + cell
                        : cell + " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(padded);
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.matches("-?[0-9.,%]+");
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return Numbers.decimal(d);
        }
        return value.toString();
    }
}
