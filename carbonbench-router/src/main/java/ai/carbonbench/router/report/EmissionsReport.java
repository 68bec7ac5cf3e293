package ai.carbonbench.router.report;

import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.LedgerTotals;
import ai.carbonbench.router.budget.BudgetPeriod;
import ai.carbonbench.core.json.JsonViews;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Emissions per budget key and period, for disclosure: calls, tokens, grams of CO2e (central, low, high), the
 * accounting boundary, the method (location-based, with the provenance mix of the intensities used), the
 * baseline and the savings. Exported as CSV ({@link #toCsv()}) and JSON ({@link #toJson()}); the field names are
 * public and pinned by a test. {@code docs/reporting.md} maps them to scope-3 and ESRS E1 data points.
 *
 * <p>Feed it from a {@code BudgetedRouter} ({@code withReport}) or call {@link #record(String, CallRecord)} with
 * the ledger's record of each call. Rows are the {@link BudgetPeriod}'s buckets: calendar months, fixed windows,
 * or hours for a rolling period.
 *
 * <p>Thread-safe: each row is updated under its own lock; every sum is an exact integer sum of the ledger's
 * per-call micrograms.
 */
public final class EmissionsReport {

    /** The accounting method of every figure: the ledger's ({@link EmissionsLedger#METHOD}). */
    public static final String METHOD = EmissionsLedger.METHOD;

    private final BudgetPeriod period;
    private final Boundary boundary;
    private final Map<RowKey, Acc> rows = new ConcurrentHashMap<>();

    private EmissionsReport(BudgetPeriod period, Boundary boundary) {
        this.period = period;
        this.boundary = boundary;
    }

    /**
     * A report with one row per key and {@code period} bucket, stating {@code boundary}: the accounting boundary
     * of the CarbonBench that scores the calls ({@code CarbonBench#boundary()}), written as its
     * {@link Boundary#id()} ({@code gpu}, {@code server}, {@code lifecycle}) like every other view.
     */
    public static EmissionsReport create(BudgetPeriod period, Boundary boundary) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(boundary, "boundary");
        return new EmissionsReport(period, boundary);
    }

    /**
     * Counts one call, as the ledger recorded it, under {@code key}.
     *
     * @throws IllegalArgumentException if the call was scored at another boundary than this report's (its grams
     *                                  would not add up with the others)
     */
    public void record(String key, CallRecord r) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(r, "record");
        if (r.boundary() != boundary) {
            throw new IllegalArgumentException("the report counts " + boundary.id() + " grams; a call scored at the "
                    + r.boundary().id() + " boundary cannot be added to it");
        }
        Instant start = period.bucket(r.at());
        Acc a = rows.computeIfAbsent(new RowKey(key, start), k -> new Acc(period.resetAt(start)));
        synchronized (a) {
            a.totals = a.totals.plus(r);
            a.callsBy.merge(r.provenance(), 1L, Long::sum);
            a.microgramsBy.merge(r.provenance(), r.microgramsCentral(), Long::sum);
        }
    }

    public BudgetPeriod period() {
        return period;
    }

    /** The accounting boundary of every figure. */
    public Boundary boundary() {
        return boundary;
    }

    /** The rows, by key then period start. */
    public List<ReportRow> rows() {
        List<ReportRow> out = new ArrayList<>(rows.size());
        rows.forEach((k, a) -> {
            synchronized (a) {
                LedgerTotals t = a.totals;
                out.add(new ReportRow(k.key, k.start, a.end, t.calls(), t.inputTokens(), t.outputTokens(),
                        t.microgramsLow(), t.microgramsCentral(), t.microgramsHigh(), t.baselineMicrograms(),
                        a.callsBy, a.microgramsBy));
            }
        });
        out.sort(Comparator.comparing(ReportRow::key).thenComparing(ReportRow::periodStart));
        return out;
    }

    /** The rows of one key. */
    public List<ReportRow> rows(String key) {
        return rows().stream().filter(r -> r.key().equals(key)).toList();
    }

    /**
     * CSV (RFC 4180, header row, CRLF): {@code key, period_start, period_end, calls, input_tokens, output_tokens,
     * grams_co2e_low, grams_co2e_central, grams_co2e_high, baseline_grams_co2e, saved_grams_co2e, boundary, method,
     * provenance_mix}; grams to the microgram; the provenance mix as {@code LIVE:12;DEFAULT:3} (calls).
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("key,period_start,period_end,calls,input_tokens,output_tokens,"
                + "grams_co2e_low,grams_co2e_central,grams_co2e_high,baseline_grams_co2e,saved_grams_co2e,boundary,"
                + "method,provenance_mix\r\n");
        for (ReportRow r : rows()) {
            StringBuilder mix = new StringBuilder();
            new EnumMap<>(r.callsByProvenance()).forEach((p, n) -> mix.append(mix.length() > 0 ? ";" : "")
                    .append(p.name()).append(':').append(n));
            sb.append(csv(r.key())).append(',').append(r.periodStart()).append(',').append(r.periodEnd()).append(',')
                    .append(r.calls()).append(',').append(r.inputTokens()).append(',').append(r.outputTokens())
                    .append(',').append(grams(r.microgramsLow())).append(',').append(grams(r.microgramsCentral()))
                    .append(',').append(grams(r.microgramsHigh())).append(',').append(grams(r.baselineMicrograms()))
                    .append(',').append(grams(r.savedMicrograms())).append(',').append(boundary.id()).append(',')
                    .append(METHOD).append(',').append(mix).append("\r\n");
        }
        return sb.toString();
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * JSON: {@code method}, {@code unit}, {@code boundary}, {@code period}, {@code rows} (each with {@code key},
     * {@code periodStart}, {@code periodEnd}, {@code calls}, {@code inputTokens}, {@code outputTokens},
     * {@code gramsLow}, {@code gramsCentral}, {@code gramsHigh}, {@code baselineGrams}, {@code savedGrams} and
     * {@code provenanceMix}: per provenance, {@code calls} and {@code gramsCentral}), grams as exact decimals; the
     * grams fields are named as in the ledger's export ({@code EmissionsLedger#toJson}).
     */
    public String toJson() {
        ObjectNode root = JsonViews.object();
        root.put("method", METHOD);
        root.put("unit", "gCO2e");
        root.put("boundary", boundary.id());
        root.put("period", period.toString());
        root.put("note", "Location-based: the grid-average intensity of the zone serving each call. Grams are "
                + "rounded to the microgram per call and summed exactly.");
        ArrayNode arr = root.putArray("rows");
        for (ReportRow r : rows()) {
            ObjectNode n = arr.addObject();
            n.put("key", r.key());
            n.put("periodStart", r.periodStart().toString());
            n.put("periodEnd", r.periodEnd().toString());
            n.put("calls", r.calls());
            n.put("inputTokens", r.inputTokens());
            n.put("outputTokens", r.outputTokens());
            n.put("gramsLow", BigDecimal.valueOf(r.microgramsLow(), 6));
            n.put("gramsCentral", BigDecimal.valueOf(r.microgramsCentral(), 6));
            n.put("gramsHigh", BigDecimal.valueOf(r.microgramsHigh(), 6));
            n.put("baselineGrams", BigDecimal.valueOf(r.baselineMicrograms(), 6));
            n.put("savedGrams", BigDecimal.valueOf(r.savedMicrograms(), 6));
            ObjectNode mix = n.putObject("provenanceMix");
            new EnumMap<>(r.callsByProvenance()).forEach((p, c) -> mix.putObject(p.name()).put("calls", c)
                    .put("gramsCentral", BigDecimal.valueOf(r.microgramsByProvenance().getOrDefault(p, 0L), 6)));
        }
        return JsonViews.toJson(root);
    }

    private static String grams(long micrograms) {
        return BigDecimal.valueOf(micrograms, 6).toPlainString();
    }

    @Override
    public String toString() {
        return "EmissionsReport[" + period + ", " + boundary.id() + ", " + rows.size() + " rows]";
    }

    private record RowKey(String key, Instant start) {
    }

    /** Running sums of one row; guarded by itself. */
    private static final class Acc {
        final Instant end;
        LedgerTotals totals = LedgerTotals.EMPTY;
        final Map<Provenance, Long> callsBy = new EnumMap<>(Provenance.class);
        final Map<Provenance, Long> microgramsBy = new EnumMap<>(Provenance.class);

        Acc(Instant end) {
            this.end = end;
        }
    }
}
