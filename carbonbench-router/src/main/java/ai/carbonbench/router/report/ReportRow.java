package ai.carbonbench.router.report;

import ai.carbonbench.core.grid.Provenance;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row of an {@link EmissionsReport}: the calls charged to one key in one period. Grams are whole
 * micrograms of CO2e, summed exactly from the ledger's per-call records.
 *
 * @param key                     the budget key (tenant, team, feature, …)
 * @param periodStart             the period's start (inclusive)
 * @param periodEnd               its end (exclusive)
 * @param calls                   successful calls
 * @param inputTokens             prompt tokens
 * @param outputTokens            generated tokens
 * @param microgramsLow           low end of the estimate
 * @param microgramsCentral       central estimate
 * @param microgramsHigh          high end of the estimate
 * @param baselineMicrograms      central estimate had every call gone to its router's baseline endpoint
 * @param callsByProvenance       calls by the provenance of the intensity used (the provenance mix)
 * @param microgramsByProvenance  central micrograms by the same provenance
 */
public record ReportRow(String key, Instant periodStart, Instant periodEnd, long calls, long inputTokens,
        long outputTokens, long microgramsLow, long microgramsCentral, long microgramsHigh, long baselineMicrograms,
        Map<Provenance, Long> callsByProvenance, Map<Provenance, Long> microgramsByProvenance) {

    public ReportRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        callsByProvenance = Map.copyOf(callsByProvenance);
        microgramsByProvenance = Map.copyOf(microgramsByProvenance);
    }

    /** Central micrograms saved against the baseline; negative when routing emitted more. */
    public long savedMicrograms() {
        return baselineMicrograms - microgramsCentral;
    }
}
