package ai.carbonbench.router;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Where a {@link CarbonRouter} sends calls now, and why: the chosen endpoint, the ranked fall-backs, each
 * one's {@link Score} (grams per million tokens with range, intensity provenance, USD per million tokens),
 * a reason in words, and the baseline (the first endpoint declared to the router, whatever its health or
 * constraints) against which savings are honestly measured.
 *
 * <p>The router precomputes the decision whenever intensity or health changes; {@link CarbonRouter#select()}
 * returns the same immutable instance until then. Immutable and thread-safe.
 *
 * @param chosen     the endpoint calls go to first
 * @param fallbacks  the other usable endpoints, best first, tried in this order on retriable failures
 * @param baseline   the first declared endpoint, scored at the same time
 * @param reason     why {@code chosen} ranks first, in words
 * @param tieBroken  true when carbon ranges overlapped and price (then latency) decided
 * @param at         the time the scores apply to
 */
public record RoutingDecision(Option chosen, List<Option> fallbacks, Option baseline, String reason,
        boolean tieBroken, Instant at) {

    public RoutingDecision {
        Checks.nonNull("chosen, baseline, reason, at", chosen, baseline, reason, at);
        fallbacks = List.copyOf(fallbacks);
    }

    /** Central grams per million tokens saved by the choice against the baseline; negative when worse. */
    public double gramsPerMillionTokensSaved() {
        return baseline.score().gramsPerMillionTokens().central() - chosen.score().gramsPerMillionTokens().central();
    }

    /** {@link #gramsPerMillionTokensSaved()} as a fraction of the baseline (0 when the baseline emits nothing). */
    public double savedFraction() {
        double base = baseline.score().gramsPerMillionTokens().central();
        return base == 0 ? 0 : gramsPerMillionTokensSaved() / base;
    }

    /**
     * One ranked endpoint.
     *
     * @param key                   the endpoint's offering
     * @param declaredIndex         its position in the router's builder, 0-based
     * @param score                 its score at {@link RoutingDecision#at()}
     * @param observedLatencyMillis moving average of successful call latency, empty until one is observed
     */
    public record Option(OfferingKey key, int declaredIndex, Score score, OptionalDouble observedLatencyMillis) {
        public Option {
            Checks.nonNull("key, score, observedLatencyMillis", key, score, observedLatencyMillis);
            if (declaredIndex < 0) {
                throw new IllegalArgumentException("declaredIndex must be >= 0, was " + declaredIndex);
            }
        }
    }
}
