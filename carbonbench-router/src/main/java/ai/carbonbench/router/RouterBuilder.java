package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The routing settings every builder of a router declares once, here: the endpoints (offering and client), the
 * {@link RoutingPolicy}, the {@link FailureClassifier}, the {@link HealthPolicy}, the {@link EmissionsLedger},
 * router listeners, the clock and the refresh interval. {@link CarbonRouter.Builder} and
 * {@link ModelRouting.AdapterBuilder} (the base of the LangChain4j and Spring AI builders) extend it and add only
 * how endpoints and listeners are named in their setting, and what they build.
 *
 * <p>Defaults: {@link RoutingPolicy#lowestCarbon()}, the builder's failure classifier,
 * {@link HealthPolicy#DEFAULT}, a new aggregates-only {@link EmissionsLedger}, no listener, the
 * {@link CarbonBench#clock() CarbonBench's clock}, a 1-minute refresh interval. Not thread-safe.
 *
 * @param <C> the client type of the endpoints
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class RouterBuilder<C, B extends RouterBuilder<C, B>> {

    @Nullable CarbonBench carbonBench;
    final List<OfferingKey> keys = new ArrayList<>();
    final List<C> clients = new ArrayList<>();
    RoutingPolicy policy = RoutingPolicy.lowestCarbon();
    FailureClassifier classifier;
    HealthPolicy health = HealthPolicy.DEFAULT;
    @Nullable EmissionsLedger ledger;
    final List<RouterListener> listeners = new ArrayList<>();
    @Nullable Clock clock;
    Duration refreshInterval = Duration.ofMinutes(1);

    RouterBuilder(@Nullable CarbonBench carbonBench, FailureClassifier classifier) {
        this.carbonBench = carbonBench;
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** This builder, as its concrete type. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** Adds an endpoint: its offering (the model may be an alias) and its client; the first is the baseline. */
    final B add(OfferingKey key, C client, String clientName) {
        keys.add(Objects.requireNonNull(key, "key"));
        clients.add(Objects.requireNonNull(client, clientName));
        return self();
    }

    /** Adds a router listener: decisions, fail-overs, cooldowns, recorded calls; called in the order added. */
    final B addListener(RouterListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** How endpoints are ranked and which are allowed; default {@link RoutingPolicy#lowestCarbon()}. */
    public B policy(RoutingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** Which failures move the call to the next endpoint; the default is the builder's (its framework's taxonomy). */
    public B failureClassifier(FailureClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        return self();
    }

    /**
     * When an endpoint is cooled down or ranked down (failure and slow-call rates, waits); default
     * {@link HealthPolicy#DEFAULT}.
     */
    public B health(HealthPolicy health) {
        this.health = Objects.requireNonNull(health, "health");
        return self();
    }

    /** The ledger calls are recorded in, e.g. one shared by several routers or with a call log; default a new one. */
    public B ledger(EmissionsLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        return self();
    }

    /**
     * The clock for cooldowns, ranking expiry and ledger times; default the {@link CarbonBench#clock()
     * CarbonBench's clock}, so that the two agree on the hour. With the system clock (or a fixed offset of it)
     * ranking expiry is signalled by a shared timer thread and call durations are timed with
     * {@link System#nanoTime()}; with any other clock {@code select()} reads the clock on every call and
     * durations are timed by it.
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** How often the ranking is re-scored at the latest (it is also at every hour). Default 1 minute. */
    public B refreshInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("refreshInterval must be at least 1 ms, was " + interval);
        }
        this.refreshInterval = interval;
        return self();
    }
}
