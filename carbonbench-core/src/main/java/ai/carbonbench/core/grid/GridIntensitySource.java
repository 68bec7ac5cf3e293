package ai.carbonbench.core.grid;

import java.util.List;
import java.util.Optional;

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

    /** Stops background refreshes. The default does nothing. */
    @Override
    default void close() {
    }
}
