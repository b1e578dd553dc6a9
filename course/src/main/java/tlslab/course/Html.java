package tlslab.course;

import java.util.List;

/**
 * Plain HTML that shows the same in live JupyterLab, untrusted notebooks, nbconvert and GitHub:
 * no CSS, no scripts, hex marked with {@code <code>} rather than styles.
 */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table; cells whose column index is in {@code codeColumns} are wrapped in {@code <code>}. */
    public static String table(List<String> headers, List<List<String>> rows, int... codeColumns) {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        for (String h : headers) sb.append("<th>").append(escape(h)).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean code = false;
                for (int c : codeColumns) code |= c == i;
                String cell = escape(row.get(i));
                sb.append("<td>").append(code && !cell.isEmpty() ? "<code>" + cell + "</code>" : cell).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    /**
     * A fixed-width text rendering of the same table (the text/plain fallback, which GitHub and plain
     * viewers show). Columns are at most 60 characters wide; a longer cell wraps onto more lines
     * rather than being cut, so an error message is always there in full.
     */
    public static String text(List<String> headers, List<List<String>> rows) {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) w[i] = headers.get(i).length();
        for (List<String> r : rows) {
            for (int i = 0; i < w.length && i < r.size(); i++) w[i] = Math.min(60, Math.max(w[i], r.get(i).length()));
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, w);
        for (List<String> r : rows) line(sb, r, w);
        return sb.toString();
    }

    /** One row, over as many lines as its longest cell needs at the column widths. */
    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        int lines = 1;
        for (int i = 0; i < w.length && i < cells.size(); i++) lines = Math.max(lines, (cells.get(i).length() + w[i] - 1) / Math.max(1, w[i]));
        for (int l = 0; l < lines; l++) {
            for (int i = 0; i < w.length; i++) {
                String c = i < cells.size() ? cells.get(i) : "";
                int from = Math.min(c.length(), l * w[i]);
                String part = c.substring(from, Math.min(c.length(), from + w[i]));
                sb.append(String.format("%-" + Math.max(1, w[i]) + "s", part)).append(i + 1 < w.length ? "  " : "\n");
            }
        }
    }
}
