package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.grid.Provenance;
import java.time.Instant;
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
        Checks.nonNull("offering, zone, intensityGramsPerKwh, provenance, at, gramsPerMillionInput, "
                + "gramsPerMillionOutput, gramsPerMillionTokens, boundary", offering, zone, intensityGramsPerKwh,
                provenance, at, gramsPerMillionInput, gramsPerMillionOutput, gramsPerMillionTokens, boundary);
        Checks.nonNegative("usdPerMillionTokens", usdPerMillionTokens);
    }

    /** Grams of CO2e for one call with these token counts. */
    public Range gramsFor(long inputTokens, long outputTokens) {
        checkTokens(inputTokens, outputTokens);
        // Same arithmetic as input.times(in / 1e6).plus(output.times(out / 1e6)), without the two
        // intermediate ranges: this runs once per accounted call.
        double in = inputTokens / 1e6;
        double out = outputTokens / 1e6;
        return new Range(gramsPerMillionInput.low() * in + gramsPerMillionOutput.low() * out,
                gramsPerMillionInput.central() * in + gramsPerMillionOutput.central() * out,
                gramsPerMillionInput.high() * in + gramsPerMillionOutput.high() * out);
    }

    /** {@code gramsFor(inputTokens, outputTokens).central()}, without allocating. */
    public double gramsCentralFor(long inputTokens, long outputTokens) {
        checkTokens(inputTokens, outputTokens);
        return gramsPerMillionInput.central() * (inputTokens / 1e6) + gramsPerMillionOutput.central() * (outputTokens / 1e6);
    }

    private static void checkTokens(long inputTokens, long outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were " + inputTokens + " and "
                    + outputTokens);
        }
    }

    /** Published output speed, if any. */
    public OptionalDouble tokensPerSecond() {
        return offering.speed().map(s -> OptionalDouble.of(s.tokensPerSecond())).orElse(OptionalDouble.empty());
    }
}
