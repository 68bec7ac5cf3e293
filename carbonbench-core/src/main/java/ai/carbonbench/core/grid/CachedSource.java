package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A {@link Fetcher} behind three Caffeine async loading caches (latest, history, forecast), keyed by
 * zone. Reads never wait on the network once a value exists: {@code refreshAfterWrite} reloads in the
 * background while the old value is served; concurrent reads of one zone share one load; a failed
 * load keeps the last good value. A value older than {@code staleAfter} is marked
 * {@link Provenance#STALE}; one older than {@code expireAfter} is dropped, so the caller's fallback
 * (snapshot, then the catalog's default) takes over. A zone never loaded answers empty at once and
 * loads in the background (or waits up to {@code awaitFirstValue}). Thread-safe.
 */
final class CachedSource implements GridIntensitySource {

    /** First retry of a zone that has never loaded; doubles per failure up to the refresh interval. */
    static final Duration COLD_RETRY = Duration.ofSeconds(30);

    private final Fetcher fetcher;
    private final Settings settings;
    private final ExecutorService ownedExecutor;
    private final FailureLog failures;
    private final Signal<GridIntensity> latest;
    private final Signal<List<GridIntensity>> history;
    private final Signal<List<GridIntensity>> forecast;
    private volatile boolean closed;

    /** Cache timings and the injected time/thread seams. */
    record Settings(Duration refreshLatest, Duration refreshHistory, Duration refreshForecast, Duration staleAfter,
            Duration expireAfter, Duration awaitFirstValue, Ticker ticker, Clock clock, java.util.concurrent.Executor executor,
            org.slf4j.Logger logger) {
    }

    CachedSource(Fetcher fetcher, Settings settings, ExecutorService ownedExecutor) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.ownedExecutor = ownedExecutor;
        this.failures = new FailureLog(settings.logger(), fetcher.name());
        this.latest = new Signal<>("latest", settings.refreshLatest(), fetcher::latest);
        this.history = new Signal<>("history", settings.refreshHistory(), fetcher::history);
        this.forecast = new Signal<>("forecast", settings.refreshForecast(), fetcher::forecast);
    }

    @Override
    public String name() {
        return fetcher.name();
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        if (closed || zone == null || !fetcher.serves(zone)) {
            return Optional.empty();
        }
        // One clock read serves both the hard-expiry and the staleness check: on some machines a read costs 40 ns.
        long now = settings.ticker().read();
        return latest.read(zone, now).map(slot -> now - slot.fetchedAt() > settings.staleAfter().toNanos()
                ? slot.value().withProvenance(Provenance.STALE) : slot.value());
    }

    @Override
    public List<GridIntensity> history(String zone) {
        if (closed || zone == null || !fetcher.serves(zone)) {
            return List.of();
        }
        return history.read(zone).map(Slot::value).orElse(List.of());
    }

    @Override
    public List<GridIntensity> forecast(String zone) {
        if (closed || zone == null || !fetcher.serves(zone)) {
            return List.of();
        }
        return forecast.read(zone).map(slot -> ahead(slot.value(), settings.clock().instant())).orElse(List.of());
    }

    /** The points whose interval has not ended yet (interval = gap to the next point, 1 h for the last). */
    static List<GridIntensity> ahead(List<GridIntensity> points, Instant now) {
        List<GridIntensity> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            Instant end = i + 1 < points.size() ? points.get(i + 1).at()
                    : points.get(i).at().plus(i > 0 ? Duration.between(points.get(i - 1).at(), points.get(i).at()) : Duration.ofHours(1));
            if (end.isAfter(now)) {
                out.add(points.get(i));
            }
        }
        return out.size() == points.size() ? points : List.copyOf(out);
    }

    @Override
    public CompletableFuture<Void> prefetch(Collection<String> zones) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String zone : zones) {
            if (zone != null && fetcher.serves(zone)) {
                all.add(latest.cache.get(zone));
                all.add(history.cache.get(zone));
                all.add(forecast.cache.get(zone));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    }

    /** Reloads every signal of the zone now (tests: a refresh without waiting for the interval). */
    CompletableFuture<Void> refreshNow(String zone) {
        return CompletableFuture.allOf(latest.cache.synchronous().refresh(zone), history.cache.synchronous().refresh(zone),
                forecast.cache.synchronous().refresh(zone)).exceptionally(e -> null);
    }

    /** Stops background work: shuts down the executor this source created (never an injected one). */
    @Override
    public void close() {
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "CachedSource[" + fetcher + ", refresh latest/history/forecast " + settings.refreshLatest() + "/"
                + settings.refreshHistory() + "/" + settings.refreshForecast() + ", stale after " + settings.staleAfter()
                + ", expire after " + settings.expireAfter() + "]";
    }

    /**
     * What the cache holds for a zone: the last good value (null until one loaded), when it was
     * fetched (ticker ns) and how many loads have failed since.
     */
    record Slot<T>(T value, long fetchedAt, int failures) {
        long age(Ticker ticker) {
            return ticker.read() - fetchedAt;
        }

        Slot<T> failedAgain() {
            return new Slot<>(value, fetchedAt, failures + 1);
        }
    }

    /** One signal's cache. */
    private final class Signal<T> {
        final String name;
        final Duration refreshAfter;
        final Function<String, CompletableFuture<T>> fetch;
        final AsyncLoadingCache<String, Slot<T>> cache;
        /** Consecutive failed cold loads per zone, so that retries of a never-loaded zone back off. */
        final Map<String, Integer> coldFailures = new ConcurrentHashMap<>();

        Signal(String name, Duration refreshAfter, Function<String, CompletableFuture<T>> fetch) {
            this.name = name;
            this.refreshAfter = refreshAfter;
            this.fetch = fetch;
            this.cache = Caffeine.newBuilder()
                    .ticker(settings.ticker())
                    .executor(settings.executor())
                    .refreshAfterWrite(refreshAfter)
                    .expireAfter(new SlotExpiry())
                    .buildAsync(new Loader());
        }

        Optional<Slot<T>> read(String zone) {
            return read(zone, settings.ticker().read());
        }

        /** The zone's slot unless it is past the hard limit at {@code now} (ticker nanoseconds). */
        Optional<Slot<T>> read(String zone, long now) {
            CompletableFuture<Slot<T>> f = cache.get(zone);
            if (!f.isDone() && !settings.awaitFirstValue().isZero()) {
                try {
                    f.get(settings.awaitFirstValue().toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    // answer with what we have (nothing); the load goes on in the background
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Slot<T> slot;
            try {
                slot = f.getNow(null);
            } catch (RuntimeException e) {
                return Optional.empty(); // loads never fail by design; be safe anyway
            }
            if (slot == null || slot.value() == null || now - slot.fetchedAt() >= settings.expireAfter().toNanos()) {
                return Optional.empty();
            }
            return Optional.of(slot);
        }

        CompletableFuture<Slot<T>> load(String zone, Slot<T> old, java.util.concurrent.Executor executor) {
            if (closed) {
                return CompletableFuture.completedFuture(old != null ? old : new Slot<>(null, settings.ticker().read(), 1));
            }
            // Start on the executor: building a request can resolve DNS, which must not run on a reader's thread.
            return CompletableFuture.supplyAsync(() -> fetch.apply(zone), executor)
                    .thenCompose(Function.identity())
                    .handle((value, error) -> {
                        if (error == null && value != null) {
                            failures.success(zone, name);
                            coldFailures.remove(zone);
                            return new Slot<>(value, settings.ticker().read(), 0);
                        }
                        Throwable why = error != null ? error : new FetchException(FetchException.Kind.NO_DATA, "no value");
                        boolean haveValue = old != null && old.value() != null;
                        failures.failure(zone, name, why, haveValue ? "serving the last good value until it expires"
                                : "no value for this zone yet, callers get the fallback");
                        if (haveValue) {
                            return old.failedAgain();
                        }
                        int n = coldFailures.merge(zone, 1, Integer::sum);
                        return new Slot<T>(null, settings.ticker().read(), n);
                    });
        }

        private final class Loader implements AsyncCacheLoader<String, Slot<T>> {
            @Override
            public CompletableFuture<? extends Slot<T>> asyncLoad(String zone, java.util.concurrent.Executor executor) {
                return load(zone, null, executor);
            }

            @Override
            public CompletableFuture<? extends Slot<T>> asyncReload(String zone, Slot<T> old,
                    java.util.concurrent.Executor executor) {
                return load(zone, old, executor);
            }
        }

        /** Good values live until the hard limit after their fetch; empty slots until the next cold retry. */
        private final class SlotExpiry implements Expiry<String, Slot<T>> {
            @Override
            public long expireAfterCreate(String zone, Slot<T> slot, long now) {
                return remaining(slot, now);
            }

            @Override
            public long expireAfterUpdate(String zone, Slot<T> slot, long now, long currentDuration) {
                return remaining(slot, now);
            }

            @Override
            public long expireAfterRead(String zone, Slot<T> slot, long now, long currentDuration) {
                return currentDuration;
            }

            private long remaining(Slot<T> slot, long now) {
                if (slot.value() == null) {
                    long retry = COLD_RETRY.toNanos() << Math.min(Math.max(0, slot.failures() - 1), 20);
                    return Math.min(retry, refreshAfter.toNanos());
                }
                return Math.max(1, slot.fetchedAt() + settings.expireAfter().toNanos() - now);
            }
        }
    }
}
