package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.grid.Provenance;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The carbon, price and speed of one offering at one time: a row of the leaderboard, an option of a
 * recommendation.
 *
 * <p>{@code gCO2e per million tokens = Wh per 1k tokens × gCO2e per kWh × PUE}, at the accounting
 * {@link Boundary} the score states (server factor and embodied emissions added as it says). The range combines the
 * energy range of the model with the intensity range of the region (its alternative zones, or every
 * region a cross-region offering may run in).
 *
 * @param offering                the offering scored
 * @param zone                    the grid zone of the region the call is made in
 * @param intensityGramsPerKwh    grid intensity used, with its range over the zones the call may run in
 * @param provenance              how the intensity was obtained; the least trustworthy of the values used
 * @param at                      the time the intensity applies to
 * @param gramsPerMillionInput    gCO2e per million input tokens
 * @param gramsPerMillionOutput   gCO2e per million output tokens
 * @param gramsPerMillionTokens   gCO2e per million tokens blended by the {@link TokenMix}
 * @param usdPerMillionTokens     price per million tokens blended by the same mix
 * @param boundary                what the grams count (accelerator only, whole server, or with embodied emissions)
 */
public record Score(Offering offering, String zone, Range intensityGramsPerKwh, Provenance provenance, Instant at,
        Range gramsPerMillionInput, Range gramsPerMillionOutput, Range gramsPerMillionTokens,
        double usdPerMillionTokens, Boundary boundary) {

    public Score {
        Objects.requireNonNull(offering, "offering");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(intensityGramsPerKwh, "intensityGramsPerKwh");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(gramsPerMillionInput, "gramsPerMillionInput");
        Objects.requireNonNull(gramsPerMillionOutput, "gramsPerMillionOutput");
        Objects.requireNonNull(gramsPerMillionTokens, "gramsPerMillionTokens");
        Objects.requireNonNull(boundary, "boundary");
        if (!Double.isFinite(usdPerMillionTokens) || usdPerMillionTokens < 0) {
            throw new IllegalArgumentException("usdPerMillionTokens must be >= 0, was " + usdPerMillionTokens);
        }
    }

    /** Grams of CO2e for one call with these token counts. */
    public Range gramsFor(long inputTokens, long outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were " + inputTokens + " and "
                    + outputTokens);
        }
        return gramsPerMillionInput.times(inputTokens / 1e6).plus(gramsPerMillionOutput.times(outputTokens / 1e6));
    }

    /** Published output speed, if any. */
    public OptionalDouble tokensPerSecond() {
        return offering.speed().map(s -> OptionalDouble.of(s.tokensPerSecond())).orElse(OptionalDouble.empty());
    }
}
