package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Source;
import ai.carbonbench.core.score.DailyCurve;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JSON and table rendering shared by the subcommands. The JSON field names are a public interface,
 * documented in the README: change them only with a version bump.
 */
final class Output {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    static void printJson(PrintWriter out, JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    static ObjectNode source(Source s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", s.id());
        n.put("publisher", s.publisher());
        n.put("dataset", s.dataset());
        n.put("year", s.year());
        n.put("licence", s.licence());
        if (!s.url().isEmpty()) {
            n.put("url", s.url());
        }
        return n;
    }

    /** An option: one offering's score. */
    static ObjectNode option(Score s) {
        Offering o = s.offering();
        ObjectNode n = JSON.createObjectNode();
        n.put("model", o.model().id());
        n.put("family", o.model().family().id());
        n.put("provider", o.provider().id());
        n.put("region", o.region().id());
        n.put("zone", s.zone());
        n.put("country", o.region().country());
        n.put("intensityGramsPerKwh", round(s.intensityGramsPerKwh().central()));
        n.put("intensityLow", round(s.intensityGramsPerKwh().low()));
        n.put("intensityHigh", round(s.intensityGramsPerKwh().high()));
        n.put("provenance", s.provenance().name());
        n.put("at", s.at().toString());
        n.put("gramsPerMillionTokens", round(s.gramsPerMillionTokens().central()));
        n.put("gramsLow", round(s.gramsPerMillionTokens().low()));
        n.put("gramsHigh", round(s.gramsPerMillionTokens().high()));
        n.put("gramsPerMillionInputTokens", round(s.gramsPerMillionInput().central()));
        n.put("gramsPerMillionOutputTokens", round(s.gramsPerMillionOutput().central()));
        n.put("usdPerMillionTokens", round(s.usdPerMillionTokens()));
        n.put("usdPerMillionInputTokens", o.price().usdPerMillionInput());
        n.put("usdPerMillionOutputTokens", o.price().usdPerMillionOutput());
        if (s.tokensPerSecond().isPresent()) {
            n.put("tokensPerSecond", s.tokensPerSecond().getAsDouble());
        } else {
            n.putNull("tokensPerSecond");
        }
        n.put("energyBasis", o.model().energy().basis().name().toLowerCase(Locale.ROOT));
        n.put("pue", o.provider().pue());
        if (o.crossRegion()) {
            ArrayNode served = n.putArray("servedFrom");
            o.servedFrom().forEach(r -> served.add(r.id()));
        }
        return n;
    }

    static ObjectNode curve(DailyCurve c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("provider", c.region().provider());
        n.put("region", c.region().id());
        n.put("zone", c.zone());
        n.put("flat", c.flat());
        n.put("minimumHourUtc", c.minimum().utcHour());
        n.put("minimumGramsPerKwh", round(c.minimum().gramsPerKwh()));
        n.put("maximumGramsPerKwh", round(c.maximum().gramsPerKwh()));
        n.put("averageGramsPerKwh", round(c.averageGramsPerKwh()));
        ArrayNode points = n.putArray("points");
        for (DailyCurve.Point p : c.points()) {
            ObjectNode pn = points.addObject();
            pn.put("utcHour", p.utcHour());
            pn.put("at", p.at().toString());
            pn.put("gramsPerKwh", round(p.gramsPerKwh()));
            pn.put("provenance", p.provenance().name());
        }
        return n;
    }

    /** Four significant digits: enough for every figure we publish, no float noise. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new java.math.MathContext(4, RoundingMode.HALF_UP)).doubleValue();
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
