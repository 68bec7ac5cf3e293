package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Observes a {@link CarbonRouter}: new decisions, fail-overs, cooldowns, recoveries and recorded calls.
 * Every method has an empty default, so implement only what you need.
 *
 * <p>Methods run synchronously on the thread that caused the event (a caller of the router, or the one
 * refreshing its ranking), so they must be fast and thread-safe. An exception thrown by a listener is
 * logged at WARN and swallowed: it never reaches the router's caller and never changes routing.
 */
public interface RouterListener {

    /** A new ranking was published (intensity, health or a refresh changed it). */
    default void onDecision(RoutingDecision decision) {
    }

    /**
     * A call failed on {@code from} with a retriable failure; {@code next} is the endpoint tried next, empty
     * when none is left.
     */
    default void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
    }

    /**
     * {@code endpoint}'s circuit opened (too many failures or slow calls in its window, or a failed probe) and it is
     * out of rotation until {@code until}; {@code consecutiveFailures} is the number of failures in the window when
     * it opened (1 for a failed probe, 0 when slow calls alone opened it).
     */
    default void onCooldown(OfferingKey endpoint, Duration cooldown, Instant until, int consecutiveFailures) {
    }

    /** A probe call on {@code endpoint} succeeded after a cooldown; it is back in rotation. */
    default void onRecovery(OfferingKey endpoint) {
    }

    /** A successful call was recorded in the ledger. */
    default void onRecorded(CallRecord record) {
    }
}
