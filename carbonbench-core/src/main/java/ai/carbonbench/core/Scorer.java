package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EnergyProfile;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.ObservedSpeeds;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Constraints;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.SortOrder;
import ai.carbonbench.core.score.TokenMix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/** Turns offerings into scores and runs leaderboard queries. Stateless apart from its configuration. */
final class Scorer {

    private static final Comparator<Score> BY_CARBON = Comparator.comparingDouble(s -> s.gramsPerMillionTokens().central());
    private static final Comparator<Score> BY_COST = Comparator.comparingDouble(Score::usdPerMillionTokens);
    private static final Comparator<Score> BY_SPEED = Comparator.comparingDouble(
            (Score s) -> s.tokensPerSecond().isPresent() ? -s.tokensPerSecond().getAsDouble() : Double.POSITIVE_INFINITY);
    private static final Comparator<Score> BY_KEY = Comparator.comparing((Score s) -> s.offering().provider().id())
            .thenComparing(s -> s.offering().region().id()).thenComparing(s -> s.offering().model().id());

    private final Catalog catalog;
    private final TokenMix mix;
    private final ObservedSpeeds observed;

    Scorer(Catalog catalog, TokenMix mix, ObservedSpeeds observed) {
        this.catalog = catalog;
        this.mix = mix;
        this.observed = observed;
    }

    static Comparator<Score> order(SortOrder sort) {
        return switch (sort) {
            case CARBON -> BY_CARBON.thenComparing(BY_COST).thenComparing(BY_SPEED).thenComparing(BY_KEY);
            case COST -> BY_COST.thenComparing(BY_CARBON).thenComparing(BY_SPEED).thenComparing(BY_KEY);
            case SPEED -> BY_SPEED.thenComparing(BY_CARBON).thenComparing(BY_COST).thenComparing(BY_KEY);
        };
    }

    /**
     * Scores an offering with a function giving each zone's intensity. The central intensity is the
     * mean over the regions the call may run in (each at its mapped zone); the range spans every
     * region's primary and alternative zones.
     */
    Score score(Offering offering, Instant at, Function<String, GridIntensity> intensityOf) {
        List<Region> regions = offering.executionRegions();
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        double sum = 0;
        Provenance provenance = null;
        for (Region r : regions) {
            GridIntensity primary = intensityOf.apply(r.zone().key());
            sum += primary.gramsPerKwh();
            low = Math.min(low, primary.gramsPerKwh());
            high = Math.max(high, primary.gramsPerKwh());
            provenance = provenance == null ? primary.provenance()
                    : Provenance.weakest(provenance, primary.provenance());
            for (Zone alt : r.alternativeZones()) {
                GridIntensity g = intensityOf.apply(alt.key());
                low = Math.min(low, g.gramsPerKwh());
                high = Math.max(high, g.gramsPerKwh());
            }
        }
        Range intensity = new Range(low, sum / regions.size(), high);
        return score(offering, intensity, provenance, at);
    }

    /** Scores an offering at a given intensity range. */
    Score score(Offering catalogOffering, Range intensity, Provenance provenance, Instant at) {
        Offering offering = observed.apply(catalogOffering); // an observed speed beats the catalog's figure
        EnergyProfile e = offering.model().energy();
        double pue = offering.provider().pue();
        // Wh per 1k tokens equals kWh per million tokens, so kWh/Mtok × g/kWh = g/Mtok.
        Range output = multiply(new Range(e.lowWhPer1kTokens(), e.outputWhPer1kTokens(), e.highWhPer1kTokens()),
                intensity, pue);
        Range input = multiply(new Range(e.inputLowWhPer1kTokens(), e.inputWhPer1kTokens(), e.inputHighWhPer1kTokens()),
                intensity, pue);
        double usd = mix.blend(offering.price().usdPerMillionInput(), offering.price().usdPerMillionOutput());
        return new Score(offering, offering.region().zone().key(), intensity, provenance, at, input, output,
                mix.blend(input, output), usd);
    }

    private static Range multiply(Range energy, Range intensity, double pue) {
        return new Range(energy.low() * intensity.low() * pue, energy.central() * intensity.central() * pue,
                energy.high() * intensity.high() * pue);
    }

    /** The offerings a query selects, unscored. Unknown ids in the query throw. */
    List<Offering> select(LeaderboardQuery q) {
        Set<String> modelIds = new HashSet<>();
        q.models().forEach(m -> modelIds.add(catalog.model(m).id()));
        Set<String> providerIds = new HashSet<>();
        q.providers().forEach(p -> providerIds.add(catalog.provider(p).id()));
        Set<String> regionIds = new HashSet<>();
        q.regions().forEach(r -> {
            List<Region> found = catalog.findRegions(r);
            if (found.isEmpty()) {
                catalog.region(r); // throws with suggestions
            }
            found.forEach(x -> regionIds.add(x.qualifiedId()));
        });
        // Canonical ids (aliases resolved, regions qualified), judged by the one constraint filter.
        Constraints constraints = new Constraints(providerIds, regionIds, q.countries(), q.euOnly(),
                q.maxUsdPerMillionTokens(), OptionalDouble.empty());
        List<Offering> out = new ArrayList<>();
        for (Offering o : q.includeRetired() ? catalog.allOfferings() : catalog.offerings()) {
            Model m = o.model();
            if ((q.families().isEmpty() || q.families().contains(m.family()))
                    && (modelIds.isEmpty() || modelIds.contains(m.id()))
                    && constraints.allows(o, mix.blend(o.price().usdPerMillionInput(), o.price().usdPerMillionOutput()))) {
                out.add(o);
            }
        }
        return out;
    }
}
