package ai.carbonbench.spring.boot;

import ai.carbonbench.core.score.Score;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.LedgerTotals;
import ai.carbonbench.router.RoutingDecision;
import ai.carbonbench.springai.CarbonAwareChatModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code carbonbench} actuator endpoint ({@code GET /actuator/carbonbench} once exposed with
 * {@code management.endpoints.web.exposure.include=carbonbench}): the ledger's totals, overall and by model,
 * provider and region, and the routed chat model's current ranking.
 *
 * <p>Field names (a public interface): {@code ledger} {calls, inputTokens, outputTokens, grams, gramsLow,
 * gramsHigh, baselineGrams, savedGrams, method, boundary}, {@code byModel}/{@code byProvider}/{@code byRegion}
 * (name → the same totals), {@code ranking} {at, reason, baseline, options [{rank, offering, zone,
 * intensityGramsPerKwh, provenance, gramsPerMillionTokens, usdPerMillionTokens}]} (absent without a routed model,
 * {@code unavailable} with the reason when no candidate is usable).
 */
@Endpoint(id = "carbonbench")
public final class CarbonBenchEndpoint {

    private final EmissionsLedger ledger;
    private final Optional<CarbonAwareChatModel> model;
    private final String boundary;

    CarbonBenchEndpoint(EmissionsLedger ledger, Optional<CarbonAwareChatModel> model, String boundary) {
        this.ledger = ledger;
        this.model = model;
        this.boundary = boundary;
    }

    @ReadOperation
    public Map<String, Object> carbonbench() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> total = totals(ledger.total());
        total.put("method", EmissionsLedger.METHOD);
        total.put("boundary", boundary);
        out.put("ledger", total);
        out.put("byModel", byName(ledger.byModel()));
        out.put("byProvider", byName(ledger.byProvider()));
        out.put("byRegion", byName(ledger.byRegion()));
        model.ifPresent(m -> out.put("ranking", ranking(m)));
        return out;
    }

    private static Map<String, Object> ranking(CarbonAwareChatModel m) {
        Map<String, Object> r = new LinkedHashMap<>();
        RoutingDecision d;
        try {
            d = m.routingDecision();
        } catch (RuntimeException e) {
            r.put("unavailable", e.getMessage());
            return r;
        }
        r.put("at", d.at().toString());
        r.put("reason", d.reason());
        r.put("baseline", d.baseline().key().toString());
        List<Map<String, Object>> options = new ArrayList<>();
        options.add(option(1, d.chosen()));
        for (int i = 0; i < d.fallbacks().size(); i++) {
            options.add(option(i + 2, d.fallbacks().get(i)));
        }
        r.put("options", options);
        return r;
    }

    private static Map<String, Object> option(int rank, RoutingDecision.Option o) {
        Score s = o.score();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", rank);
        m.put("offering", o.key().toString());
        m.put("zone", s.zone());
        m.put("intensityGramsPerKwh", s.intensityGramsPerKwh().central());
        m.put("provenance", s.provenance().name().toLowerCase(Locale.ROOT));
        m.put("gramsPerMillionTokens", s.gramsPerMillionTokens().central());
        m.put("usdPerMillionTokens", s.usdPerMillionTokens());
        return m;
    }

    private static Map<String, Object> byName(Map<String, LedgerTotals> totals) {
        Map<String, Object> out = new LinkedHashMap<>();
        totals.forEach((k, v) -> out.put(k, totals(v)));
        return out;
    }

    private static Map<String, Object> totals(LedgerTotals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", t.calls());
        m.put("inputTokens", t.inputTokens());
        m.put("outputTokens", t.outputTokens());
        m.put("grams", t.grams().central());
        m.put("gramsLow", t.grams().low());
        m.put("gramsHigh", t.grams().high());
        m.put("baselineGrams", t.baselineGrams());
        m.put("savedGrams", t.savedGrams());
        return m;
    }
}
