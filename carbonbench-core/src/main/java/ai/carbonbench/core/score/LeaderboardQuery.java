package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Family;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which offerings a leaderboard shows and in what order. Empty filter sets mean "all". Immutable;
 * build with {@link #builder()}. {@link #all()} is every offering, sorted by carbon.
 *
 * @param families       model families; empty means any
 * @param models         model ids or aliases; empty means any
 * @param constraints    where the offerings may run, price and carbon caps (ids as given: the catalog
 *                       resolves aliases when the query runs)
 * @param sort           the order of the rows
 * @param limit          at most this many rows; {@link Integer#MAX_VALUE} for no limit
 * @param at             the time to score at; empty means now
 * @param includeRetired whether retired offerings are included (each then carries its retirement date)
 */
public record LeaderboardQuery(Set<Family> families, Set<String> models, Constraints constraints, SortOrder sort,
        int limit, Optional<Instant> at, boolean includeRetired) {

    public LeaderboardQuery {
        families = Set.copyOf(families);
        models = Set.copyOf(models);
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(at, "at");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every offering, by carbon. */
    public static LeaderboardQuery all() {
        return builder().build();
    }

    /** Builds a {@link LeaderboardQuery}; the constraint settings come from {@link ConstraintsBuilder}. Not thread-safe. */
    public static final class Builder extends ConstraintsBuilder<Builder> {
        private final Set<Family> families = new LinkedHashSet<>();
        private final Set<String> models = new LinkedHashSet<>();
        private SortOrder sort = SortOrder.CARBON;
        private int limit = Integer.MAX_VALUE;
        private Optional<Instant> at = Optional.empty();
        private boolean includeRetired;

        private Builder() {
        }

        /** Include retired offerings (default false: they are neither listed, recommended nor routed to). */
        public Builder includeRetired(boolean includeRetired) {
            this.includeRetired = includeRetired;
            return this;
        }

        public Builder family(Family family) {
            families.add(Objects.requireNonNull(family, "family"));
            return this;
        }

        /** A model id or alias (adds to any given before). */
        public Builder model(String idOrAlias) {
            models.add(Objects.requireNonNull(idOrAlias, "idOrAlias"));
            return this;
        }

        public Builder sort(SortOrder sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        /** At most this many rows, {@code >= 1}; default no limit. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Score at this time instead of now. */
        public Builder at(Instant at) {
            this.at = Optional.of(Objects.requireNonNull(at, "at"));
            return this;
        }

        public LeaderboardQuery build() {
            return new LeaderboardQuery(families, models, buildConstraints(), sort, limit, at, includeRetired);
        }
    }
}
