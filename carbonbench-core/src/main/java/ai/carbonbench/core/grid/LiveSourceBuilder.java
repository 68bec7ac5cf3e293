package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The options every live HTTP source shares: cache timings, HTTP timeouts, rate limit and the
 * time/thread seams. Not thread-safe; the built source is.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
abstract class LiveSourceBuilder<B extends LiveSourceBuilder<B>> {

    Duration refreshLatest = Duration.ofMinutes(15);
    Duration refreshHistory = Duration.ofHours(1);
    Duration refreshForecast = Duration.ofHours(1);
    Duration staleAfter = Duration.ofHours(1);
    Duration expireAfter = Duration.ofHours(6);
    Duration awaitFirstValue = Duration.ZERO;
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration requestTimeout = Duration.ofSeconds(10);
    double requestsPerSecond = 10;
    HttpClient httpClient;
    Executor executor;
    Ticker ticker = Ticker.systemTicker();
    Clock clock = Clock.systemUTC();
    // Package-private seams for tests.
    Delayer delayer;
    Logger logger = LoggerFactory.getLogger(GridIntensitySource.class);
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    int maxRetries = 3;
    Duration maxWait = Duration.ofSeconds(60);

    LiveSourceBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        return d;
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

    /**
     * The freshness limit: a current value fetched longer ago than this (because refreshes keep
     * failing) is reported as {@link Provenance#STALE}; default 1 hour.
     */
    public B staleAfter(Duration d) {
        staleAfter = positive("staleAfter", d);
        return self();
    }

    /**
     * The hard limit: a value fetched longer ago than this is no longer served, so the caller falls
     * back (next source in a chain, then the catalog's default); default 6 hours.
     */
    public B expireAfter(Duration d) {
        expireAfter = positive("expireAfter", d);
        return self();
    }

    /**
     * How long a read of a zone that has never loaded may wait for its first value; default zero
     * (answer empty at once and load in the background). Reads of a loaded zone never wait.
     */
    public B awaitFirstValue(Duration d) {
        Objects.requireNonNull(d, "awaitFirstValue");
        if (d.isNegative()) {
            throw new IllegalArgumentException("awaitFirstValue must be >= 0, was " + d);
        }
        awaitFirstValue = d;
        return self();
    }

    /** TCP connect timeout of the HTTP client this builder creates; default 5 s. Ignored with {@link #httpClient}. */
    public B connectTimeout(Duration d) {
        connectTimeout = positive("connectTimeout", d);
        return self();
    }

    /** Timeout of each HTTP request (one attempt); default 10 s. */
    public B requestTimeout(Duration d) {
        requestTimeout = positive("requestTimeout", d);
        return self();
    }

    /** Client-side limit on requests to this API, bursts of one second allowed; default 10 per second. */
    public B requestsPerSecond(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, was " + perSecond);
        }
        requestsPerSecond = perSecond;
        return self();
    }

    /** The HTTP client to use (proxy, TLS settings); default a new one with {@link #connectTimeout}. */
    public B httpClient(HttpClient client) {
        httpClient = Objects.requireNonNull(client, "client");
        return self();
    }

    /**
     * Where loads and refreshes run; default a small pool of daemon threads that the source creates
     * and {@code close()} shuts down. An executor given here is never shut down by the source.
     */
    public B executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    /** The time source for cache ages, rate limit and backoff; default {@link Ticker#systemTicker()}. */
    public B ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return self();
    }

    /** The wall clock (what "now" is for history and forecast windows); default UTC system clock. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    B delayer(Delayer delayer) {
        this.delayer = delayer;
        return self();
    }

    B logger(Logger logger) {
        this.logger = logger;
        return self();
    }

    B random(DoubleSupplier random) {
        this.random = random;
        return self();
    }

    B maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return self();
    }

    /** Builds the cached source around the fetcher that {@code fetcher} makes from the shared HTTP machinery. */
    final CachedSource buildCached(Function<HttpFetch, Fetcher> fetcher) {
        if (staleAfter.compareTo(refreshLatest) <= 0) {
            throw new IllegalStateException("staleAfter (" + staleAfter + ") must be longer than refreshLatestAfter ("
                    + refreshLatest + "), or every value would be stale before its first refresh");
        }
        if (expireAfter.compareTo(staleAfter) < 0) {
            throw new IllegalStateException("expireAfter (" + expireAfter + ") must not be shorter than staleAfter ("
                    + staleAfter + ")");
        }
        ExecutorService owned = null;
        Executor exec = executor;
        if (exec == null) {
            owned = newExecutor();
            exec = owned;
        }
        HttpClient client = httpClient;
        if (client == null) {
            HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (owned != null) {
                hb.executor(owned); // so that close() stops the client's work too
            }
            client = hb.build();
        }
        Delayer d = delayer != null ? delayer : Delayer.using(exec);
        HttpFetch http = new HttpFetch(client, requestTimeout, new RateLimiter(requestsPerSecond, ticker), d, clock,
                maxRetries, maxWait, random);
        CachedSource.Settings settings = new CachedSource.Settings(refreshLatest, refreshHistory, refreshForecast,
                staleAfter, expireAfter, awaitFirstValue, ticker, clock, exec, logger);
        return new CachedSource(fetcher.apply(http), settings, owned);
    }

    /** Two daemon threads that die when idle, so an unused source costs nothing and never keeps a JVM alive. */
    static ExecutorService newExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "carbonbench-grid-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
