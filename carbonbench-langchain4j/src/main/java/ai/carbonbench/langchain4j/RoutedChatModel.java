package ai.carbonbench.langchain4j;

import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.RoutingDecision;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@link CarbonAwareChatModel} and {@link CarbonAwareStreamingChatModel} share beyond their
 * {@code doChat}: the routing built from the builder's settings, and the LangChain4j contract derived from the
 * candidates (common capabilities and provider, empty default parameters, the configured listeners).
 * Immutable and thread-safe when the candidate models are.
 *
 * @param <M> the LangChain4j model type of the candidates
 */
abstract class RoutedChatModel<M> {

    final Routing<M> routing;
    private final List<ChatModelListener> listeners;
    private final Set<Capability> capabilities;
    private final ModelProvider provider;

    RoutedChatModel(RoutingBuilder<M, ?> b, Function<M, Set<Capability>> capabilities,
            Function<M, ModelProvider> provider) {
        this.routing = new Routing<>(b.routing());
        this.listeners = List.copyOf(b.listeners);
        this.capabilities = Capabilities.common(routing.each(capabilities));
        this.provider = Capabilities.commonProvider(routing.each(provider));
    }

    /** The capabilities every candidate supports. */
    public Set<Capability> supportedCapabilities() {
        return capabilities;
    }

    /**
     * Empty: each candidate applies its own default parameters (model name, temperature, …), which
     * LangChain4j merges under the request's parameters when the call reaches it.
     */
    public ChatRequestParameters defaultRequestParameters() {
        return DefaultChatRequestParameters.EMPTY;
    }

    /** The LangChain4j listeners configured on this model, in order. */
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    /** The candidates' provider when all report the same one, {@link ModelProvider#OTHER} otherwise. */
    public ModelProvider provider() {
        return provider;
    }

    /** Where calls go now and why (chosen candidate, ranked fall-backs, their scores, the baseline). */
    public RoutingDecision routingDecision() {
        return routing.router().select();
    }

    /** The ledger every successful call (for a stream: every completed one) is recorded in. */
    public EmissionsLedger ledger() {
        return routing.router().ledger();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + routing.candidates().stream().map(c -> c.key().toString()).toList();
    }
}
