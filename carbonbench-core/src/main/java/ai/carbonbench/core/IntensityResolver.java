package ai.carbonbench.core;

import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.grid.StaticGridIntensitySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The seam between scoring and grid data: asks the configured live source first and falls back to the
 * catalog's typical profile, so scoring code never knows which one answered. Never blocks, never throws
 * for missing data.
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
     * The best value for the zone at {@code time}: the current value for the current hour; a live
     * forecast or history point covering the time; else the typical profile for that hour.
     */
    GridIntensity at(String zone, Instant time) {
        // One clock read per lookup: this runs for every zone of every score.
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        boolean currentHour = !time.isBefore(hour) && time.isBefore(hour.plus(Duration.ofHours(1)));
        if (live.isPresent()) {
            GridIntensitySource source = live.get();
            if (currentHour) {
                Optional<GridIntensity> current = source.current(zone);
                if (current.isPresent()) {
                    return current.get();
                }
            } else {
                List<GridIntensity> series = time.isAfter(now) ? source.forecast(zone) : source.history(zone);
                Optional<GridIntensity> covering = covering(series, time);
                if (covering.isPresent()) {
                    return covering.get();
                }
            }
        }
        // The typical profile for the hour containing time (for the current hour, what defaults.current gives).
        return defaults.at(zone, time)
                .orElseThrow(() -> new IllegalStateException("zone " + zone + " is not in the catalog"));
    }

    /** The latest point at or before {@code time} and less than an hour before it. */
    private static Optional<GridIntensity> covering(List<GridIntensity> series, Instant time) {
        GridIntensity found = null;
        for (GridIntensity g : series) {
            if (!g.at().isAfter(time) && g.at().plus(Duration.ofHours(1)).isAfter(time)) {
                found = g;
            }
        }
        return Optional.ofNullable(found);
    }
}
