package ai.carbonbench.core;

import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.GridSources;
import ai.carbonbench.core.grid.StaticGridIntensitySource;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The seam between scoring and grid data: asks the configured source through the one resolution
 * ({@link GridSources#resolve}) and falls back to the catalog's typical profile, so scoring code never
 * knows which one answered. Never blocks, never throws for missing data.
 */
final class IntensityResolver {

    private final Optional<GridIntensitySource> live;
    private final StaticGridIntensitySource defaults;
    private final Clock clock;

    IntensityResolver(Optional<GridIntensitySource> live, StaticGridIntensitySource defaults, Clock clock) {
        this.live = live;
        this.defaults = defaults;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * The best value for the zone at {@code time}: {@link GridSources#resolve} over the live source (live,
     * forecast, history, last good, snapshot), else the typical profile for that hour.
     */
    GridIntensity at(String zone, Instant time) {
        // One clock read per lookup: this runs for every zone of every score.
        Instant now = clock.instant();
        if (live.isPresent()) {
            Optional<GridIntensity> resolved = GridSources.resolve(live.get(), zone, time, now);
            if (resolved.isPresent()) {
                return resolved.get();
            }
        }
        // The typical profile for the hour containing time (for the current hour, what defaults.current gives).
        return defaults.at(zone, time)
                .orElseThrow(() -> new IllegalStateException("zone " + zone + " is not in the catalog"));
    }
}
