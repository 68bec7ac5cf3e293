package ai.carbonbench.core.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one resolution of grid intensity (public entry: {@link GridSources#resolve}): live → forecast →
 * history → last good → snapshot → default. Each source of a chain is asked in order: for the current
 * hour its live reading, then a forecast or history point covering the time, then its last good value
 * ({@link Provenance#STALE}); for another hour, its forecast (future) or history (past) point covering
 * it. Then the next source (a snapshot after the live ones); the caller's default (the catalog's
 * profile) comes last. A source that throws is skipped. Stateless.
 */
final class Resolution {

    private Resolution() {
    }

    static Optional<GridIntensity> at(List<GridIntensitySource> sources, String zone, Instant time, Instant now) {
        Instant hour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        boolean currentHour = !time.isBefore(hour) && time.isBefore(hour.plus(Duration.ofHours(1)));
        boolean future = time.isAfter(now);
        for (GridIntensitySource s : sources) {
            Optional<GridIntensity> current = currentHour ? safeCurrent(s, zone) : Optional.empty();
            if (current.isPresent() && current.get().provenance().trust() >= Provenance.LIVE.trust()) {
                return current; // live
            }
            Optional<GridIntensity> covering = future || currentHour ? covering(safe(() -> s.forecast(zone)), time)
                    : Optional.empty();
            if (covering.isEmpty() && !future) {
                covering = covering(safe(() -> s.history(zone)), time);
            }
            if (covering.isPresent()) {
                return covering; // forecast, then history
            }
            if (current.isPresent()) {
                return current; // last good
            }
        } // then the next source: a snapshot after the live ones
        return Optional.empty();
    }

    /** The first current value among the sources, in order: live or last good, then the next source's. */
    static Optional<GridIntensity> current(List<GridIntensitySource> sources, String zone) {
        for (GridIntensitySource s : sources) {
            Optional<GridIntensity> v = safeCurrent(s, zone);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
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

    private static List<GridIntensity> safe(java.util.function.Supplier<List<GridIntensity>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return List.of(); // a misbehaving third-party source must not break a score; the next step answers
        }
    }

    private static Optional<GridIntensity> safeCurrent(GridIntensitySource s, String zone) {
        try {
            return s.current(zone);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
