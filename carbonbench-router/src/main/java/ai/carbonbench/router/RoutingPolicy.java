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
 */
public final class RoutingPolicy {

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

    private final Objective objective;
    private final Weights weights;
    private final Set<String> providers;
    private final Set<String> regions;
    private final Set<String> countries;
    private final boolean euOnly;
    private final OptionalDouble maxUsdPerMillionTokens;
    private final OptionalDouble maxGramsPerMillionTokens;
    private final Constraints constraints;

    private RoutingPolicy(Builder b) {
        this.objective = b.objective;
        this.weights = b.weights;
        this.providers = Set.copyOf(b.providers);
        this.regions = Set.copyOf(b.regions);
        this.countries = Set.copyOf(b.countries);
        this.euOnly = b.euOnly;
        this.maxUsdPerMillionTokens = b.maxUsd;
        this.maxGramsPerMillionTokens = b.maxGrams;
        this.constraints = new Constraints(providers, regions, countries, euOnly, maxUsdPerMillionTokens,
                maxGramsPerMillionTokens);
    }

    /** The default policy: lowest carbon, no constraints. */
    public static RoutingPolicy lowestCarbon() {
        return LOWEST_CARBON;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Objective objective() {
        return objective;
    }

    /** The weights; meaningful for {@link Objective#WEIGHTED} only (default 1 / 0 / 0). */
    public Weights weights() {
        return weights;
    }

    /** Allowed provider ids; empty means any. */
    public Set<String> allowedProviders() {
        return providers;
    }

    /** Allowed region ids ({@code eu-north-1}) or qualified ids ({@code aws-bedrock/eu-north-1}); empty means any. */
    public Set<String> allowedRegions() {
        return regions;
    }

    /** Allowed ISO 3166-1 alpha-2 country codes, upper case; empty means any. */
    public Set<String> allowedCountries() {
        return countries;
    }

    public boolean euOnly() {
        return euOnly;
    }

    public OptionalDouble maxUsdPerMillionTokens() {
        return maxUsdPerMillionTokens;
    }

    public OptionalDouble maxGramsPerMillionTokens() {
        return maxGramsPerMillionTokens;
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

    /** The policy's constraints, as the one filter the leaderboard and recommendations use too. */
    public Constraints constraints() {
        return constraints;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RoutingPolicy[").append(objective);
        if (objective == Objective.WEIGHTED) {
            sb.append(' ').append(weights);
        }
        if (!providers.isEmpty()) {
            sb.append(", providers=").append(new TreeSet<>(providers));
        }
        if (!regions.isEmpty()) {
            sb.append(", regions=").append(new TreeSet<>(regions));
        }
        if (!countries.isEmpty()) {
            sb.append(", countries=").append(new TreeSet<>(countries));
        }
        if (euOnly) {
            sb.append(", EU only");
        }
        maxUsdPerMillionTokens.ifPresent(v -> sb.append(", max $").append(v).append("/Mtok"));
        maxGramsPerMillionTokens.ifPresent(v -> sb.append(", max ").append(v).append(" g/Mtok"));
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
            return new RoutingPolicy(this);
        }
    }
}
