package ai.carbonbench.core.grid;

import ai.carbonbench.core.json.JsonViews;
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
        // Written through the shared JSON views' writer, like every other JSON CarbonBench produces.
        out.write(JsonViews.toPrettyJson(SnapshotFormat.write(source, List.copyOf(zones), generatedAt))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Builds a snapshot source. Not thread-safe; the built source is. */
    public static final class Builder extends GridSourceBuilder<Builder> {
        private final String location;
        private Duration reloadAfter = Duration.ofMinutes(15);

        Builder(String location) {
            super(Duration.ofHours(2), Duration.ofHours(24));
            this.location = location;
            // A snapshot server is ours, not a metered API: one retry.
            maxRetries = 1;
        }

        /** How often the document is re-read in the background; default 15 minutes. */
        public Builder reloadAfter(Duration d) {
            reloadAfter = positive("reloadAfter", d);
            return this;
        }

        /** Builds the source. A missing or unreadable file is not an error here: it is retried in the background. */
        public GridIntensitySource build() {
            checkLimits();
            boolean http = SnapshotGridSource.isHttp(location);
            GridResources resources = resources(http);
            return new SnapshotGridSource(location, http ? httpFetch(resources, 10) : null, new SnapshotGridSource.Settings(
                    reloadAfter, staleAfter, expireAfter, awaitFirstValue, ticker, clock, logger), resources);
        }
    }
}
