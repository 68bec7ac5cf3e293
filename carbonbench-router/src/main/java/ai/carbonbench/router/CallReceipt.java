package ai.carbonbench.router;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.Range;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one routed model call emitted, where it ran and what it saved: the framework-neutral receipt that the
 * chat-model adapters (LangChain4j, Spring AI) attach to each response. Built by {@link ModelRouting}.
 *
 * <p>The figures are the ones recorded in the {@link EmissionsLedger} for this call, to the microgram. The
 * energy is derived from them ({@link #energyWattHours()}), at the catalog's accounting boundary.
 * Immutable and thread-safe.
 *
 * @param endpoint             the candidate that answered (canonical catalog ids)
 * @param failedOver           the candidates tried before it that failed with a retriable error, in order
 * @param inputTokens          prompt tokens the provider reported (0 when it reported none)
 * @param outputTokens         generated tokens the provider reported (0 when it reported none)
 * @param tokenUsageReported   whether the response carried token usage at all; when false, the grams are 0
 *                             because the tokens are unknown, not because the call was free
 * @param grams                grams of CO2e, central estimate with its low–high range
 * @param intensityGramsPerKwh grid intensity used, gCO2e/kWh, with its range
 * @param zone                 the grid zone of the endpoint's region
 * @param provenance           where the intensity came from ({@code DEFAULT} for the embedded data, {@code LIVE}, …)
 * @param at                   when the call completed
 * @param baseline             the first candidate declared: what the application would have called without
 *                             CarbonBench
 * @param baselineGrams        central grams the same tokens would have emitted on the baseline
 * @param boundary             what the grams count: accelerator only, the whole server (default), or with
 *                             embodied hardware emissions
 */
public record CallReceipt(OfferingKey endpoint, List<OfferingKey> failedOver, long inputTokens, long outputTokens,
        boolean tokenUsageReported, Range grams, Range intensityGramsPerKwh, String zone, Provenance provenance,
        Instant at, OfferingKey baseline, double baselineGrams, Boundary boundary) {

    public CallReceipt {
        Checks.nonNull("endpoint, grams, intensityGramsPerKwh, zone, provenance, at, baseline, boundary",
                endpoint, grams, intensityGramsPerKwh, zone, provenance, at, baseline, boundary);
        failedOver = List.copyOf(failedOver);
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were " + inputTokens + " and " + outputTokens);
        }
        Checks.nonNegative("baselineGrams", baselineGrams);
    }

    /**
     * The receipt of a call the ledger recorded as {@code record}, at the grid intensity {@code intensity}
     * that was used for it.
     */
    public static CallReceipt of(CallRecord record, Range intensityGramsPerKwh, List<OfferingKey> failedOver,
            boolean tokenUsageReported) {
        Objects.requireNonNull(record, "record");
        return new CallReceipt(record.endpoint(), failedOver, record.inputTokens(), record.outputTokens(),
                tokenUsageReported, record.grams(), intensityGramsPerKwh, record.zone(), record.provenance(),
                record.at(), record.baseline(), record.baselineGrams(), record.boundary());
    }

    /** Central grams saved against the baseline; negative when the call emitted more than the baseline would have. */
    public double savedGrams() {
        return baselineGrams - grams.central();
    }

    /** {@link #savedGrams()} as a fraction of the baseline's grams; 0 when the baseline emits nothing. */
    public double savedFraction() {
        return baselineGrams == 0 ? 0 : savedGrams() / baselineGrams;
    }

    /**
     * Central energy of the call in watt-hours, at the receipt's {@link #boundary()} (data-centre overhead
     * included; at {@code LIFECYCLE} the embodied grams count as if they were energy): grams ÷ intensity. 0 when
     * the intensity is 0.
     */
    public double energyWattHours() {
        double intensity = intensityGramsPerKwh.central();
        return intensity <= 0 ? 0 : grams.central() / intensity * 1000.0;
    }

    /** A one-line summary, e.g. {@code 0.000123 g CO2e (0.0000615–0.000246) on fireworks/us/llama-3.3-70b …}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%.6g g CO2e (%.3g–%.3g, %s boundary) on %s, %d in / %d out tokens%s, %.4g gCO2e/kWh in %s (%s); "
                        + "%.3g g saved vs %s%s",
                grams.central(), grams.low(), grams.high(), boundary.id(), endpoint, inputTokens, outputTokens,
                tokenUsageReported ? "" : " (no usage reported)", intensityGramsPerKwh.central(), zone, provenance,
                savedGrams(), baseline, failedOver.isEmpty() ? "" : "; failed over from " + failedOver);
    }
}
