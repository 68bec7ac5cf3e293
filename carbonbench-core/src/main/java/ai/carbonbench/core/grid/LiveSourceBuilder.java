package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The options of a live HTTP source on top of {@link GridSourceBuilder}'s: per-signal refresh intervals
 * and the client-side rate limit. Not thread-safe; the built source is.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
abstract class LiveSourceBuilder<B extends LiveSourceBuilder<B>> extends GridSourceBuilder<B> {

    Duration refreshLatest = Duration.ofMinutes(15);
    Duration refreshHistory = Duration.ofHours(1);
    Duration refreshForecast = Duration.ofHours(1);
    double requestsPerSecond = 10;
    final Function<String, String> env;
    URI baseUrl;

    LiveSourceBuilder(Function<String, String> env) {
        super(Duration.ofHours(1), Duration.ofHours(6));
        this.env = env;
    }

    /** The API's base URL; default the source's base-URL environment variable, else its production host. */
    public B baseUrl(URI baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /** The base URL given, else the environment variable {@code envName} when set, else {@code production}. */
    final URI baseUrlOr(String envName, URI production) {
        if (baseUrl != null) {
            return baseUrl;
        }
        String fromEnv = env.apply(envName);
        return fromEnv == null || fromEnv.isBlank() ? production : URI.create(fromEnv.strip());
    }

    /** How long after a fetch the current value is reloaded in the background; default 15 minutes. */
    public B refreshLatestAfter(Duration d) {
        refreshLatest = positive("refreshLatestAfter", d);
        return self();
    }

    /** How long after a fetch the 24-hour history is reloaded in the background; default 1 hour. */
    public B refreshHistoryAfter(Duration d) {
        refreshHistory = positive("refreshHistoryAfter", d);
        return self();
    }

    /** How long after a fetch the forecast is reloaded in the background; default 1 hour. */
    public B refreshForecastAfter(Duration d) {
        refreshForecast = positive("refreshForecastAfter", d);
        return self();
    }

    /** Client-side limit on requests to this API, bursts of one second allowed; default 10 per second. */
    public B requestsPerSecond(double perSecond) {
        requestsPerSecond = Checks.positive("requestsPerSecond", perSecond);
        return self();
    }

    /** Builds the cached source around the fetcher that {@code fetcher} makes from the shared HTTP machinery. */
    final CachedSource buildCached(Function<HttpFetch, Fetcher> fetcher) {
        if (staleAfter.compareTo(refreshLatest) <= 0) {
            throw new IllegalStateException("staleAfter (" + staleAfter + ") must be longer than refreshLatestAfter ("
                    + refreshLatest + "), or every value would be stale before its first refresh");
        }
        checkLimits();
        GridResources resources = resources(true);
        CachedSource.Settings settings = new CachedSource.Settings(refreshLatest, refreshHistory, refreshForecast,
                staleAfter, expireAfter, awaitFirstValue, ticker, clock, resources.executor(), logger);
        return new CachedSource(fetcher.apply(httpFetch(resources, requestsPerSecond)), settings, resources);
    }
}
