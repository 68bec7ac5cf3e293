package ai.carbonbench.core.grid;

import java.time.Duration;

/**
 * The one retry schedule of the grid package: exponential steps from a base, capped. {@link HttpFetch}
 * retries a request after {@link #withEqualJitter} of a step; {@link CachedSignal} retries a key that has
 * never loaded after a plain step, capped at the refresh interval. (Caffeine's {@code refreshAfterWrite}
 * is the refresh schedule, not a retry.) Immutable.
 *
 * @param baseNanos the first step
 * @param capNanos  no step is longer
 */
record Backoff(long baseNanos, long capNanos) {

    /** HTTP retries: 1 s, 2 s, 4 s, … */
    static final Backoff HTTP = of(Duration.ofSeconds(1), Duration.ofDays(1));
    /** First retry of a key that has never loaded; doubles per failure up to the refresh interval. */
    static final Duration COLD_RETRY = Duration.ofSeconds(30);

    static Backoff of(Duration base, Duration cap) {
        return new Backoff(base.toNanos(), cap.toNanos());
    }

    /** Cold retries of a signal refreshed every {@code refreshAfter}. */
    static Backoff cold(Duration refreshAfter) {
        return of(COLD_RETRY, refreshAfter);
    }

    /** The wait after {@code failures} failures (1 → base, 2 → twice the base, …), capped. */
    long afterFailures(int failures) {
        long step = baseNanos << Math.min(Math.max(0, failures - 1), 20);
        return Math.min(step, capNanos);
    }

    /**
     * "Equal jitter": half the step fixed, half random ({@code random} in [0, 1)), so that many JVMs that
     * failed together do not retry together.
     */
    long withEqualJitter(int failures, double random) {
        long step = afterFailures(failures);
        return step / 2 + (long) (step / 2 * random);
    }
}
