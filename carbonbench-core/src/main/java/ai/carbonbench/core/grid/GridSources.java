package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.AnnualIntensity;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * <p>The chain is how the fallback order live → last good → snapshot → default is put together: each
 * live source serves its last good value (marked {@link Provenance#STALE} when old) until its hard
 * limit, then answers empty, so the next source in the chain answers, and the facade's catalog
 * default comes last.
 */
public final class GridSources {

    private GridSources() {
    }

    /**
     * A source that asks {@code sources} in order and returns the first non-empty answer (per call, per
     * signal). Thread-safe if they are; never throws if they do not; {@code close()} closes them all.
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
