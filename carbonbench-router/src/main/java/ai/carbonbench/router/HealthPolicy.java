package ai.carbonbench.router;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link CarbonRouter} takes an endpoint out of rotation or ranks it down: a small circuit breaker per
 * endpoint, in the vocabulary of Resilience4j's {@code CircuitBreaker}.
 *
 * <p><b>Window.</b> Each endpoint keeps the outcomes of its last {@code slidingWindowSize} calls (count-based).
 * A call is a <em>failure</em> when it throws something the {@link FailureClassifier} calls retriable, and
 * <em>slow</em> when it took at least {@code slowCallDurationThreshold} (timed with {@link System#nanoTime()}),
 * whether it succeeded or failed.
 *
 * <p><b>Open (cooling down).</b> After a failure or a slow call, once the window holds at least
 * {@code minimumNumberOfCalls} calls, the endpoint opens when the failure rate reaches
 * {@code failureRateThreshold} percent or the slow-call rate reaches {@code slowCallRateThreshold} percent:
 * it is left out of the ranking for {@code waitDurationInOpenState}, doubled after each failed probe and
 * capped at {@code maxWaitDurationInOpenState}. When the wait is over, exactly one call probes it
 * (half-open): a success closes it (clearing the window and the backoff), a retriable failure opens it again
 * for the next, longer wait. A success that is not slow never opens an endpoint.
 *
 * <p><b>Ranked down (slow).</b> A single slow call ranks the endpoint after every endpoint that is not
 * slow, at once, for {@code waitDurationInOpenState} (doubling while calls stay slow); it stays a fall-back.
 * A call that is not slow ends this. So an endpoint that hangs costs one slow call, not one per retry.
 *
 * <p><b>Unknown runtime exceptions</b> — anything the classifier does not call retriable, e.g. an
 * {@code IllegalArgumentException} from the caller's own function — are rethrown at once and recorded
 * neither as a success nor as a failure (Resilience4j's "ignored exceptions"): the router cannot tell a bug
 * in the caller's code from a fault of the endpoint, and one bad request must not cool down every endpoint.
 * A probe that ends that way is released for the next caller. To count such exceptions against an endpoint,
 * give the router a {@link FailureClassifier} that calls them retriable.
 *
 * <p>Default {@link #DEFAULT}: window 20, at least 5 calls, 50 % failures, slow at 10 s, 50 % slow calls, 5 s
 * wait, at most 5 min. Immutable; change one setting with the {@code with…} methods.
 *
 * @param slidingWindowSize          calls kept per endpoint, 1..1024
 * @param minimumNumberOfCalls       calls in the window before a rate can open the endpoint, 1..slidingWindowSize
 * @param failureRateThreshold       percent of failures in the window that opens the endpoint, (0, 100]
 * @param slowCallDurationThreshold  a call taking at least this long is slow; positive
 * @param slowCallRateThreshold      percent of slow calls in the window that opens the endpoint, (0, 100]
 * @param waitDurationInOpenState    the first wait (and ranked-down period); positive
 * @param maxWaitDurationInOpenState the longest wait, {@code >= waitDurationInOpenState}
 */
public record HealthPolicy(int slidingWindowSize, int minimumNumberOfCalls, double failureRateThreshold,
        Duration slowCallDurationThreshold, double slowCallRateThreshold, Duration waitDurationInOpenState,
        Duration maxWaitDurationInOpenState) {

    public static final HealthPolicy DEFAULT = new HealthPolicy(20, 5, 50, Duration.ofSeconds(10), 50,
            Duration.ofSeconds(5), Duration.ofMinutes(5));

    public HealthPolicy {
        if (slidingWindowSize < 1 || slidingWindowSize > 1024) {
            throw new IllegalArgumentException("slidingWindowSize must be within 1..1024, was " + slidingWindowSize);
        }
        if (minimumNumberOfCalls < 1 || minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumNumberOfCalls must be within 1..slidingWindowSize ("
                    + slidingWindowSize + "), was " + minimumNumberOfCalls);
        }
        percent("failureRateThreshold", failureRateThreshold);
        percent("slowCallRateThreshold", slowCallRateThreshold);
        positive("slowCallDurationThreshold", slowCallDurationThreshold);
        positive("waitDurationInOpenState", waitDurationInOpenState);
        Objects.requireNonNull(maxWaitDurationInOpenState, "maxWaitDurationInOpenState");
        if (maxWaitDurationInOpenState.compareTo(waitDurationInOpenState) < 0) {
            throw new IllegalArgumentException("maxWaitDurationInOpenState must be >= waitDurationInOpenState, was "
                    + maxWaitDurationInOpenState + " < " + waitDurationInOpenState);
        }
    }

    private static void percent(String field, double v) {
        if (!(v > 0 && v <= 100)) {
            throw new IllegalArgumentException(field + " must be within (0, 100] percent, was " + v);
        }
    }

    private static void positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + d);
        }
    }

    /** The policy an older {@link CooldownPolicy} stands for: its threshold as the minimum number of calls. */
    static HealthPolicy of(CooldownPolicy c) {
        HealthPolicy d = DEFAULT;
        int window = Math.max(d.slidingWindowSize, c.failureThreshold());
        return new HealthPolicy(window, c.failureThreshold(), d.failureRateThreshold, d.slowCallDurationThreshold,
                d.slowCallRateThreshold, c.initial(), c.max());
    }

    public HealthPolicy withSlidingWindow(int slidingWindowSize, int minimumNumberOfCalls) {
        return new HealthPolicy(slidingWindowSize, minimumNumberOfCalls, failureRateThreshold,
                slowCallDurationThreshold, slowCallRateThreshold, waitDurationInOpenState, maxWaitDurationInOpenState);
    }

    public HealthPolicy withFailureRateThreshold(double percent) {
        return new HealthPolicy(slidingWindowSize, minimumNumberOfCalls, percent, slowCallDurationThreshold,
                slowCallRateThreshold, waitDurationInOpenState, maxWaitDurationInOpenState);
    }

    public HealthPolicy withSlowCalls(Duration durationThreshold, double ratePercent) {
        return new HealthPolicy(slidingWindowSize, minimumNumberOfCalls, failureRateThreshold, durationThreshold,
                ratePercent, waitDurationInOpenState, maxWaitDurationInOpenState);
    }

    public HealthPolicy withWaitDurationInOpenState(Duration first, Duration max) {
        return new HealthPolicy(slidingWindowSize, minimumNumberOfCalls, failureRateThreshold,
                slowCallDurationThreshold, slowCallRateThreshold, first, max);
    }

    /** The {@code n}-th consecutive wait, 0-based: {@code waitDurationInOpenState × 2^n}, capped. */
    public Duration waitDuration(int n) {
        return backoff(waitDurationInOpenState, maxWaitDurationInOpenState, n);
    }

    /** The {@code n}-th consecutive wait, 0-based: {@code first × 2^n}, capped at {@code max} (also on overflow). */
    static Duration backoff(Duration first, Duration max, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        long firstMillis = first.toMillis();
        long maxMillis = max.toMillis();
        if (n >= 62 || firstMillis > (maxMillis >> Math.min(n, 62))) {
            return max;
        }
        return Duration.ofMillis(Math.min(maxMillis, firstMillis << n));
    }
}
