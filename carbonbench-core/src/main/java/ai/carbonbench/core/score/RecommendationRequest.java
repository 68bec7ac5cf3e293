package ai.carbonbench.core.score;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What to recommend: a model (id or alias) and optional constraints, the same ones a
 * {@link LeaderboardQuery} takes. Immutable; build with {@link #builder(String)}.
 */
public final class RecommendationRequest {

    private final String model;
    private final LeaderboardQuery query;

    private RecommendationRequest(String model, LeaderboardQuery query) {
        this.model = model;
        this.query = query;
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
        return query.providers();
    }

    public Set<String> regions() {
        return query.regions();
    }

    public boolean euOnly() {
        return query.euOnly();
    }

    public OptionalDouble maxUsdPerMillionTokens() {
        return query.maxUsdPerMillionTokens();
    }

    public Optional<Instant> at() {
        return query.at();
    }

    /** The same constraints as a leaderboard query over this model's offerings, by carbon. */
    public LeaderboardQuery toQuery() {
        return query;
    }

    /** Builds a {@link RecommendationRequest}. Not thread-safe. */
    public static final class Builder {
        private final String model;
        private final LeaderboardQuery.Builder query;

        private Builder(String model) {
            this.model = Objects.requireNonNull(model, "model");
            this.query = LeaderboardQuery.builder().model(model).sort(SortOrder.CARBON);
        }

        public Builder provider(String id) {
            query.provider(id);
            return this;
        }

        public Builder region(String regionOrQualifiedId) {
            query.region(regionOrQualifiedId);
            return this;
        }

        public Builder euOnly(boolean euOnly) {
            query.euOnly(euOnly);
            return this;
        }

        public Builder maxUsdPerMillionTokens(double usd) {
            query.maxUsdPerMillionTokens(usd);
            return this;
        }

        public Builder at(Instant at) {
            query.at(at);
            return this;
        }

        public RecommendationRequest build() {
            return new RecommendationRequest(model, query.build());
        }
    }
}
