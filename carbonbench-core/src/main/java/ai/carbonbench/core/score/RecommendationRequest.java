package ai.carbonbench.core.score;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What to recommend: a model (id or alias) and optional constraints. Immutable; build with
 * {@link #builder(String)}.
 */
public final class RecommendationRequest {

    private final String model;
    private final Set<String> providers;
    private final Set<String> regions;
    private final boolean euOnly;
    private final OptionalDouble maxUsdPerMillionTokens;
    private final Optional<Instant> at;

    private RecommendationRequest(Builder b) {
        this.model = b.model;
        this.providers = Set.copyOf(b.providers);
        this.regions = Set.copyOf(b.regions);
        this.euOnly = b.euOnly;
        this.maxUsdPerMillionTokens = b.maxUsdPerMillionTokens;
        this.at = Optional.ofNullable(b.at);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** The model with no constraints. */
    public static RecommendationRequest of(String model) {
        return builder(model).build();
    }

    public String model() {
        return model;
    }

    public Set<String> providers() {
        return providers;
    }

    public Set<String> regions() {
        return regions;
    }

    public boolean euOnly() {
        return euOnly;
    }

    public OptionalDouble maxUsdPerMillionTokens() {
        return maxUsdPerMillionTokens;
    }

    public Optional<Instant> at() {
        return at;
    }

    /** The same constraints as a leaderboard query over this model's offerings. */
    public LeaderboardQuery toQuery() {
        LeaderboardQuery.Builder q = LeaderboardQuery.builder().model(model).euOnly(euOnly);
        providers.forEach(q::provider);
        regions.forEach(q::region);
        maxUsdPerMillionTokens.ifPresent(q::maxUsdPerMillionTokens);
        at.ifPresent(q::at);
        return q.build();
    }

    /** Builds a {@link RecommendationRequest}. Not thread-safe. */
    public static final class Builder {
        private final String model;
        private final Set<String> providers = new LinkedHashSet<>();
        private final Set<String> regions = new LinkedHashSet<>();
        private boolean euOnly;
        private OptionalDouble maxUsdPerMillionTokens = OptionalDouble.empty();
        private Instant at;

        private Builder(String model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder provider(String id) {
            providers.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        public Builder region(String regionOrQualifiedId) {
            regions.add(Objects.requireNonNull(regionOrQualifiedId, "regionOrQualifiedId"));
            return this;
        }

        public Builder euOnly(boolean euOnly) {
            this.euOnly = euOnly;
            return this;
        }

        public Builder maxUsdPerMillionTokens(double usd) {
            if (!Double.isFinite(usd) || usd < 0) {
                throw new IllegalArgumentException("maxUsdPerMillionTokens must be >= 0, was " + usd);
            }
            this.maxUsdPerMillionTokens = OptionalDouble.of(usd);
            return this;
        }

        public Builder at(Instant at) {
            this.at = Objects.requireNonNull(at, "at");
            return this;
        }

        public RecommendationRequest build() {
            return new RecommendationRequest(this);
        }
    }
}
