package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.json.JsonViews;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Printing shared by the subcommands: JSON (the views themselves are {@link JsonViews}, shared with
 * the server) and plain text tables.
 */
final class Output {

    /** Builds the JSON trees the commands print. */
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Output() {
    }

    static void printJson(PrintWriter out, JsonNode node) {
        out.println(JsonViews.toPrettyJson(node));
        out.flush();
    }

    /** Prints {@code items} as one pretty JSON array, each through {@code view}. */
    static <T> void printJsonArray(PrintWriter out, Iterable<T> items, Function<T, ? extends JsonNode> view) {
        ArrayNode arr = JSON.arrayNode();
        items.forEach(item -> arr.add(view.apply(item)));
        printJson(out, arr);
    }

    /** Three significant digits for tables. */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        int scale = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return new BigDecimal(v).setScale(Math.min(scale, 6), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String range(Range r) {
        return num(r.low()) + "–" + num(r.high());
    }

    static String where(Region r) {
        return r.provider() + "/" + r.id();
    }

    /** A plain text table: left-aligned text, right-aligned numbers. */
    static final class Table {
        private final List<String> headers;
        private final boolean[] numeric;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... headers) {
            this.headers = List.of(headers);
            this.numeric = new boolean[headers.length];
        }

        Table numeric(int... columns) {
            for (int c : columns) {
                numeric[c] = true;
            }
            return this;
        }

        Table row(String... cells) {
            rows.add(cells);
            return this;
        }

        void print(PrintWriter out) {
            int[] width = new int[headers.size()];
            for (int c = 0; c < width.length; c++) {
                width[c] = headers.get(c).length();
                for (String[] row : rows) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
            out.println(line(headers.toArray(String[]::new), width));
            StringBuilder rule = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
            }
            out.println(rule);
            rows.forEach(r -> out.println(line(r, width)));
            out.flush();
        }

        private String line(String[] cells, int[] width) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                if (c > 0) {
                    s.append("  ");
                }
                String pad = " ".repeat(width[c] - cells[c].length());
                s.append(numeric[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
            }
            return s.toString();
        }
    }
}
