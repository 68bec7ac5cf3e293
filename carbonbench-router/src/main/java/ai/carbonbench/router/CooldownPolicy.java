package ai.carbonbench.router;

import java.time.Duration;
import java.util.Objects;

/**
 * When an endpoint is taken out of rotation, and for how long. After {@code failureThreshold} consecutive
 * retriable failures, the endpoint cools down for {@code initial}; when the cooldown ends, exactly one call
 * probes it. A successful probe brings it back (and resets the backoff); a failed probe starts the next
 * cooldown, twice as long as the previous one, capped at {@code max}.
 *
 * <p>Default: {@link #DEFAULT} = 3 failures, 5 s initially, at most 5 min. Immutable.
 *
 * @deprecated health is a rate, not a streak: use {@link HealthPolicy}; {@link CarbonRouter.Builder#cooldown}
 *             maps this policy onto one (threshold = minimum number of calls, 50 % failures).
 *
 * @param failureThreshold consecutive retriable failures that trigger a cooldown, {@code >= 1}
 * @param initial          the first cooldown, positive
 * @param max              the longest cooldown, {@code >= initial}
 */
@Deprecated
public record CooldownPolicy(int failureThreshold, Duration initial, Duration max) {

    public static final CooldownPolicy DEFAULT = new CooldownPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5));

    public CooldownPolicy {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
        }
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must be >= initial, was " + max + " < " + initial);
        }
    }

    /**
     * The length of the {@code n}-th consecutive cooldown, 0-based: {@code initial × 2^n}, capped at {@code max};
     * the wait of the {@link HealthPolicy} this policy maps onto.
     */
    public Duration cooldown(int n) {
        return HealthPolicy.backoff(initial, max, n);
    }
}
