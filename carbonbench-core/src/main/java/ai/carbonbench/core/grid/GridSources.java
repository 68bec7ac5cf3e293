package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.AnnualIntensity;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * Composes grid-intensity sources.
 *
 * <pre>{@code
 * GridIntensitySource grid = GridSources.chain(
 *         UkCarbonIntensitySource.builder().build(),              // GB, no key
 *         ElectricityMapsSource.builder().build(),                // everything else
 *         SnapshotSource.builder("https://intranet/grid.json").build()); // when both are down
 * CarbonBench cb = CarbonBench.builder().gridSource(grid).build();   // the catalog's DEFAULT last
 * }</pre>
 *
 * <p>The chain is how the fallback order live → forecast → history → last good → snapshot → default is
 * put together: each live source serves its last good value (marked {@link Provenance#STALE} when old)
 * until its hard limit, then answers empty, so the next source in the chain answers, and the facade's
 * catalog default comes last. {@link #resolve} is the one place that applies that order.
 */
public final class GridSources {

    private GridSources() {
    }

    /**
     * A source that asks {@code sources} in order and returns the first non-empty answer (per call, per
     * signal). A chain among them is flattened into its sources (so {@link #resolve} asks each of those in
     * order). Thread-safe if they are; never throws if they do not; {@code close()} closes them all.
     */
    public static GridIntensitySource chain(GridIntensitySource... sources) {
        Objects.requireNonNull(sources, "sources");
        if (sources.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one source");
        }
        for (int i = 0; i < sources.length; i++) {
            Objects.requireNonNull(sources[i], "sources[" + i + "]");
        }
        return sources.length == 1 ? sources[0] : new ChainSource(List.of(sources));
    }

    /**
     * The one resolution of grid intensity for {@code zone} at {@code time}, given what "now" is: live →
     * forecast → history → last good → snapshot → default. Each source of a chain is asked in order: for
     * the current hour its live reading, then a forecast or history point covering the time, then its last
     * good value ({@link Provenance#STALE}); for another hour, its forecast (future) or history (past)
     * point covering it; then the next source (a snapshot after the live ones). Empty when no source knows: the caller's default comes last (the
     * facade uses the catalog's typical profile). Never blocks on the network; a source that throws is
     * skipped.
     */
    public static Optional<GridIntensity> resolve(GridIntensitySource source, String zone, Instant time, Instant now) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(now, "now");
        List<GridIntensitySource> sources = source instanceof ChainSource c ? c.sources() : List.of(source);
        return Resolution.at(sources, zone, time, now);
    }

    /**
     * The live sources the environment allows, with default settings, reporting the facade's kind of
     * emission factor: UK Carbon Intensity for {@code GB} (no key needed; its operational figures are
     * converted to life-cycle ones with the catalog's GB life-cycle/direct ratio when {@code factor} is
     * {@link EmissionFactor#LIFECYCLE}), then Electricity Maps when {@code ELECTRICITYMAPS_API_KEY} is
     * set (base URLs from {@code ELECTRICITYMAPS_BASE_URL} and {@code CARBONINTENSITY_UK_BASE_URL}).
     * Makes no request until a zone is read or prefetched.
     */
    public static GridIntensitySource fromEnvironment(Catalog catalog, EmissionFactor factor) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(factor, "factor");
        List<GridIntensitySource> sources = new ArrayList<>();
        UkCarbonIntensitySource.Builder uk = UkCarbonIntensitySource.builder();
        if (factor == EmissionFactor.LIFECYCLE) {
            AnnualIntensity gb = catalog.zone(UkCarbonIntensitySource.GB).annual();
            uk.lifecycleFactor(gb.lifecycleGramsPerKwh() / gb.directGramsPerKwh());
        }
        sources.add(uk.build());
        String key = System.getenv(ElectricityMapsSource.API_KEY_ENV);
        if (key != null && !key.isBlank()) {
            sources.add(ElectricityMapsSource.builder().emissionFactor(factor).build());
        }
        return chain(sources.toArray(GridIntensitySource[]::new));
    }
}
