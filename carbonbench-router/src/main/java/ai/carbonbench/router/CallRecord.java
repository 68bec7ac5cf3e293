package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One successful call as the {@link EmissionsLedger} recorded it. Grams are held as whole micrograms
 * (rounded to nearest once, when the call is recorded) so that every total is an exact sum of these
 * records, whatever the order or the number of threads.
 *
 * @param at                 when the call completed
 * @param endpoint           the offering that served it
 * @param zone               the grid zone whose intensity was used
 * @param inputTokens        prompt tokens
 * @param outputTokens       generated tokens
 * @param microgramsLow      low end of the estimate, µg CO2e
 * @param microgramsCentral  central estimate, µg CO2e
 * @param microgramsHigh     high end of the estimate, µg CO2e
 * @param provenance         how the grid intensity was obtained
 * @param baseline           the endpoint savings are measured against
 * @param baselineMicrograms central estimate had the call gone to the baseline, µg CO2e
 * @param boundary           what the grams count (the accounting boundary of the scores they come from)
 * @param score              the score that priced the call: the one the router ranked the endpoint with when the
 *                           call started (its intensity, range and provenance); empty for a record rebuilt from
 *                           storage, which keeps the figures but not the score
 */
public record CallRecord(Instant at, OfferingKey endpoint, String zone, long inputTokens, long outputTokens,
        long microgramsLow, long microgramsCentral, long microgramsHigh, Provenance provenance, OfferingKey baseline,
        long baselineMicrograms, Boundary boundary, Optional<Score> score) implements MicrogramFigures {

    /** A record without its score, e.g. rebuilt from storage. */
    public CallRecord(Instant at, OfferingKey endpoint, String zone, long inputTokens, long outputTokens,
            long microgramsLow, long microgramsCentral, long microgramsHigh, Provenance provenance,
            OfferingKey baseline, long baselineMicrograms, Boundary boundary) {
        this(at, endpoint, zone, inputTokens, outputTokens, microgramsLow, microgramsCentral, microgramsHigh,
                provenance, baseline, baselineMicrograms, boundary, Optional.empty());
    }

    public CallRecord {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(boundary, "boundary");
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were " + inputTokens + " and " + outputTokens);
        }
        if (microgramsLow < 0 || microgramsLow > microgramsCentral || microgramsCentral > microgramsHigh) {
            throw new IllegalArgumentException("expected 0 <= low <= central <= high micrograms, was " + microgramsLow
                    + " / " + microgramsCentral + " / " + microgramsHigh);
        }
        if (baselineMicrograms < 0) {
            throw new IllegalArgumentException("baselineMicrograms must be >= 0, was " + baselineMicrograms);
        }
    }
}
