package ai.carbonbench.core.score;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to recommend: a model (id or alias) and optional constraints, the same ones a
 * {@link LeaderboardQuery} takes. Immutable; build with {@link #builder(String)}.
 *
 * @param model       the model id or alias
 * @param constraints where it may run, price and carbon caps
 * @param at          the time to recommend for; empty means now
 */
public record RecommendationRequest(String model, Constraints constraints, Optional<Instant> at) {

    public RecommendationRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(at, "at");
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** The model with no constraints. */
    public static RecommendationRequest of(String model) {
        return builder(model).build();
    }

    /** The same constraints as a leaderboard query over this model's offerings, by carbon. */
    public LeaderboardQuery toQuery() {
        return new LeaderboardQuery(Set.of(), Set.of(model), constraints, SortOrder.CARBON, Integer.MAX_VALUE, at, false);
    }

    /** Builds a {@link RecommendationRequest}; the constraint settings come from {@link ConstraintsBuilder}. Not thread-safe. */
    public static final class Builder extends ConstraintsBuilder<Builder> {
        private final String model;
        private Optional<Instant> at = Optional.empty();

        private Builder(String model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Recommend for this time instead of now. */
        public Builder at(Instant at) {
            this.at = Optional.of(Objects.requireNonNull(at, "at"));
            return this;
        }

        public RecommendationRequest build() {
            return new RecommendationRequest(model, buildConstraints(), at);
        }
    }
}
