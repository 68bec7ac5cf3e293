package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.FailureClassifier;
import ai.carbonbench.router.HealthPolicy;
import ai.carbonbench.router.RouterListener;
import ai.carbonbench.router.RoutingPolicy;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options {@link CarbonAwareChatModel.Builder} and {@link CarbonAwareStreamingChatModel.Builder} share: the
 * CarbonBench, the candidates, routing and health settings, and listeners. Not thread-safe.
 *
 * @param <M> the LangChain4j model type of the candidates
 * @param <B> the concrete builder, returned by every setter
 */
abstract class RoutingBuilder<M, B extends RoutingBuilder<M, B>> {

    final Routing.Settings<M> settings = new Routing.Settings<>();
    final List<ChatModelListener> listeners = new ArrayList<>();

    RoutingBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The CarbonBench that scores the candidates (its catalog, grid source and clock). Required. */
    public B carbonBench(CarbonBench carbonBench) {
        settings.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
        return self();
    }

    /**
     * Adds a candidate: the catalog offering ({@code provider} and {@code region} ids, {@code model} id or
     * alias) and the LangChain4j model that serves it. The first candidate is the baseline. Validated by
     * {@code build()}.
     */
    public B candidate(String provider, String region, String model, M chatModel) {
        settings.candidate(provider, region, model, chatModel);
        return self();
    }

    /**
     * Adds a candidate by its catalog offering key (the model may be an alias). The first candidate is the
     * baseline.
     */
    public B candidate(OfferingKey key, M chatModel) {
        settings.candidate(key, chatModel);
        return self();
    }

    /** Adds LangChain4j listeners, in order, after any added before. */
    public B listeners(List<ChatModelListener> listeners) {
        Objects.requireNonNull(listeners, "listeners").forEach(this::listener);
        return self();
    }

    /**
     * When a candidate is cooled down or ranked down (failure and slow-call rates, waits); default
     * {@link HealthPolicy#DEFAULT}.
     */
    public B health(HealthPolicy health) {
        settings.health = Objects.requireNonNull(health, "health");
        return self();
    }

    /**
     * Which failures move the call to the next candidate; default LangChain4j's own taxonomy (see the model's
     * class comment). A stream that fails after its first partial response never fails over, whatever the
     * classifier says.
     */
    public B failureClassifier(FailureClassifier classifier) {
        settings.classifier = Objects.requireNonNull(classifier, "classifier");
        return self();
    }

    /**
     * The clock for cooldowns, ranking expiry and receipt times; default the {@link CarbonBench#clock()
     * CarbonBench's clock}.
     */
    public B clock(Clock clock) {
        settings.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** How often the ranking is re-scored at the latest (it is also at every hour); default 1 minute. */
    public B refreshInterval(Duration interval) {
        settings.refreshInterval = Objects.requireNonNull(interval, "interval");
        return self();
    }

    /** How candidates are ranked and which are allowed; default {@link RoutingPolicy#lowestCarbon()}. */
    public B policy(RoutingPolicy policy) {
        settings.policy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** The ledger successful calls are recorded in, e.g. one shared with other models; default a new one. */
    public B ledger(EmissionsLedger ledger) {
        settings.ledger = Objects.requireNonNull(ledger, "ledger");
        return self();
    }

    /**
     * Adds a LangChain4j listener, called as by any LangChain4j model; the response it sees carries the
     * receipt.
     */
    public B listener(ChatModelListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** Adds a listener for routing events: decisions, fail-overs, cooldowns, recorded calls. */
    public B routerListener(RouterListener listener) {
        settings.routerListeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }
}
