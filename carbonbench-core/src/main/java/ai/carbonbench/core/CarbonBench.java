package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.ObservedSpeeds;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Speed;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.grid.StaticGridIntensitySource;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.DailyCurve;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.TokenMix;
import ai.carbonbench.core.score.WindowChoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point of CarbonBench: scores, leaderboards, recommendations and daily curves over a
 * {@link Catalog}, with grid intensity from a live source when one is configured and the catalog's
 * typical profiles otherwise.
 *
 * <pre>{@code
 * try (CarbonBench cb = CarbonBench.create()) {
 *     Recommendation r = cb.recommend("llama-3.1-70b");
 *     String advice = r.insight();   // "Run Llama 3.1 70B on ... about 31.5 gCO2e per million tokens ..."
 * }
 * }</pre>
 *
 * <p>Thread-safe; every method may be called concurrently. No method blocks on the network: grid
 * values come from what the source has cached, or from the catalog. {@link #close()} stops the
 * configured source's background refreshes.
 */
public final class CarbonBench implements AutoCloseable {

    /** The logger, loaded only when there is something to log: the first answer loads no logging classes. */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CarbonBench.class);
    }

    private final Catalog catalog;
    private final TokenMix tokenMix;
    private final EmissionFactor emissionFactor;
    private final Clock clock;
    private final Optional<GridIntensitySource> gridSource;
    private final IntensityResolver intensity;
    private final Scorer scorer;
    private final ObservedSpeeds observedSpeeds;
    private final ScoreMemo memo;

    private CarbonBench(Builder b) {
        this.catalog = b.catalog;
        this.tokenMix = b.tokenMix;
        this.emissionFactor = b.emissionFactor;
        this.clock = b.clock;
        this.gridSource = Optional.ofNullable(b.gridSource);
        this.intensity = new IntensityResolver(gridSource,
                new StaticGridIntensitySource(catalog, emissionFactor, clock), clock);
        this.observedSpeeds = b.observedSpeeds != null ? b.observedSpeeds : ObservedSpeeds.create();
        this.scorer = new Scorer(catalog, tokenMix, observedSpeeds, b.boundary);
        this.memo = new ScoreMemo(clock, gridSource, catalog::offering, this::score);
        if (b.gridSource != null && !b.awaitLiveData.isZero()) {
            awaitLive(b.gridSource, catalog.zones().stream().map(z -> z.key()).toList(), b.awaitLiveData);
        }
    }

    /** Starts loading the zones and waits up to {@code max}; whatever has not arrived keeps loading in the background. */
    private static void awaitLive(GridIntensitySource source, List<String> zones, Duration max) {
        try {
            source.prefetch(zones).get(max.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            Log.LOG.debug("Live grid data did not all arrive within {}; the catalog answers for the rest meanwhile", max);
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            // the catalog's defaults answer for every zone still missing; say why, with the cause
            Log.LOG.warn("Loading live grid data failed; the catalog's values answer until it works", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A CarbonBench on the embedded catalog, typical-profile intensities, the default token mix. */
    public static CarbonBench create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Catalog catalog() {
        return catalog;
    }

    public TokenMix tokenMix() {
        return tokenMix;
    }

    /**
     * The output speeds this application observed; a router records into it, and every score uses an
     * observed speed instead of the catalog's for that endpoint (export: {@link ObservedSpeeds#toOverlay}).
     */
    public ObservedSpeeds observedSpeeds() {
        return observedSpeeds;
    }

    /** What every figure counts: {@link Boundary#SERVER} unless the builder said otherwise. */
    public Boundary boundary() {
        return scorer.boundary();
    }

    public EmissionFactor emissionFactor() {
        return emissionFactor;
    }

    /**
     * The clock that says what "now" is for every score, curve and recommendation; the router and the
     * adapters built on this CarbonBench default to it, so that one clock governs them all.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The offering's score now. The score is reused while the hour and the grid source's current value
     * stay the same, so its {@link Score#at()} is the moment it was first computed within this hour.
     */
    public Score score(OfferingKey key) {
        Objects.requireNonNull(key, "key");
        return withObservedSpeed(memo.score(key));
    }

    /**
     * A memoised score keeps the speed it was computed with; an observed speed may have arrived since.
     * Without observations for the offering this is one map read and no allocation.
     */
    private Score withObservedSpeed(Score s) {
        Offering o = s.offering();
        Optional<Speed> observed = observedSpeeds.speed(o.key());
        if (observed.isEmpty() || o.speed().equals(observed)) {
            return s;
        }
        return new Score(o.withSpeed(observed.get()), s.zone(), s.intensityGramsPerKwh(), s.provenance(), s.at(),
                s.gramsPerMillionInput(), s.gramsPerMillionOutput(), s.gramsPerMillionTokens(), s.usdPerMillionTokens(),
                s.boundary());
    }

    /** The offering's score for the hour containing {@code at}. */
    public Score scoreAt(OfferingKey key, Instant at) {
        Objects.requireNonNull(at, "at");
        return score(catalog.offering(key), at);
    }

    /**
     * The offering's score at a grid intensity the caller gives (gCO2e/kWh), for every region the call
     * may run in; provenance {@link Provenance#OVERRIDE}.
     */
    public Score scoreWithIntensity(OfferingKey key, double gramsPerKwh) {
        Checks.nonNegative("gramsPerKwh", gramsPerKwh);
        return scorer.score(catalog.offering(key), Range.exactly(gramsPerKwh), Provenance.OVERRIDE, intensity.now());
    }

    /** Grams of CO2e for one call made now on this offering. Allocates only the returned range. */
    public Range grams(OfferingKey key, long inputTokens, long outputTokens) {
        // The memoised score directly: grams do not depend on the speed that score(key) brings up to date.
        return memo.score(Objects.requireNonNull(key, "key")).gramsFor(inputTokens, outputTokens);
    }

    /**
     * The central value of {@link #grams(OfferingKey, long, long)}, without allocating: for callers
     * that account every request and need no range.
     */
    public double gramsCentral(OfferingKey key, long inputTokens, long outputTokens) {
        return memo.score(Objects.requireNonNull(key, "key")).gramsCentralFor(inputTokens, outputTokens);
    }

    /** The offerings a query selects, scored and ordered. Unknown ids in the query throw {@link UnknownIdException}. */
    public List<Score> leaderboard(LeaderboardQuery query) {
        Objects.requireNonNull(query, "query");
        Instant at = query.at().orElseGet(intensity::now);
        List<Offering> selected = scorer.select(query);
        List<Score> scores = new ArrayList<>(selected.size());
        // Many offerings share a zone: resolve each zone once per query.
        Map<String, GridIntensity> byZone = new HashMap<>();
        Function<String, GridIntensity> intensityOf = zone -> byZone.computeIfAbsent(zone, z -> intensity.at(z, at));
        for (Offering o : selected) {
            Score s = scorer.score(o, at, intensityOf);
            if (query.constraints().carbonViolation(s.gramsPerMillionTokens().central()).isEmpty()) {
                scores.add(s);
            }
        }
        scores.sort(Scorer.order(query.sort()));
        return scores.size() > query.limit() ? List.copyOf(scores.subList(0, query.limit())) : List.copyOf(scores);
    }

    /** The lowest-carbon way to run this model (id or alias) now, with no constraints. */
    public Recommendation recommend(String model) {
        return recommend(RecommendationRequest.of(model));
    }

    /**
     * The lowest-carbon option for the request's model within its constraints, four alternatives and
     * the savings. Throws {@link CarbonBenchException} when no offering meets the constraints.
     */
    public Recommendation recommend(RecommendationRequest request) {
        Objects.requireNonNull(request, "request");
        Model model = catalog.model(request.model());
        List<Score> byCarbon = leaderboard(request.toQuery());
        if (byCarbon.isEmpty()) {
            throw new CarbonBenchException("No offering of " + model.id() + " meets the constraints (" + request.constraints().describe()
                    + "); it is offered by " + catalog.offeringsOf(model.id()).stream()
                            .map(o -> o.provider().id() + "/" + o.region().id()).distinct().toList(), false);
        }
        Region bestRegion = byCarbon.get(0).offering().region();
        Instant from = request.at().orElseGet(intensity::now);
        return Recommender.recommend(model, byCarbon, curve(bestRegion, from, adviceHours(bestRegion.zone().key(), from)));
    }

    /**
     * The region's grid intensity for the 24 hours starting with the current one: forecast values where
     * the live source has them, the typical profile otherwise. The region is {@code id} when unique,
     * else {@code provider/id}.
     */
    public DailyCurve curve(String region) {
        return curve(catalog.region(region), intensity.now());
    }

    /**
     * The region's grid intensity over the last 24 hours, ending with the current hour: the live
     * source's history where it has one, the typical profile otherwise (each point says which).
     */
    public DailyCurve history(String region) {
        Instant now = intensity.now().truncatedTo(ChronoUnit.HOURS);
        return curve(catalog.region(region), now.minus(Duration.ofHours(DAY_HOURS - 1)), DAY_HOURS);
    }

    /**
     * The region's grid intensity from the current hour as far ahead as the live forecast reaches (24 to
     * 72 hours), the typical profile filling hours the forecast does not cover; 24 hours of typical
     * profile when there is no forecast.
     */
    public DailyCurve forecast(String region) {
        Region r = catalog.region(region);
        Instant now = intensity.now();
        return curve(r, now, adviceHours(r.zone().key(), now));
    }

    /**
     * Time shifting: the start time and offering with the lowest mean carbon for a deferrable job of
     * {@code jobDuration} that must finish by {@code deadline}, and the saving against starting now on the
     * offering that is best now. Candidate starts are now, now + 1 h, now + 2 h and so on, as in the Green
     * Software Foundation's Carbon Aware SDK (rolling average over hourly values, window = job duration).
     * Intensities are the live forecast where the grid source has one, the typical daily profile otherwise;
     * the result states the weakest provenance used. "Now" is this instance's clock.
     *
     * @throws IllegalArgumentException when {@code candidates} is empty, the job cannot finish by the
     *                                  deadline, or the deadline is more than 14 days ahead
     * @throws UnknownIdException       when a candidate is not in the catalog
     */
    public WindowChoice bestWindow(Collection<OfferingKey> candidates,
            Duration jobDuration, Instant deadline) {
        return TimeShift.bestWindow(this, candidates, jobDuration, deadline);
    }

    /**
     * The mean carbon of running on {@code endpoint} over {@code [start, start + duration)}, averaged exactly as
     * {@link #bestWindow} averages: the hourly g/Mtok and grid intensity (forecast where live, typical profile
     * otherwise) weighted by their overlap with the window, with the weakest provenance used. Use it to
     * re-evaluate a window chosen earlier on today's data, e.g. to see whether a new {@code bestWindow} is
     * really cleaner than a planned one. Each hour is scored as {@link #scoreAt} scores it.
     *
     * @throws IllegalArgumentException when {@code duration} is zero or negative
     * @throws UnknownIdException       when {@code endpoint} is not in the catalog
     */
    public WindowChoice.Window window(OfferingKey endpoint, Instant start, Duration duration) {
        return TimeShift.window(this, endpoint, start, duration);
    }

    DailyCurve curve(Region region, Instant from) {
        return curve(region, from, DAY_HOURS);
    }

    /** The hours the cleanest-hour advice looks ahead. */
    static final int DAY_HOURS = 24;
    /** The farthest a forecast is trusted for advice (Electricity Maps' longest horizon). */
    static final int MAX_FORECAST_HOURS = 72;

    /**
     * How far ahead the cleanest-hour advice looks: as far as the live forecast reaches (between 24
     * and 72 hours) when there is one, else a typical day. A typical profile repeats daily, so looking
     * beyond 24 hours without a forecast would only repeat it.
     */
    int adviceHours(String zone, Instant from) {
        if (gridSource.isEmpty()) {
            return DAY_HOURS;
        }
        List<GridIntensity> forecast;
        try {
            forecast = gridSource.get().forecast(zone);
        } catch (RuntimeException e) {
            // A third-party source must not break a recommendation; keep the cause for whoever debugs it.
            Log.LOG.debug("Forecast for {} failed; advising over a typical day", zone, e);
            return DAY_HOURS;
        }
        if (forecast.isEmpty()) {
            return DAY_HOURS;
        }
        long reach = Duration.between(from.truncatedTo(ChronoUnit.HOURS), forecast.get(forecast.size() - 1).at()).toHours() + 1;
        return (int) Math.max(DAY_HOURS, Math.min(MAX_FORECAST_HOURS, reach));
    }

    DailyCurve curve(Region region, Instant from, int hours) {
        String zone = region.zone().key();
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        List<DailyCurve.Point> points = new ArrayList<>(hours);
        boolean flat = region.zone().profile().flat();
        for (int i = 0; i < hours; i++) {
            Instant t = start.plus(Duration.ofHours(i));
            GridIntensity g = intensity.at(zone, t);
            flat &= g.provenance() == Provenance.DEFAULT;
            points.add(new DailyCurve.Point((int) Math.floorMod(t.getEpochSecond() / 3600, 24L), t, g.gramsPerKwh(),
                    g.provenance()));
        }
        return new DailyCurve(region, zone, points, flat);
    }

    /** {@link #scoreAt} for an offering already resolved. */
    Score score(Offering offering, Instant at) {
        return scorer.score(offering, at, zone -> intensity.at(zone, at));
    }

    /** Stops the grid source's background refreshes. Idempotent. */
    @Override
    public void close() {
        gridSource.ifPresent(GridIntensitySource::close);
    }

    @Override
    public String toString() {
        return "CarbonBench[" + catalog + ", " + tokenMix + ", " + emissionFactor + ", boundary=" + scorer.boundary().id()
                + ", source=" + gridSourceName() + "]";
    }

    /**
     * The name of the grid source in use, e.g. {@code electricity-maps}; {@code catalog} (the embedded annual
     * averages) when none was given.
     */
    public String gridSourceName() {
        return gridSource.map(GridIntensitySource::name).orElse(StaticGridIntensitySource.NAME);
    }

    /** Builds a {@link CarbonBench}. Not thread-safe; the built instance is. */
    public static final class Builder {
        private @Nullable Catalog catalog;
        private TokenMix tokenMix = TokenMix.DEFAULT;
        private EmissionFactor emissionFactor = EmissionFactor.LIFECYCLE;
        private Boundary boundary = Boundary.SERVER;
        private Clock clock = Clock.systemUTC();
        private @Nullable GridIntensitySource gridSource;
        private Duration awaitLiveData = Duration.ZERO;
        private @Nullable ObservedSpeeds observedSpeeds;

        private Builder() {
        }

        /** The catalog to use; default {@link Catalog#embedded()}. */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** How input and output tokens blend into per-million-token figures; default 3:1. */
        public Builder tokenMix(TokenMix tokenMix) {
            this.tokenMix = Objects.requireNonNull(tokenMix, "tokenMix");
            return this;
        }

        /**
         * What the figures count: {@link Boundary#SERVER} (default: accelerator, host, idle capacity, PUE),
         * {@link Boundary#GPU} (accelerator × PUE, the formula of version 0.1) or {@link Boundary#LIFECYCLE}
         * (server plus embodied hardware emissions).
         */
        public Builder boundary(Boundary boundary) {
            this.boundary = Objects.requireNonNull(boundary, "boundary");
            return this;
        }

        /** Life-cycle (default) or direct emission factors, for embedded and live values alike. */
        public Builder emissionFactor(EmissionFactor emissionFactor) {
            this.emissionFactor = Objects.requireNonNull(emissionFactor, "emissionFactor");
            return this;
        }

        /** The clock that says what "now" is; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A live grid-intensity source, asked first; the catalog's profiles fill whatever it does not
         * know. {@link CarbonBench#close()} closes it.
         */
        public Builder gridSource(GridIntensitySource source) {
            this.gridSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * At {@link #build()}, load every catalog zone from the grid source and wait up to {@code max}
         * for the answers; default zero (build at once, load on first use, answer from the catalog until
         * live values arrive). Useful for one-shot programs such as a CLI; a long-running service rarely
         * needs it. Zones that have not arrived in time keep loading in the background.
         */
        public Builder awaitLiveData(Duration max) {
            Objects.requireNonNull(max, "max");
            if (max.isNegative()) {
                throw new IllegalArgumentException("max must be >= 0, was " + max);
            }
            this.awaitLiveData = max;
            return this;
        }

        /** Where observed speeds are kept; default a new, empty {@link ObservedSpeeds#create()}. Share one to pool routers. */
        public Builder observedSpeeds(ObservedSpeeds observedSpeeds) {
            this.observedSpeeds = Objects.requireNonNull(observedSpeeds, "observedSpeeds");
            return this;
        }

        public CarbonBench build() {
            if (catalog == null) {
                catalog = Catalog.embedded();
            }
            return new CarbonBench(this);
        }
    }
}
