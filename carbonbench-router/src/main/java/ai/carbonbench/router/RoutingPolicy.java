package ai.carbonbench.router;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.score.Constraints;
import ai.carbonbench.core.score.ConstraintsBuilder;
import ai.carbonbench.core.score.Score;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a {@link CarbonRouter} ranks its endpoints: an {@linkplain Objective objective} and constraints that
 * remove endpoints from consideration.
 *
 * <p>Default ({@link #lowestCarbon()}): lowest grams of CO2e per million tokens, no constraints. When the
 * best endpoints' carbon ranges overlap (neither is clearly cleaner), the lower central estimate still ranks
 * first ({@link ai.carbonbench.core.score.CleanestFirst}, the order {@code recommend} uses); price, then
 * observed latency, decide only between equal central estimates, and the
 * {@link RoutingDecision#reason() decision} says which rule decided.
 *
 * <p>Constraints: allowed providers, regions and countries; EU-only data residency (every region the
 * call may run in is in an EU member state); a maximum blended price (USD per million tokens) and a
 * maximum carbon intensity (central grams per million tokens). A cross-region offering passes a
 * country or EU constraint only when every region it may run in does. Provider and region ids are
 * checked against the catalog when the router is built.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param objective   what the ranking minimises
 * @param weights     the weights; meaningful for {@link Objective#WEIGHTED} only (default 1 / 0 / 0)
 * @param constraints the policy's constraints (allowed providers, regions and countries, EU only, price and
 *                    carbon caps), as the one filter the leaderboard and recommendations use too; the builder
 *                    gives provider and region ids in lower case, country codes in upper case
 */
public record RoutingPolicy(Objective objective, Weights weights, Constraints constraints) {

    /** What the ranking minimises. */
    public enum Objective {
        /** Central grams of CO2e per million tokens ({@code CleanestFirst}): then price, then latency. */
        LOWEST_CARBON,
        /** Blended USD per million tokens, then carbon, then latency. */
        LOWEST_COST,
        /**
         * A weighted sum of carbon, price and observed latency, each divided by its largest value among the
         * endpoints being ranked (so 1 = the worst of them, 0 = nothing), then by the sum of the weights. An
         * endpoint with no latency observed yet counts as 0 on latency, so that it gets tried and measured.
         * Latency is the moving average of successful calls, sampled whenever the ranking is recomputed.
         */
        WEIGHTED
    }

    /**
     * Weights of a {@link Objective#WEIGHTED} policy; non-negative, not all zero. Only their ratios matter.
     *
     * @param carbon  weight of grams per million tokens
     * @param cost    weight of USD per million tokens
     * @param latency weight of observed latency (moving average)
     */
    public record Weights(double carbon, double cost, double latency) {
        public Weights {
            check("carbon", carbon);
            check("cost", cost);
            check("latency", latency);
            if (carbon + cost + latency == 0) {
                throw new IllegalArgumentException("weights must not all be zero");
            }
        }

        private static void check(String field, double v) {
            Checks.nonNegative(field + " weight", v);
        }
    }

    private static final RoutingPolicy LOWEST_CARBON = builder().build();

    public RoutingPolicy {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(constraints, "constraints");
    }

    /** The default policy: lowest carbon, no constraints. */
    public static RoutingPolicy lowestCarbon() {
        return LOWEST_CARBON;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Why an offering fails the constraints that do not depend on time (provider, region, country, EU,
     * price), or {@code null} when it passes them. Package-private: the router uses it at build time.
     */
    String staticViolation(Offering o, double usdPerMillionTokens) {
        return constraints.violation(o, usdPerMillionTokens).orElse(null);
    }

    /** Why a score fails the time-dependent constraint (max g/Mtok), or {@code null}. */
    String dynamicViolation(Score s) {
        return constraints.carbonViolation(s.gramsPerMillionTokens().central()).orElse(null);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RoutingPolicy[").append(objective);
        if (objective == Objective.WEIGHTED) {
            sb.append(' ').append(weights);
        }
        Constraints c = constraints;
        if (!c.providers().isEmpty()) {
            sb.append(", providers=").append(new TreeSet<>(c.providers()));
        }
        if (!c.regions().isEmpty()) {
            sb.append(", regions=").append(new TreeSet<>(c.regions()));
        }
        if (!c.countries().isEmpty()) {
            sb.append(", countries=").append(new TreeSet<>(c.countries()));
        }
        if (c.euOnly()) {
            sb.append(", EU only");
        }
        c.maxUsdPerMillionTokens().ifPresent(v -> sb.append(", max $").append(v).append("/Mtok"));
        c.maxGramsPerMillionTokens().ifPresent(v -> sb.append(", max ").append(v).append(" g/Mtok"));
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link RoutingPolicy}: the objective here, the constraints ({@code provider}, {@code region},
     * {@code country}, {@code euOnly}, {@code maxUsdPerMillionTokens}, {@code maxGramsPerMillionTokens}) from
     * {@link ConstraintsBuilder}, the same settings the leaderboard and recommendation builders take. The
     * carbon ceiling is judged at every re-ranking. Not thread-safe. Defaults: lowest carbon, no constraints.
     */
    public static final class Builder extends ConstraintsBuilder<Builder> {
        private Objective objective = Objective.LOWEST_CARBON;
        private Weights weights = new Weights(1, 0, 0);

        private Builder() {
        }

        /** Rank by carbon (the default). */
        public Builder lowestCarbon() {
            this.objective = Objective.LOWEST_CARBON;
            return this;
        }

        /** Rank by price, then carbon. */
        public Builder lowestCost() {
            this.objective = Objective.LOWEST_COST;
            return this;
        }

        /** Rank by a weighted sum of normalised carbon, price and latency; see {@link Objective#WEIGHTED}. */
        public Builder weighted(double carbon, double cost, double latency) {
            this.weights = new Weights(carbon, cost, latency);
            this.objective = Objective.WEIGHTED;
            return this;
        }

        public RoutingPolicy build() {
            return new RoutingPolicy(objective, weights, buildConstraints());
        }
    }
}
