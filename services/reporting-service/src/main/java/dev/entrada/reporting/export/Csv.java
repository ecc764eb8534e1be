package dev.entrada.reporting.export;

import java.util.List;

/**
 * RFC 4180 CSV that spreadsheets open safely: every cell quoted, and a cell that a spreadsheet would
 * run as a formula (starting with = + - @, tab or carriage return) prefixed with an apostrophe.
 */
final class Csv {
    /** Lets Excel read the file as UTF-8 (names with accents). */
    static final String BOM = "\uFEFF";

    private final StringBuilder out = new StringBuilder(BOM);

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
