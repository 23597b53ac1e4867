package io.funnelworkbench.model;

/**
 * Cells of the CSV files the app writes, made safe for spreadsheets: a text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe. Numbers pass unchanged.
 */
public final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    public static Object safe(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value;
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
