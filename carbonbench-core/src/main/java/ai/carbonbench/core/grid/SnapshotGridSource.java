package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.jspecify.annotations.Nullable;

/** The snapshot reader behind {@link SnapshotSource}: one cached document ({@link CachedSignal}), reloaded in the background. */
final class SnapshotGridSource implements GridIntensitySource {

    private static final String KEY = "*";

    /**
     * The builder's timings and seams: how often the document is re-read, the freshness and hard limits
     * (counted from when the snapshot was generated), the first-read wait, the time sources and the logger.
     */
    record Settings(Duration reloadAfter, Duration staleAfter, Duration expireAfter, Duration awaitFirstValue,
            Ticker ticker, Clock clock, Logger logger) {
    }

    private final String location;
    private final @Nullable HttpFetch http;
    private final Duration staleAfter;
    private final Duration expireAfter;
    private final Clock clock;
    private final GridResources resources;
    private final CachedSignal<SnapshotFormat.Doc> doc;
    private volatile boolean closed;

    SnapshotGridSource(String location, @Nullable HttpFetch http, Settings settings, GridResources resources) {
        this.location = location;
        this.http = http;
        // Unpacked: current(zone) reads these on every call, so no hop through the settings record.
        this.staleAfter = settings.staleAfter();
        this.expireAfter = settings.expireAfter();
        this.clock = settings.clock();
        this.resources = resources;
        // The hard limit counts from when the snapshot was generated (see doc()), not from its fetch.
        this.doc = new CachedSignal<>("snapshot", settings.reloadAfter(), null, settings.awaitFirstValue(),
                settings.ticker(), resources.executor(), new FailureLog(settings.logger(), "snapshot " + location,
                        new FailureLog.Consequences("serving the previous snapshot", "no snapshot yet")),
                () -> closed, key -> read());
    }

    private CompletableFuture<SnapshotFormat.Doc> read() {
        CompletableFuture<String> body;
        if (http != null) {
            body = http.get(URI.create(location), Map.of());
        } else {
            try {
                body = CompletableFuture.completedFuture(Files.readString(path(location), StandardCharsets.UTF_8));
            } catch (IOException e) {
                body = CompletableFuture.failedFuture(
                        new FetchException(FetchException.Kind.NETWORK, "cannot read " + location + ": " + e, -1, null));
            }
        }
        return body.thenApply(SnapshotFormat::read);
    }

    static boolean isHttp(String location) {
        String l = location.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    static Path path(String location) {
        return location.toLowerCase(java.util.Locale.ROOT).startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private Optional<SnapshotFormat.Doc> doc(Instant now) {
        if (closed) {
            return Optional.empty();
        }
        // The hard limit counts from when the snapshot was generated, not from when we read it: a
        // refresher that died leaves an old file behind that reads "successfully" forever.
        return doc.read(KEY).map(CachedSignal.Slot::value)
                .filter(d -> Duration.between(d.generatedAt(), now).compareTo(expireAfter) < 0);
    }

    private Optional<SnapshotFormat.ZoneData> zone(String zone, Instant now) {
        return zone == null ? Optional.empty() : doc(now).map(d -> d.zones().get(zone));
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        Instant now = clock.instant();
        Optional<SnapshotFormat.Doc> doc = doc(now);
        if (doc.isEmpty() || zone == null || !doc.get().zones().containsKey(zone)) {
            return Optional.empty();
        }
        boolean stale = Duration.between(doc.get().generatedAt(), now).compareTo(staleAfter) > 0;
        return doc.get().zones().get(zone).current()
                .map(g -> stale && g.provenance() == Provenance.LIVE ? g.withProvenance(Provenance.STALE) : g);
    }

    @Override
    public List<GridIntensity> history(String zone) {
        return zone(zone, clock.instant()).map(SnapshotFormat.ZoneData::history).orElse(List.of());
    }

    @Override
    public List<GridIntensity> forecast(String zone) {
        Instant now = clock.instant();
        return zone(zone, now).map(z -> CachedSource.ahead(z.forecast(), now)).orElse(List.of());
    }

    @Override
    public CompletableFuture<Void> prefetch(Collection<String> zones) {
        return closed ? CompletableFuture.completedFuture(null)
                : doc.load(KEY).thenApply(d -> (Void) null).exceptionally(e -> null);
    }

    @Override
    public void close() {
        closed = true;
        resources.close();
    }

    @Override
    public String toString() {
        return "SnapshotSource[" + location + ", stale after " + staleAfter + ", expire after " + expireAfter + "]";
    }
}
