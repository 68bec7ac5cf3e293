package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one constraint filter of CarbonBench: allowed providers, regions and countries, EU-only data
 * residency, a maximum blended price and a maximum carbon intensity. The leaderboard, recommendations,
 * the router's policy and the CLI all judge offerings with it. Empty sets mean "any".
 *
 * <p>A cross-region offering passes a country or EU constraint only when every region it may run in does.
 * A region matches by its id ({@code eu-north-1}) or qualified id ({@code aws-bedrock/eu-north-1}); ids
 * are compared as given, so callers pass canonical ids (resolve aliases through the catalog first).
 * Builders that take constraints extend {@link ConstraintsBuilder}. Immutable and thread-safe.
 *
 * @param providers                provider ids allowed; empty means any
 * @param regions                  region ids or qualified ids allowed; empty means any
 * @param countries                ISO 3166-1 alpha-2 codes, upper case; empty means any
 * @param euOnly                   every region the call may run in must be in an EU member state
 * @param maxUsdPerMillionTokens   at most this blended price
 * @param maxGramsPerMillionTokens at most this central carbon intensity
 */
public record Constraints(Set<String> providers, Set<String> regions, Set<String> countries, boolean euOnly,
        OptionalDouble maxUsdPerMillionTokens, OptionalDouble maxGramsPerMillionTokens) {

    /** No constraint at all. */
    public static final Constraints NONE = new Constraints(Set.of(), Set.of(), Set.of(), false, OptionalDouble.empty(),
            OptionalDouble.empty());

    public Constraints {
        providers = Set.copyOf(providers);
        regions = Set.copyOf(regions);
        countries = Set.copyOf(countries);
        Objects.requireNonNull(maxUsdPerMillionTokens, "maxUsdPerMillionTokens");
        Objects.requireNonNull(maxGramsPerMillionTokens, "maxGramsPerMillionTokens");
        maxUsdPerMillionTokens.ifPresent(v -> Checks.nonNegative("maxUsdPerMillionTokens", v));
        maxGramsPerMillionTokens.ifPresent(v -> Checks.nonNegative("maxGramsPerMillionTokens", v));
    }

    /** The same constraints with EU-only data residency on or off. */
    public Constraints withEuOnly(boolean euOnly) {
        return new Constraints(providers, regions, countries, euOnly, maxUsdPerMillionTokens, maxGramsPerMillionTokens);
    }

    /**
     * Why the offering fails the constraints that do not depend on time (provider, region, country, EU,
     * price at {@code usdPerMillionTokens}), or empty when it passes them.
     */
    public Optional<String> violation(Offering o, double usdPerMillionTokens) {
        Optional<String> place = placeViolation(o);
        if (place.isPresent()) {
            return place;
        }
        if (maxUsdPerMillionTokens.isPresent() && usdPerMillionTokens > maxUsdPerMillionTokens.getAsDouble()) {
            return Optional.of(String.format(Locale.ROOT, "$%.2f/Mtok exceeds the $%.2f/Mtok limit", usdPerMillionTokens,
                    maxUsdPerMillionTokens.getAsDouble()));
        }
        return Optional.empty();
    }

    /** Why the offering fails the constraints on where it runs (provider, region, country, EU), or empty. */
    public Optional<String> placeViolation(Offering o) {
        if (!providers.isEmpty() && !providers.contains(o.provider().id())) {
            return Optional.of("provider " + o.provider().id() + " is not allowed");
        }
        if (!regions.isEmpty() && !regions.contains(o.region().id()) && !regions.contains(o.region().qualifiedId())) {
            return Optional.of("region " + o.region().qualifiedId() + " is not allowed");
        }
        for (Region r : o.executionRegions()) {
            if (!countries.isEmpty() && !countries.contains(r.country())) {
                return Optional.of("it may run in " + r.country() + ", not an allowed country");
            }
            if (euOnly && !r.inEu()) {
                return Optional.of("it may run in " + r.country() + ", outside the EU");
            }
        }
        return Optional.empty();
    }

    /** Why a central carbon intensity fails the carbon cap, or empty. */
    public Optional<String> carbonViolation(double gramsPerMillionTokens) {
        if (maxGramsPerMillionTokens.isPresent() && gramsPerMillionTokens > maxGramsPerMillionTokens.getAsDouble()) {
            return Optional.of(String.format(Locale.ROOT, "%.1f g/Mtok exceeds the %.1f g/Mtok limit",
                    gramsPerMillionTokens, maxGramsPerMillionTokens.getAsDouble()));
        }
        return Optional.empty();
    }

    /**
     * The constraints in words, for messages: {@code providers [aws-bedrock], EU only, at most $1.0 per million
     * tokens}; empty for {@link #NONE}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!providers.isEmpty()) {
            parts.add("providers " + new TreeSet<>(providers));
        }
        if (!regions.isEmpty()) {
            parts.add("regions " + new TreeSet<>(regions));
        }
        if (!countries.isEmpty()) {
            parts.add("countries " + new TreeSet<>(countries));
        }
        if (euOnly) {
            parts.add("EU only");
        }
        maxUsdPerMillionTokens.ifPresent(max -> parts.add("at most $" + max + " per million tokens"));
        maxGramsPerMillionTokens.ifPresent(max -> parts.add("at most " + max + " g per million tokens"));
        return String.join(", ", parts);
    }

    /** Whether the offering passes the static constraints at this price. */
    public boolean allows(Offering o, double usdPerMillionTokens) {
        return violation(o, usdPerMillionTokens).isEmpty();
    }
}
