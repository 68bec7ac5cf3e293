package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.FailureClassifier;
import ai.carbonbench.router.HealthPolicy;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.ModelRouting;
import ai.carbonbench.router.ModelRouting.Candidate;
import ai.carbonbench.router.ModelRouting.Failure;
import ai.carbonbench.router.RouterListener;
import ai.carbonbench.router.RoutingPolicy;
import ai.carbonbench.router.Usage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the chat model and the streaming chat model share, translated to LangChain4j's types: the router's
 * {@link ModelRouting} (candidate validation, fail-over bookkeeping, receipts) with the LangChain4j failure
 * classifier, token usage read from a {@link ChatResponse}, and the receipt put into the response's metadata.
 *
 * @param <M> the LangChain4j model type of the candidates
 */
final class Routing<M> {

    /** What the router's call returns: who answered, and the response. */
    record Answer<M>(Candidate<M> candidate, ChatResponse response) {
    }

    private final ModelRouting<M> routing;

    Routing(Settings<M> s) {
        Objects.requireNonNull(s.carbonBench, "carbonBench");
        ModelRouting.Builder<M> b = ModelRouting.<M>builder(s.carbonBench)
                .failureClassifier(s.classifier == null ? Failures.CLASSIFIER : s.classifier);
        s.candidates.forEach(c -> b.candidate(c.key(), c.model()));
        if (s.policy != null) {
            b.policy(s.policy);
        }
        if (s.ledger != null) {
            b.ledger(s.ledger);
        }
        if (s.health != null) {
            b.health(s.health);
        }
        if (s.clock != null) {
            b.clock(s.clock);
        }
        if (s.refreshInterval != null) {
            b.refreshInterval(s.refreshInterval);
        }
        s.routerListeners.forEach(b::listener);
        this.routing = b.build();
    }

    /** The settings both builders collect. Not thread-safe. */
    static final class Settings<M> {
        CarbonBench carbonBench;
        final List<Candidate<M>> candidates = new ArrayList<>();
        RoutingPolicy policy;
        EmissionsLedger ledger;
        HealthPolicy health;
        FailureClassifier classifier;
        Clock clock;
        Duration refreshInterval;
        final List<RouterListener> routerListeners = new ArrayList<>();

        void candidate(String provider, String region, String model, M client) {
            candidate(OfferingKey.of(provider, region, model), client);
        }

        void candidate(OfferingKey key, M client) {
            candidates.add(new Candidate<>(Objects.requireNonNull(key, "key"), Objects.requireNonNull(client, "model")));
        }
    }

    CarbonRouter<Candidate<M>> router() {
        return routing.router();
    }

    List<Candidate<M>> candidates() {
        return routing.candidates();
    }

    /** The models of the candidates, in declared order. */
    <T> List<T> each(Function<? super M, T> f) {
        return routing.each(f);
    }

    /** Token usage from a response, null-safe: missing counts are 0, negative ones too. */
    static Usage usage(ChatResponse response) {
        return reported(response).orElse(Usage.NONE);
    }

    /** Token usage the response reported; empty when it reported none. */
    static Optional<Usage> reported(ChatResponse response) {
        TokenUsage u = response == null ? null : response.tokenUsage();
        return u == null ? Optional.empty() : ModelRouting.usage(u.inputTokenCount(), u.outputTokenCount());
    }

    /** The response with a {@link CarbonChatResponseMetadata} carrying the call's receipt. */
    ChatResponse withReceipt(ChatResponse response, CallRecord record, List<Failure> failures) {
        // A candidate wrapped by LeanerAnswers reports its decision in its metadata; the receipt carries it.
        ChatResponseMetadata metadata = response.metadata();
        Optional<LeanDecision> lean = Optional.empty();
        if (metadata instanceof LeanerAnswers.LeanMetadata m) {
            lean = Optional.of(m.decision);
            metadata = m.original;
        }
        TokenUsage usage = response.tokenUsage();
        CarbonReceipt receipt = CarbonReceipt.from(routing.receipt(record, failures, reported(response).isPresent()),
                lean, TokenDetails.reasoningTokens(usage), TokenDetails.cachedInputTokens(usage));
        return ChatResponse.builder()
                .aiMessage(response.aiMessage())
                .metadata(CarbonChatResponseMetadata.wrap(metadata, receipt))
                .build();
    }
}
