package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.Checks;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Client-side request rate limit for one upstream API: a token bucket (in its GCRA form) allowing a
 * burst of one second's worth of requests, plus a pause that a server's {@code Retry-After} imposes
 * on every request of the source, not only the one that was throttled. Thread-safe.
 */
final class RateLimiter {

    private final Ticker ticker;
    private final long intervalNanos;
    private final long burstToleranceNanos;
    private long theoreticalArrival;
    private long pausedUntil;

    RateLimiter(double requestsPerSecond, Ticker ticker) {
        Checks.positive("requestsPerSecond", requestsPerSecond);
        this.ticker = ticker;
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / requestsPerSecond));
        int burst = Math.max(1, (int) Math.floor(requestsPerSecond));
        this.burstToleranceNanos = (burst - 1) * intervalNanos;
        long now = ticker.read();
        this.theoreticalArrival = now;
        this.pausedUntil = now;
    }

    /** Reserves one request slot and returns how long (ns) the caller must wait before sending it. */
    synchronized long reserve() {
        long now = ticker.read();
        long start = Math.max(now, pausedUntil);
        long wait = Math.max(0, theoreticalArrival - burstToleranceNanos - start) + (start - now);
        theoreticalArrival = Math.max(theoreticalArrival, start) + intervalNanos;
        return wait;
    }

    /** Holds every request of this source back for {@code nanos} (a server's Retry-After). */
    synchronized void pause(long nanos) {
        pausedUntil = Math.max(pausedUntil, ticker.read() + nanos);
    }
}
