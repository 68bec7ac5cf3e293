package ai.carbonbench.core.grid;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A supplier of grid carbon intensity for Electricity Maps zones: the current value, the last 24 hours
 * and the forecast.
 *
 * <p>Implementations must be thread-safe and must not block the calling thread on the network once a
 * value is cached: a call returns what is known now (possibly {@link Provenance#STALE}) and refreshes
 * in the background. They never throw for a failed fetch; they return what they have, or empty.
 * {@link #close()} stops background work.
 */
public interface GridIntensitySource extends AutoCloseable {

    /** A short name for logs and provenance, e.g. {@code electricitymaps}. */
    String name();

    /** The latest value for the zone, or empty when this source has none (unknown zone, nothing loaded yet). */
    Optional<GridIntensity> current(String zone);

    /** Hourly (or finer) values over the last 24 hours, oldest first; empty when none are known. */
    List<GridIntensity> history(String zone);

    /** Values for the hours ahead, earliest first; empty when no forecast is known. */
    List<GridIntensity> forecast(String zone);

    /**
     * Starts loading the zones' current value, history and forecast in the background, so that later
     * reads find them. The future completes when every load has finished, successfully or not; it never
     * completes exceptionally. Wait on it with a timeout to give a cold start a bounded chance to see
     * live data. The default (for sources without background loading) is already complete.
     */
    default CompletableFuture<Void> prefetch(Collection<String> zones) {
        return CompletableFuture.completedFuture(null);
    }

    /** Stops background refreshes. The default does nothing. */
    @Override
    default void close() {
    }
}
