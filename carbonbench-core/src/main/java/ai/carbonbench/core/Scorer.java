package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.CatalogException;
import ai.carbonbench.core.catalog.EnergyProfile;
import ai.carbonbench.core.catalog.Method;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.ObservedSpeeds;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.CleanestFirst;
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
import java.util.Optional;
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

    /** The catalog method holding the boundary constants. */
    private static final String BOUNDARY_METHOD = "boundary-v1";
    /** The catalog method holding the range widening of H100 figures used for non-GPU hardware. */
    private static final String HARDWARE_METHOD = "hardware-v1";
    /** {@link CleanestFirst}'s order; published speed, then ids, break what carbon and price leave equal. */
    private static final Comparator<Score> CLEANEST = CleanestFirst.order(s -> s, BY_SPEED.thenComparing(BY_KEY));

    private final Catalog catalog;
    private final TokenMix mix;
    private final ObservedSpeeds observed;
    private final Boundary boundary;
    private final double serverFactor;
    private final double embodiedGramsPerKwh;
    private final double proxyLow;
    private final double proxyHigh;

    Scorer(Catalog catalog, TokenMix mix, ObservedSpeeds observed, Boundary boundary) {
        this.catalog = catalog;
        this.mix = mix;
        this.observed = observed;
        this.boundary = boundary;
        // GPU needs no constant, so a catalog of one's own without the method still scores at that boundary.
        this.serverFactor = boundary == Boundary.GPU ? 1 : boundaryMethod(catalog).require("server.factor");
        this.embodiedGramsPerKwh = boundary == Boundary.LIFECYCLE
                ? boundaryMethod(catalog).require("lifecycle.embodiedGramsPerGpuKwh") : 0;
        Optional<Method> hw = catalog.method(HARDWARE_METHOD);
        this.proxyLow = hw.map(m -> m.require("proxy.low")).orElse(1.0);
        this.proxyHigh = hw.map(m -> m.require("proxy.high")).orElse(1.0);
    }

    /** The catalog's boundary constants; a catalog of one's own that defines none uses the embedded catalog's. */
    private static Method boundaryMethod(Catalog catalog) {
        return catalog.method(BOUNDARY_METHOD).or(() -> Catalog.embedded().method(BOUNDARY_METHOD))
                .orElseThrow(() -> new CatalogException("no catalog defines the method '" + BOUNDARY_METHOD
                        + "', needed for the server and lifecycle boundaries"));
    }

    Boundary boundary() {
        return boundary;
    }

    static Comparator<Score> order(SortOrder sort) {
        return switch (sort) {
            case CARBON -> CLEANEST;
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
        // The mean of equal values can round above them (0.1 × 3 / 3 = 0.10000000000000002): clamp into the range.
        Range intensity = new Range(low, Math.min(high, Math.max(low, sum / regions.size())), high);
        return score(offering, intensity, provenance, at);
    }

    /** Scores an offering at a given intensity range. */
    Score score(Offering catalogOffering, Range intensity, Provenance provenance, Instant at) {
        Offering offering = observed.apply(catalogOffering); // an observed speed beats the catalog's figure
        EnergyProfile e = offering.model().energy();
        double pue = offering.provider().pue();
        // An H100 figure says little about an LPU or TPU: widen its range, keep its central value.
        boolean proxy = offering.hardware().kind().nonGpu();
        double low = proxy ? proxyLow : 1;
        double high = proxy ? proxyHigh : 1;
        // Wh per 1k tokens equals kWh per million tokens, so kWh/Mtok × g/kWh = g/Mtok.
        Range output = grams(new Range(e.lowWhPer1kTokens() * low, e.outputWhPer1kTokens(), e.highWhPer1kTokens() * high),
                intensity, pue);
        Range input = grams(new Range(e.inputLowWhPer1kTokens() * low, e.inputWhPer1kTokens(),
                e.inputHighWhPer1kTokens() * high), intensity, pue);
        double usd = mix.blend(offering.price().usdPerMillionInput(), offering.price().usdPerMillionOutput());
        return new Score(offering, offering.region().zone().key(), intensity, provenance, at, input, output,
                mix.blend(input, output), usd, boundary);
    }

    /**
     * Accelerator kWh per million tokens to grams at this scorer's boundary: the server factor scales the
     * energy that the grid supplies (through the PUE); embodied grams scale with accelerator energy only.
     */
    private Range grams(Range energy, Range intensity, double pue) {
        return new Range(grams(energy.low(), intensity.low(), pue), grams(energy.central(), intensity.central(), pue),
                grams(energy.high(), intensity.high(), pue));
    }

    private double grams(double gpuKwh, double gramsPerKwh, double pue) {
        return gpuKwh * (serverFactor * pue * gramsPerKwh + embodiedGramsPerKwh);
    }

    /** The offerings a query selects, unscored. Unknown ids in the query throw. */
    List<Offering> select(LeaderboardQuery q) {
        Set<String> modelIds = new HashSet<>();
        q.models().forEach(m -> modelIds.add(catalog.model(m).id()));
        Set<String> providerIds = new HashSet<>();
        Constraints given = q.constraints();
        given.providers().forEach(p -> providerIds.add(catalog.provider(p).id()));
        Set<String> regionIds = new HashSet<>();
        given.regions().forEach(r -> {
            List<Region> found = catalog.findRegions(r);
            if (found.isEmpty()) {
                catalog.region(r); // throws with suggestions
            }
            found.forEach(x -> regionIds.add(x.qualifiedId()));
        });
        // Canonical ids (aliases resolved, regions qualified), judged by the one constraint filter.
        Constraints constraints = new Constraints(providerIds, regionIds, given.countries(), given.euOnly(),
                given.maxUsdPerMillionTokens(), given.maxGramsPerMillionTokens());
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
