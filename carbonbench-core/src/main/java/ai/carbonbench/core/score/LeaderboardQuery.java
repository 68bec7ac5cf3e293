package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.Family;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Which offerings a leaderboard shows and in what order. Empty filter sets mean "all". Immutable;
 * build with {@link #builder()}. {@link #all()} is every offering, sorted by carbon.
 */
public final class LeaderboardQuery {

    private final Set<Family> families;
    private final Set<String> models;
    private final Set<String> providers;
    private final Set<String> regions;
    private final Set<String> countries;
    private final boolean euOnly;
    private final OptionalDouble maxUsdPerMillionTokens;
    private final SortOrder sort;
    private final int limit;
    private final Optional<Instant> at;
    private final boolean includeRetired;

    private LeaderboardQuery(Builder b) {
        this.includeRetired = b.includeRetired;
        this.families = Set.copyOf(b.families);
        this.models = Set.copyOf(b.models);
        this.providers = Set.copyOf(b.providers);
        this.regions = Set.copyOf(b.regions);
        this.countries = Set.copyOf(b.countries);
        this.euOnly = b.euOnly;
        this.maxUsdPerMillionTokens = b.maxUsdPerMillionTokens;
        this.sort = b.sort;
        this.limit = b.limit;
        this.at = Optional.ofNullable(b.at);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every offering, by carbon. */
    public static LeaderboardQuery all() {
        return builder().build();
    }

    public Set<Family> families() {
        return families;
    }

    /** Model ids or aliases. */
    public Set<String> models() {
        return models;
    }

    public Set<String> providers() {
        return providers;
    }

    /** Region ids, or {@code provider/region}. */
    public Set<String> regions() {
        return regions;
    }

    /** ISO 3166-1 alpha-2 codes, upper case. */
    public Set<String> countries() {
        return countries;
    }

    /** Only regions in EU member states, and no cross-region offering that may run outside them. */
    public boolean euOnly() {
        return euOnly;
    }

    public OptionalDouble maxUsdPerMillionTokens() {
        return maxUsdPerMillionTokens;
    }

    public SortOrder sort() {
        return sort;
    }

    /** At most this many rows; {@link Integer#MAX_VALUE} for no limit. */
    public int limit() {
        return limit;
    }

    /** The time to score at; empty means now. */
    public Optional<Instant> at() {
        return at;
    }

    /** Whether retired offerings are included (each then carries its retirement date); default false. */
    public boolean includeRetired() {
        return includeRetired;
    }

    /** Builds a {@link LeaderboardQuery}. Not thread-safe. */
    public static final class Builder {
        private final Set<Family> families = new LinkedHashSet<>();
        private final Set<String> models = new LinkedHashSet<>();
        private final Set<String> providers = new LinkedHashSet<>();
        private final Set<String> regions = new LinkedHashSet<>();
        private final Set<String> countries = new LinkedHashSet<>();
        private boolean euOnly;
        private OptionalDouble maxUsdPerMillionTokens = OptionalDouble.empty();
        private SortOrder sort = SortOrder.CARBON;
        private int limit = Integer.MAX_VALUE;
        private Instant at;
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

        public Builder model(String idOrAlias) {
            models.add(Objects.requireNonNull(idOrAlias, "idOrAlias"));
            return this;
        }

        public Builder provider(String id) {
            providers.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        public Builder region(String regionOrQualifiedId) {
            regions.add(Objects.requireNonNull(regionOrQualifiedId, "regionOrQualifiedId"));
            return this;
        }

        public Builder country(String isoCode) {
            countries.add(Objects.requireNonNull(isoCode, "isoCode").trim().toUpperCase(Locale.ROOT));
            return this;
        }

        public Builder euOnly(boolean euOnly) {
            this.euOnly = euOnly;
            return this;
        }

        public Builder maxUsdPerMillionTokens(double usd) {
            this.maxUsdPerMillionTokens = OptionalDouble.of(Checks.nonNegative("maxUsdPerMillionTokens", usd));
            return this;
        }

        public Builder sort(SortOrder sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        public Builder limit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be >= 1, was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** Score at this time instead of now. */
        public Builder at(Instant at) {
            this.at = Objects.requireNonNull(at, "at");
            return this;
        }

        public LeaderboardQuery build() {
            return new LeaderboardQuery(this);
        }
    }
}
