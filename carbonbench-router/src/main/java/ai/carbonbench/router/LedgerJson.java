package ai.carbonbench.router;

import ai.carbonbench.core.json.JsonViews;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON view of an {@link EmissionsLedger} export, declared as records that Jackson writes through
 * {@link JsonViews#toJson(Object)}: the field names are the record components, in order, pinned by
 * {@code EmissionsLedgerTest}. Grams are exact decimals (micrograms, six places). Stateless.
 */
final class LedgerJson {

    static final String NOTE = "Location-based: grid-average intensity of the zone serving each call; grams are "
            + "rounded to the microgram per call and summed exactly.";

    private LedgerJson() {
    }

    record Export(String method, String unit, String note, Totals total, Map<String, Totals> byModel,
            Map<String, Totals> byProvider, Map<String, Totals> byRegion, Map<String, Totals> byDay, List<Call> calls,
            long droppedCalls) {
    }

    record Totals(long calls, long inputTokens, long outputTokens, BigDecimal gramsLow, BigDecimal gramsCentral,
            BigDecimal gramsHigh, BigDecimal baselineGrams, BigDecimal savedGrams) {

        static Totals of(LedgerTotals t) {
            return new Totals(t.calls(), t.inputTokens(), t.outputTokens(), grams(t.microgramsLow()),
                    grams(t.microgramsCentral()), grams(t.microgramsHigh()), grams(t.baselineMicrograms()),
                    grams(t.baselineMicrograms() - t.microgramsCentral()));
        }
    }

    record Call(String at, String endpoint, String zone, long inputTokens, long outputTokens, BigDecimal gramsLow,
            BigDecimal gramsCentral, BigDecimal gramsHigh, String provenance, String baseline, BigDecimal baselineGrams) {

        static Call of(CallRecord c) {
            return new Call(c.at().toString(), c.endpoint().toString(), c.zone(), c.inputTokens(), c.outputTokens(),
                    grams(c.microgramsLow()), grams(c.microgramsCentral()), grams(c.microgramsHigh()),
                    c.provenance().name(), c.baseline().toString(), grams(c.baselineMicrograms()));
        }
    }

    static String toJson(EmissionsLedger ledger) {
        Map<String, Totals> days = new LinkedHashMap<>();
        ledger.byDay().forEach((d, t) -> days.put(d.toString(), Totals.of(t)));
        return JsonViews.toJson(new Export(EmissionsLedger.METHOD, "gCO2e", NOTE, Totals.of(ledger.total()),
                totals(ledger.byModel()), totals(ledger.byProvider()), totals(ledger.byRegion()), days,
                ledger.calls().stream().map(Call::of).toList(), ledger.droppedCalls()));
    }

    private static Map<String, Totals> totals(Map<String, LedgerTotals> byKey) {
        Map<String, Totals> out = new LinkedHashMap<>();
        byKey.forEach((k, t) -> out.put(k, Totals.of(t)));
        return out;
    }

    /** Exact decimal grams from micrograms, six decimals kept ({@code 0.028000}). */
    static BigDecimal grams(long micrograms) {
        return BigDecimal.valueOf(micrograms, 6);
    }
}
