package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The constraint settings of every builder that filters offerings ({@link LeaderboardQuery.Builder},
 * {@link RecommendationRequest.Builder}, the router's policy builder), declared and validated once here, so
 * that they all build the one {@link Constraints} value. Provider and region ids are trimmed and lower-cased,
 * country codes upper-cased and checked to be ISO 3166-1 alpha-2. The set-valued settings add to what was
 * given before. Defaults: no constraint. Not thread-safe.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
public abstract class ConstraintsBuilder<B extends ConstraintsBuilder<B>> {

    private final Set<String> providers = new LinkedHashSet<>();
    private final Set<String> regions = new LinkedHashSet<>();
    private final Set<String> countries = new LinkedHashSet<>();
    private boolean euOnly;
    private OptionalDouble maxUsdPerMillionTokens = OptionalDouble.empty();
    private OptionalDouble maxGramsPerMillionTokens = OptionalDouble.empty();

    protected ConstraintsBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Only this provider (adds to any given before). */
    public B provider(String id) {
        providers.add(Objects.requireNonNull(id, "provider").trim().toLowerCase(Locale.ROOT));
        return self();
    }

    /** Only this region, as {@code region} or {@code provider/region} (adds to any given before). */
    public B region(String regionOrQualifiedId) {
        regions.add(Objects.requireNonNull(regionOrQualifiedId, "region").trim().toLowerCase(Locale.ROOT));
        return self();
    }

    /** Only regions in this country, ISO 3166-1 alpha-2 (two letters, any case) (adds to any given before). */
    public B country(String isoCode) {
        String code = Objects.requireNonNull(isoCode, "country").trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException(
                    "country must be a two-letter ISO 3166-1 alpha-2 code such as DE, was '" + isoCode + "'");
        }
        countries.add(code);
        return self();
    }

    /** Only offerings whose every execution region is in an EU member state; default false. */
    public B euOnly(boolean euOnly) {
        this.euOnly = euOnly;
        return self();
    }

    /** At most this blended price. */
    public B maxUsdPerMillionTokens(double usd) {
        maxUsdPerMillionTokens = OptionalDouble.of(Checks.nonNegative("maxUsdPerMillionTokens", usd));
        return self();
    }

    /** At most this carbon intensity (central estimate), judged on each score. */
    public B maxGramsPerMillionTokens(double grams) {
        maxGramsPerMillionTokens = OptionalDouble.of(Checks.nonNegative("maxGramsPerMillionTokens", grams));
        return self();
    }

    /** The constraints given so far, as the one value every filter judges with. */
    protected final Constraints buildConstraints() {
        return new Constraints(providers, regions, countries, euOnly, maxUsdPerMillionTokens, maxGramsPerMillionTokens);
    }
}
