package ai.carbonbench.core.grid;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A fetcher whose answers a test sets, counting calls per signal. */
final class FakeFetcher implements Fetcher {
    volatile Function<String, CompletableFuture<GridIntensity>> latest = z -> CompletableFuture.completedFuture(live(z, 100));
    volatile Function<String, CompletableFuture<List<GridIntensity>>> history = z -> CompletableFuture.completedFuture(
            List.of(point(z, 90, Instant.parse("2026-01-01T10:00:00Z"), Provenance.HISTORY)));
    volatile Function<String, CompletableFuture<List<GridIntensity>>> forecast = z -> CompletableFuture.completedFuture(
            List.of(point(z, 80, Instant.parse("2026-01-01T13:00:00Z"), Provenance.FORECAST)));
    final AtomicInteger latestCalls = new AtomicInteger();
    final AtomicInteger historyCalls = new AtomicInteger();
    final AtomicInteger forecastCalls = new AtomicInteger();

    static GridIntensity live(String zone, double g) {
        return point(zone, g, Instant.parse("2026-01-01T12:00:00Z"), Provenance.LIVE);
    }

    static GridIntensity point(String zone, double g, Instant at, Provenance p) {
        return new GridIntensity(zone, g, at, "fake", false, p);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public boolean serves(String zone) {
        return !zone.equals("NOWHERE") && !zone.startsWith("XX-");
    }

    @Override
    public CompletableFuture<GridIntensity> latest(String zone) {
        latestCalls.incrementAndGet();
        return latest.apply(zone);
    }

    @Override
    public CompletableFuture<List<GridIntensity>> history(String zone) {
        historyCalls.incrementAndGet();
        return history.apply(zone);
    }

    @Override
    public CompletableFuture<List<GridIntensity>> forecast(String zone) {
        forecastCalls.incrementAndGet();
        return forecast.apply(zone);
    }
}
