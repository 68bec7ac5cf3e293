package ai.carbonbench.core.grid;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One upstream API, fetched without caching: what {@link CachedSource} loads from. Each call starts
 * at most one logical request (with its retries) and never blocks the calling thread; a failure is a
 * future failed with {@link FetchException}.
 */
interface Fetcher {

    /** The {@link GridIntensity#source()} label, e.g. {@code electricitymaps}. */
    String name();

    /** Whether this API can answer for the zone at all; when not, no request is made. */
    boolean serves(String zone);

    /** The newest value, provenance {@link Provenance#LIVE}. */
    CompletableFuture<GridIntensity> latest(String zone);

    /** The last 24 h, sorted, provenance {@link Provenance#HISTORY}; never empty on success. */
    CompletableFuture<List<GridIntensity>> history(String zone);

    /** The hours ahead, sorted, provenance {@link Provenance#FORECAST}; never empty on success. */
    CompletableFuture<List<GridIntensity>> forecast(String zone);
}
