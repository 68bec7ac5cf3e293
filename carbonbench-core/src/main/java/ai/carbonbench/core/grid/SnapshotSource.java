package ai.carbonbench.core.grid;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * A grid-intensity source that reads a snapshot: one versioned JSON file holding, per zone, the
 * current value, the last 24 hours and the forecast (format: {@code docs/snapshot-format.md}). One
 * process refreshes from the live APIs and {@linkplain #write writes} the file; every other process
 * reads it from a path or an {@code http(s)} URL, so a fleet makes one set of API calls, not one per JVM.
 *
 * <pre>{@code
 * // the refresher (what `carbonbench refresh --out FILE` does)
 * GridIntensitySource live = GridSources.fromEnvironment(catalog, EmissionFactor.LIFECYCLE);
 * live.prefetch(zones).get(15, SECONDS);
 * SnapshotSource.write(live, zones, Path.of("grid.json"));
 *
 * // every instance
 * GridIntensitySource grid = SnapshotSource.builder("https://intranet/grid.json").build();
 * }</pre>
 *
 * <p>The built source caches the document and reloads it in the background every
 * {@code reloadAfter} (default 15 min); a failed reload keeps the previous document and logs one
 * warning per failure streak; nothing throws into a caller. Values keep the provenance the writer
 * recorded; a {@link Provenance#LIVE} value of a snapshot generated longer than {@code staleAfter}
 * ago (default 2 h) reads as {@link Provenance#STALE}; a snapshot generated longer than
 * {@code expireAfter} ago (default 24 h) is ignored, so callers fall back to the catalog. A first
 * read answers empty at once and loads in the background (unless {@code awaitFirstValue} is set).
 * Thread-safe; {@code close()} stops the threads it created.
 */
public final class SnapshotSource {

    /** The format version this release writes and the highest it reads. */
    public static final int FORMAT_VERSION = SnapshotFormat.VERSION;

    private SnapshotSource() {
    }

    /** A builder for a snapshot at a file path, a {@code file:} URI or an {@code http(s)} URL. */
    public static Builder builder(String location) {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("location is blank");
        }
        return new Builder(location.strip());
    }

    /**
     * Writes what {@code source} knows now about {@code zones} to {@code file}, atomically (a reader
     * never sees half a file). Reads only what the source has cached: call
     * {@link GridIntensitySource#prefetch} and wait on it first. Zones with no value at all are left
     * out. Throws {@link java.io.UncheckedIOException} when the file cannot be written.
     */
    public static void write(GridIntensitySource source, Collection<String> zones, Path file) {
        Objects.requireNonNull(file, "file");
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(source, zones, Clock.systemUTC().instant(), out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the snapshot JSON to {@code out} (not closed), stamped {@code generatedAt}. */
    public static void write(GridIntensitySource source, Collection<String> zones, Instant generatedAt, OutputStream out)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(out, "out");
        GridSupport.JSON.writer().with(SerializationFeature.INDENT_OUTPUT)
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, SnapshotFormat.write(source, List.copyOf(zones), generatedAt));
    }

    /** Builds a snapshot source. Not thread-safe; the built source is. */
    public static final class Builder {
        private final String location;
        private Duration reloadAfter = Duration.ofMinutes(15);
        private Duration staleAfter = Duration.ofHours(2);
        private Duration expireAfter = Duration.ofHours(24);
        private Duration awaitFirstValue = Duration.ZERO;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private java.net.http.HttpClient httpClient;
        private java.util.concurrent.Executor executor;
        private com.github.benmanes.caffeine.cache.Ticker ticker = com.github.benmanes.caffeine.cache.Ticker.systemTicker();
        private Clock clock = Clock.systemUTC();
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(GridIntensitySource.class);

        Builder(String location) {
            this.location = location;
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be > 0, was " + d);
            }
            return d;
        }

        /** How often the document is re-read in the background; default 15 minutes. */
        public Builder reloadAfter(Duration d) {
            reloadAfter = positive("reloadAfter", d);
            return this;
        }

        /** A LIVE value of a snapshot generated longer ago than this reads as STALE; default 2 hours. */
        public Builder staleAfter(Duration d) {
            staleAfter = positive("staleAfter", d);
            return this;
        }

        /** A snapshot generated longer ago than this is ignored (callers fall back); default 24 hours. */
        public Builder expireAfter(Duration d) {
            expireAfter = positive("expireAfter", d);
            return this;
        }

        /** How long the first read may wait for the first load; default zero (answer empty at once). */
        public Builder awaitFirstValue(Duration d) {
            Objects.requireNonNull(d, "awaitFirstValue");
            if (d.isNegative()) {
                throw new IllegalArgumentException("awaitFirstValue must be >= 0, was " + d);
            }
            awaitFirstValue = d;
            return this;
        }

        /** Timeout of one HTTP read of a snapshot URL; default 10 s. */
        public Builder requestTimeout(Duration d) {
            requestTimeout = positive("requestTimeout", d);
            return this;
        }

        /** The HTTP client for URL snapshots; default a new one with a 5 s connect timeout. */
        public Builder httpClient(java.net.http.HttpClient client) {
            httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Where reloads run; default two daemon threads the source creates and {@code close()} stops. */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The time source for reload intervals; default {@code Ticker.systemTicker()}. */
        public Builder ticker(com.github.benmanes.caffeine.cache.Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The wall clock against which the snapshot's {@code generatedAt} is aged; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Builder logger(org.slf4j.Logger logger) {
            this.logger = logger;
            return this;
        }

        /** Builds the source. A missing or unreadable file is not an error here: it is retried in the background. */
        public GridIntensitySource build() {
            if (expireAfter.compareTo(staleAfter) < 0) {
                throw new IllegalStateException("expireAfter (" + expireAfter + ") must not be shorter than staleAfter ("
                        + staleAfter + ")");
            }
            ExecutorService owned = executor == null ? LiveSourceBuilder.newExecutor() : null;
            java.util.concurrent.Executor exec = executor != null ? executor : owned;
            java.net.http.HttpClient client = httpClient != null ? httpClient
                    : java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                            .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
            // A snapshot server is ours, not a metered API: a modest limit, one retry.
            HttpFetch http = new HttpFetch(client, requestTimeout, new RateLimiter(10, ticker), Delayer.using(exec), clock, 1,
                    Duration.ofSeconds(60), Math::random);
            return new SnapshotGridSource(location, http, reloadAfter, staleAfter, expireAfter, awaitFirstValue, ticker, clock,
                    exec, owned, logger);
        }
    }
}
