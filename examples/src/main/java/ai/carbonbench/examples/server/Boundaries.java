package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.score.Boundary;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link CarbonBench} per accounting boundary for the API's {@code boundary=} parameter: the server's
 * own at its boundary, and at each other boundary one built on first demand, then kept, with the server's
 * catalog, token mix, emission factor, clock and observed speeds, and the grid source the server's own was
 * built with when the caller passed it (a {@link CarbonBench} does not hand its source out; without it the
 * other boundaries use the catalog's typical profiles, and each row's provenance says so). A source is
 * thread-safe and read-only to its readers, so sharing it is safe; only closing is not, and its owner does
 * that. Thread-safe; {@link #close()} closes the instances built here (never the server's own, never a
 * shared source).
 */
final class Boundaries implements AutoCloseable {

    private final CarbonBench own;
    private final Optional<GridIntensitySource> shared;
    private final Map<Boundary, CarbonBench> built = new ConcurrentHashMap<>();

    Boundaries(CarbonBench own, Optional<GridIntensitySource> shared) {
        this.own = own;
        this.shared = shared;
    }

    /** The server's own CarbonBench: the default boundary and everything that does not depend on one. */
    CarbonBench own() {
        return own;
    }

    /** The CarbonBench scoring at {@code boundary} (the server's own for its boundary), built once. */
    CarbonBench at(Boundary boundary) {
        if (boundary == own.boundary()) {
            return own;
        }
        return built.computeIfAbsent(boundary, b -> {
            CarbonBench.Builder builder = CarbonBench.builder().boundary(b).catalog(own.catalog())
                    .tokenMix(own.tokenMix()).emissionFactor(own.emissionFactor()).clock(own.clock())
                    .observedSpeeds(own.observedSpeeds());
            shared.ifPresent(builder::gridSource);
            return builder.build();
        });
    }

    @Override
    public void close() {
        if (shared.isEmpty()) { // closing an instance closes its source, which here belongs to the caller
            built.values().forEach(CarbonBench::close);
        }
        built.clear();
    }
}
