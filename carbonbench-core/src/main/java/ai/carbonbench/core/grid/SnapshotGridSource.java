package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/** The snapshot reader behind {@link SnapshotSource}: one cached document, reloaded in the background. */
final class SnapshotGridSource implements GridIntensitySource {

    private static final String KEY = "snapshot";

    private final String location;
    private final HttpFetch http;
    private final Duration staleAfter;
    private final Duration expireAfter;
    private final Duration awaitFirstValue;
    private final Clock clock;
    private final ExecutorService owned;
    private final FailureLog failures;
    private final AsyncLoadingCache<String, Optional<SnapshotFormat.Doc>> cache;
    private volatile boolean closed;

    SnapshotGridSource(String location, HttpFetch http, Duration reloadAfter, Duration staleAfter, Duration expireAfter,
            Duration awaitFirstValue, Ticker ticker, Clock clock, Executor executor, ExecutorService owned, Logger logger) {
        this.location = location;
        this.http = http;
        this.staleAfter = staleAfter;
        this.expireAfter = expireAfter;
        this.awaitFirstValue = awaitFirstValue;
        this.clock = clock;
        this.owned = owned;
        this.failures = new FailureLog(logger, "snapshot " + location);
        long retry = Math.min(CachedSource.COLD_RETRY.toNanos(), reloadAfter.toNanos());
        this.cache = Caffeine.newBuilder().ticker(ticker).executor(executor).refreshAfterWrite(reloadAfter)
                .expireAfter(new Expiry<String, Optional<SnapshotFormat.Doc>>() {
                    @Override
                    public long expireAfterCreate(String k, Optional<SnapshotFormat.Doc> d, long now) {
                        return d.isPresent() ? Long.MAX_VALUE : retry; // an unreadable first load is retried soon
                    }

                    @Override
                    public long expireAfterUpdate(String k, Optional<SnapshotFormat.Doc> d, long now, long current) {
                        return expireAfterCreate(k, d, now);
                    }

                    @Override
                    public long expireAfterRead(String k, Optional<SnapshotFormat.Doc> d, long now, long current) {
                        return current;
                    }
                })
                .buildAsync(new AsyncCacheLoader<String, Optional<SnapshotFormat.Doc>>() {
                    @Override
                    public CompletableFuture<Optional<SnapshotFormat.Doc>> asyncLoad(String k, Executor e) {
                        return load(Optional.empty(), e);
                    }

                    @Override
                    public CompletableFuture<Optional<SnapshotFormat.Doc>> asyncReload(String k, Optional<SnapshotFormat.Doc> old,
                            Executor e) {
                        return load(old, e);
                    }
                });
    }

    private CompletableFuture<Optional<SnapshotFormat.Doc>> load(Optional<SnapshotFormat.Doc> old, Executor executor) {
        if (closed) {
            return CompletableFuture.completedFuture(old);
        }
        CompletableFuture<String> body = isHttp(location)
                ? CompletableFuture.supplyAsync(() -> http.get(URI.create(location), Map.of()), executor).thenCompose(f -> f)
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return Files.readString(path(location), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new FetchException(FetchException.Kind.NETWORK, "cannot read " + location + ": " + e, -1, null);
                    }
                }, executor);
        return body.thenApply(SnapshotFormat::read).handle((doc, error) -> {
            if (error == null) {
                failures.success("*", "snapshot");
                return Optional.of(doc);
            }
            failures.failure("*", "snapshot", error, old.isPresent() ? "serving the previous snapshot" : "no snapshot yet");
            return old;
        });
    }

    static boolean isHttp(String location) {
        String l = location.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    static Path path(String location) {
        return location.toLowerCase(java.util.Locale.ROOT).startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private Optional<SnapshotFormat.Doc> doc() {
        if (closed) {
            return Optional.empty();
        }
        CompletableFuture<Optional<SnapshotFormat.Doc>> f = cache.get(KEY);
        if (!f.isDone() && !awaitFirstValue.isZero()) {
            try {
                f.get(awaitFirstValue.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // answer with nothing; the load goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<SnapshotFormat.Doc> doc;
        try {
            doc = f.getNow(Optional.empty());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // The hard limit counts from when the snapshot was generated, not from when we read it: a
        // refresher that died leaves an old file behind that reads "successfully" forever.
        return doc.filter(d -> Duration.between(d.generatedAt(), clock.instant()).compareTo(expireAfter) < 0);
    }

    private Optional<SnapshotFormat.ZoneData> zone(String zone) {
        return zone == null ? Optional.empty() : doc().map(d -> d.zones().get(zone));
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        Optional<SnapshotFormat.Doc> doc = doc();
        if (doc.isEmpty() || zone == null || !doc.get().zones().containsKey(zone)) {
            return Optional.empty();
        }
        boolean stale = Duration.between(doc.get().generatedAt(), clock.instant()).compareTo(staleAfter) > 0;
        return doc.get().zones().get(zone).current()
                .map(g -> stale && g.provenance() == Provenance.LIVE ? g.withProvenance(Provenance.STALE) : g);
    }

    @Override
    public List<GridIntensity> history(String zone) {
        return zone(zone).map(SnapshotFormat.ZoneData::history).orElse(List.of());
    }

    @Override
    public List<GridIntensity> forecast(String zone) {
        return zone(zone).map(z -> z.forecast().isEmpty() ? z.forecast() : CachedSource.ahead(z.forecast(), clock.instant()))
                .orElse(List.of());
    }

    @Override
    public CompletableFuture<Void> prefetch(Collection<String> zones) {
        return closed ? CompletableFuture.completedFuture(null)
                : cache.get(KEY).thenApply(d -> (Void) null).exceptionally(e -> null);
    }

    @Override
    public void close() {
        closed = true;
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SnapshotSource[" + location + ", stale after " + staleAfter + ", expire after " + expireAfter + "]";
    }
}
