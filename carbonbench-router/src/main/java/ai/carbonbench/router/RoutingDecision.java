package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.CleanestFirst;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Where a {@link CarbonRouter} sends calls now, and why: the chosen endpoint, the ranked fall-backs, each
 * one's {@link Score} (grams per million tokens with range, intensity provenance, USD per million tokens),
 * a reason in words, and the baseline (the first endpoint declared to the router, whatever its health or
 * constraints) against which savings are honestly measured.
 *
 * <p>The router precomputes the decision whenever intensity or health changes; {@link CarbonRouter#select()}
 * returns the same immutable instance until then. The {@linkplain #reason() reason} is put into words the
 * first time it is asked for, not when the ranking is computed: most decisions are never read as text.
 * Immutable and thread-safe.
 */
public final class RoutingDecision {

    private final Option chosen;
    private final List<Option> fallbacks;
    private final Option baseline;
    private final boolean tieBroken;
    private final Optional<CleanestFirst.Rule> decidedBy;
    private final Instant at;
    private final Supplier<String> explain;
    // Racy single-check: every thread computes the same string, and a String is safely published.
    private String reason;

    /**
     * @param chosen    the endpoint calls go to first
     * @param fallbacks the other usable endpoints, best first, tried in this order on retriable failures
     * @param baseline  the first declared endpoint, scored at the same time
     * @param reason    why {@code chosen} ranks first, in words
     * @param tieBroken true when the chosen endpoint's compared carbon range overlaps the runner-up's, so that
     *                  a tie-breaker decided (see {@link CleanestFirst})
     * @param at        the time the scores apply to
     */
    public RoutingDecision(Option chosen, List<Option> fallbacks, Option baseline, String reason, boolean tieBroken,
            Instant at) {
        this(chosen, fallbacks, baseline, Optional.empty(), tieBroken, at, constant(reason));
    }

    private static Supplier<String> constant(String reason) {
        Objects.requireNonNull(reason, "reason");
        return () -> reason;
    }

    RoutingDecision(Option chosen, List<Option> fallbacks, Option baseline, Optional<CleanestFirst.Rule> decidedBy,
            boolean tieBroken, Instant at, Supplier<String> explain) {
        this.chosen = Objects.requireNonNull(chosen, "chosen");
        this.fallbacks = List.copyOf(fallbacks);
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.decidedBy = Objects.requireNonNull(decidedBy, "decidedBy");
        this.tieBroken = tieBroken;
        this.at = Objects.requireNonNull(at, "at");
        this.explain = Objects.requireNonNull(explain, "explain");
    }

    /** The endpoint calls go to first. */
    public Option chosen() {
        return chosen;
    }

    /** The other usable endpoints, best first, tried in this order on retriable failures. */
    public List<Option> fallbacks() {
        return fallbacks;
    }

    /** The first declared endpoint, scored at the same time. */
    public Option baseline() {
        return baseline;
    }

    /** Why {@link #chosen()} ranks first, in words, naming the rule that decided. */
    public String reason() {
        String r = reason;
        if (r == null) {
            r = explain.get();
            reason = r;
        }
        return r;
    }

    /**
     * True when the chosen endpoint's compared carbon range overlaps the runner-up's (the data cannot call a
     * clear winner), so that a tie-breaker decided: the lower central estimate, then price, then latency.
     */
    public boolean tieBroken() {
        return tieBroken;
    }

    /**
     * Under the lowest-carbon objective, the {@link CleanestFirst} rule that put the chosen endpoint before the
     * runner-up; empty for other objectives or a single endpoint.
     */
    public Optional<CleanestFirst.Rule> decidedBy() {
        return decidedBy;
    }

    /** The time the scores apply to. */
    public Instant at() {
        return at;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingDecision d && chosen.equals(d.chosen) && fallbacks.equals(d.fallbacks)
                && baseline.equals(d.baseline) && tieBroken == d.tieBroken && decidedBy.equals(d.decidedBy)
                && at.equals(d.at) && reason().equals(d.reason());
    }

    @Override
    public int hashCode() {
        return Objects.hash(chosen, fallbacks, baseline, tieBroken, decidedBy, at);
    }

    @Override
    public String toString() {
        return "RoutingDecision[chosen=" + chosen.key() + ", fallbacks=" + fallbacks.stream().map(Option::key).toList()
                + ", baseline=" + baseline.key() + ", at=" + at + ", reason=" + reason() + "]";
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
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(observedLatencyMillis, "observedLatencyMillis");
            if (declaredIndex < 0) {
                throw new IllegalArgumentException("declaredIndex must be >= 0, was " + declaredIndex);
            }
        }
    }
}
