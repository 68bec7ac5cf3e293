package ai.carbonbench.router;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.score.Constraints;
import ai.carbonbench.core.score.Score;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
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

    /** Builds a {@link RoutingPolicy}. Not thread-safe. Defaults: lowest carbon, no constraints. */
    public static final class Builder {
        private Objective objective = Objective.LOWEST_CARBON;
        private Weights weights = new Weights(1, 0, 0);
        private final Set<String> providers = new TreeSet<>();
        private final Set<String> regions = new TreeSet<>();
        private final Set<String> countries = new TreeSet<>();
        private boolean euOnly;
        private OptionalDouble maxUsd = OptionalDouble.empty();
        private OptionalDouble maxGrams = OptionalDouble.empty();

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

        /** Only these provider ids (adds to any given before). */
        public Builder allowProviders(String... providerIds) {
            for (String p : providerIds) {
                providers.add(Objects.requireNonNull(p, "providerId").trim().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Only these regions, as {@code region} or {@code provider/region} (adds to any given before). */
        public Builder allowRegions(String... regionIds) {
            for (String r : regionIds) {
                regions.add(Objects.requireNonNull(r, "regionId").trim().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Only regions in these countries, ISO 3166-1 alpha-2 (adds to any given before). */
        public Builder allowCountries(String... countryCodes) {
            for (String c : countryCodes) {
                String code = Objects.requireNonNull(c, "countryCode").trim().toUpperCase(Locale.ROOT);
                if (code.length() != 2) {
                    throw new IllegalArgumentException("countryCode must be ISO 3166-1 alpha-2, was '" + c + "'");
                }
                countries.add(code);
            }
            return this;
        }

        /** Only endpoints whose every execution region is in an EU member state. Default false. */
        public Builder euOnly(boolean euOnly) {
            this.euOnly = euOnly;
            return this;
        }

        /** At most this blended price. */
        public Builder maxUsdPerMillionTokens(double max) {
            this.maxUsd = OptionalDouble.of(Checks.nonNegative("maxUsdPerMillionTokens", max));
            return this;
        }

        /** At most this carbon (central estimate), judged at every re-ranking. */
        public Builder maxGramsPerMillionTokens(double max) {
            this.maxGrams = OptionalDouble.of(Checks.nonNegative("maxGramsPerMillionTokens", max));
            return this;
        }

        public RoutingPolicy build() {
            return new RoutingPolicy(objective, weights,
                    new Constraints(providers, regions, countries, euOnly, maxUsd, maxGrams));
        }
    }
}
