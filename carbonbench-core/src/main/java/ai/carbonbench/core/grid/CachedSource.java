package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Fetcher} behind three {@link CachedSignal}s (latest, history, forecast), keyed by zone: reads
 * never wait on the network once a value exists, a failed load keeps the last good value. A value older
 * than {@code staleAfter} is marked {@link Provenance#STALE}; one older than {@code expireAfter} is
 * dropped, so the caller's fallback (snapshot, then the catalog's default) takes over. A zone never
 * loaded answers empty at once and loads in the background (or waits up to {@code awaitFirstValue}).
 *
 * <p><b>No clock read per cached read.</b> With the system ticker, {@code current(zone)} answers from a
 * precomputed {@link FreshnessTimer.Answer} until the shared timer marks it due (its next refresh,
 * staleness or expiry time) or a load completes; only then does a read go through the cache and the
 * ticker again. With any other ticker (a test's) every read goes through the cache. Thread-safe.
 */
final class CachedSource implements GridIntensitySource {

    private final Fetcher fetcher;
    private final Settings settings;
    private final @Nullable GridResources resources;
    private final CachedSignal<GridIntensity> latest;
    private final CachedSignal<List<GridIntensity>> history;
    private final CachedSignal<List<GridIntensity>> forecast;
    private final boolean timed;
    private final ConcurrentHashMap<String, FreshnessTimer.Answer<Optional<GridIntensity>>> answers =
            new ConcurrentHashMap<>();
    /** Completed loads of the latest signal, so a reader can tell that its answer was outdated while built. */
    private final AtomicLong latestLoads = new AtomicLong();
    private volatile boolean closed;

    /** Cache timings and the injected time/thread seams. */
    record Settings(Duration refreshLatest, Duration refreshHistory, Duration refreshForecast, Duration staleAfter,
            Duration expireAfter, Duration awaitFirstValue, Ticker ticker, Clock clock, Executor executor,
            org.slf4j.Logger logger) {
    }

    CachedSource(Fetcher fetcher, Settings settings, @Nullable GridResources resources) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.resources = resources;
        FailureLog failures = new FailureLog(settings.logger(), fetcher.name(), new FailureLog.Consequences(
                "serving the last good value until it expires", "no value for this zone yet, callers get the fallback"));
        this.latest = signal("latest", settings.refreshLatest(), failures, fetcher::latest);
        this.history = signal("history", settings.refreshHistory(), failures, fetcher::history);
        this.forecast = signal("forecast", settings.refreshForecast(), failures, fetcher::forecast);
        this.timed = FreshnessTimer.tracks(settings.ticker());
        latest.onLoaded(zone -> {
            latestLoads.incrementAndGet();
            FreshnessTimer.Answer<?> a = answers.remove(zone);
            if (a != null) {
                a.due = true;
            }
        });
    }

    private <T> CachedSignal<T> signal(String name, Duration refreshAfter, FailureLog failures,
            java.util.function.Function<String, CompletableFuture<T>> fetch) {
        return new CachedSignal<>(name, refreshAfter, settings.expireAfter(), settings.awaitFirstValue(),
                settings.ticker(), settings.executor(), failures, () -> closed, fetch);
    }

    @Override
    public String name() {
        return fetcher.name();
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        if (closed || zone == null) {
            return Optional.empty();
        }
        if (timed) {
            FreshnessTimer.Answer<Optional<GridIntensity>> a = answers.get(zone);
            if (a != null && !a.due) {
                return a.value;
            }
        }
        if (!fetcher.serves(zone)) {
            return Optional.empty();
        }
        long loads = latestLoads.get();
        // One ticker read serves the hard-expiry and the staleness check.
        long now = settings.ticker().read();
        Optional<CachedSignal.Slot<GridIntensity>> slot = latest.read(zone, now);
        long staleAfter = settings.staleAfter().toNanos();
        Optional<GridIntensity> value = slot.map(s -> now - s.fetchedAt() > staleAfter
                ? s.value().withProvenance(Provenance.STALE) : s.value());
        if (timed && slot.isPresent()) {
            publish(zone, slot.get(), value, now, loads);
        }
        return value;
    }

    /** Keeps the answer until its next refresh, staleness or expiry time, whichever comes first. */
    private void publish(String zone, CachedSignal.Slot<GridIntensity> slot, Optional<GridIntensity> value, long now,
            long loadsBefore) {
        long next = slot.writtenAt() + settings.refreshLatest().toNanos();
        long stale = slot.fetchedAt() + settings.staleAfter().toNanos();
        if (stale >= now) {
            next = Math.min(next, stale + 1);
        }
        next = Math.min(next, slot.fetchedAt() + settings.expireAfter().toNanos());
        FreshnessTimer.Answer<Optional<GridIntensity>> a = new FreshnessTimer.Answer<>(value);
        answers.put(zone, a);
        FreshnessTimer.markDueAfter(a, next - now);
        if (latestLoads.get() != loadsBefore) {
            a.due = true; // a load completed while this answer was built: it may be outdated
        }
    }

    @Override
    public List<GridIntensity> history(String zone) {
        if (closed || zone == null || !fetcher.serves(zone)) {
            return List.of();
        }
        return history.read(zone).map(CachedSignal.Slot::value).orElse(List.of());
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
                all.add(latest.load(zone));
                all.add(history.load(zone));
                all.add(forecast.load(zone));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    }

    /** Reloads every signal of the zone now (tests: a refresh without waiting for the interval). */
    CompletableFuture<Void> refreshNow(String zone) {
        return CompletableFuture.allOf(latest.refresh(zone), history.refresh(zone), forecast.refresh(zone))
                .exceptionally(e -> null);
    }

    /** Stops background work: shuts down what this source created (never an injected executor or client). */
    @Override
    public void close() {
        closed = true;
        answers.clear();
        if (resources != null) {
            resources.close();
        }
    }

    @Override
    public String toString() {
        return "CachedSource[" + fetcher + ", refresh latest/history/forecast " + settings.refreshLatest() + "/"
                + settings.refreshHistory() + "/" + settings.refreshForecast() + ", stale after " + settings.staleAfter()
                + ", expire after " + settings.expireAfter() + "]";
    }
}
