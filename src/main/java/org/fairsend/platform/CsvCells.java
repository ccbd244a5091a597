package org.fairsend.platform;

/**
 * CSV cells a spreadsheet opens safely (RFC 4180, CRLF rows): a text cell starting with {@code = + - @}, a tab or a
 * carriage return gets a leading {@code '} so a spreadsheet never runs it as a formula (a plain number such as
 * {@code -12.5} stays a number); a cell holding a comma, a quote or a line break is quoted. Every CSV export of the
 * platform writes its cells through here (billing statements, campaign results, the penalties ledger, import rejections).
 */
public final class CsvCells {

    private CsvCells() {}

    /** One CSV cell: formula-safe, then quoted when it holds a comma, a quote or a line break. */
    public static String cell(String v) {
        if (v == null || v.isEmpty()) return "";
        String safe = formulaSafe(v);
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) return safe;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    /**
     * The text with a leading {@code '} when a spreadsheet would read it as a formula ({@code = + - @}, a tab or a
     * carriage return first), unless it is a plain number; for a writer that quotes every cell itself.
     */
    public static String formulaSafe(String v) {
        if (v == null || v.isEmpty()) return v;
        char c = v.charAt(0);
        boolean formula = (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !v.matches("-?\\d+(\\.\\d+)?");
        return formula ? "'" + v : v;
    }

    /** One row of cells (each through {@link #cell}), ended by CRLF. */
    public static void row(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells[i] == null ? null : cells[i].toString()));
        }
        out.append("\r\n");
    }
}
