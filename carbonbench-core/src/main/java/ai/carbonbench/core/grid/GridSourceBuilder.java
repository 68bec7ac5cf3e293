package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The options every grid source builder shares (live APIs and snapshots): freshness and hard limits,
 * the first-read wait, HTTP timeouts, and the time/thread seams, validated once here; and the one place
 * that creates (and owns) threads and HTTP clients. Not thread-safe; the built source is.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
abstract class GridSourceBuilder<B extends GridSourceBuilder<B>> {

    Duration staleAfter;
    Duration expireAfter;
    Duration awaitFirstValue = Duration.ZERO;
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration requestTimeout = Duration.ofSeconds(10);
    @Nullable HttpClient httpClient;
    @Nullable Executor executor;
    Ticker ticker = Ticker.systemTicker();
    Clock clock = Clock.systemUTC();
    // Package-private seams for tests.
    @Nullable Delayer delayer;
    Logger logger = LoggerFactory.getLogger(GridIntensitySource.class);
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    int maxRetries = 3;

    GridSourceBuilder(Duration staleAfter, Duration expireAfter) {
        this.staleAfter = staleAfter;
        this.expireAfter = expireAfter;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        return d;
    }

    /**
     * The freshness limit: a current value fetched longer ago than this (because refreshes keep
     * failing) is reported as {@link Provenance#STALE}; default 1 hour (a snapshot: 2 hours since it was
     * generated).
     */
    public B staleAfter(Duration d) {
        staleAfter = positive("staleAfter", d);
        return self();
    }

    /**
     * The hard limit: a value fetched longer ago than this is no longer served, so the caller falls
     * back (next source in a chain, then the catalog's default); default 6 hours (a snapshot: 24 hours
     * since it was generated).
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

    /** Fails unless the freshness limit comes before the hard limit. */
    void checkLimits() {
        if (expireAfter.compareTo(staleAfter) < 0) {
            throw new IllegalStateException("expireAfter (" + expireAfter + ") must not be shorter than staleAfter ("
                    + staleAfter + ")");
        }
    }

    /**
     * The executor and (when {@code http}) HTTP client of a new source: the user's, or new ones the source
     * owns. A client this creates always runs on an owned executor, so that closing the source stops it.
     */
    final GridResources resources(boolean http) {
        List<ExecutorService> owned = new ArrayList<>();
        Executor exec = executor;
        if (exec == null) {
            ExecutorService pool = newExecutor();
            owned.add(pool);
            exec = pool;
        }
        HttpClient client = httpClient;
        if (client == null && http) {
            if (owned.isEmpty()) {
                owned.add(newExecutor()); // the user's executor is not ours to stop, so the client gets its own
            }
            client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(owned.get(0)).build();
        }
        return new GridResources(exec, client, owned);
    }

    /** The resilient GET (rate limit, timeout, retries with {@link Backoff}) over the source's client. */
    final HttpFetch httpFetch(GridResources r, double requestsPerSecond) {
        Delayer d = delayer != null ? delayer : Delayer.using(r.executor());
        return new HttpFetch(r.http(), requestTimeout, new RateLimiter(requestsPerSecond, ticker), d,
                new HttpFetch.Retries(maxRetries, random, clock));
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
