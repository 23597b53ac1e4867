package io.funnelworkbench.model;

import java.util.regex.Pattern;

/**
 * Cells of the CSV files the app writes, made safe for spreadsheets: a text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe. Numbers pass unchanged,
 * and so does a text that is only a negative number ("-3", "-0.25"): it runs nothing, and an apostrophe would
 * turn it into text.
 */
public final class SpreadsheetCells {
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-(\\d+(\\.\\d+)?|\\.\\d+)");

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
        return runsAsFormula(text) ? "'" + text : text;
    }

    private static boolean runsAsFormula(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !NEGATIVE_NUMBER.matcher(text).matches();
    }
}
