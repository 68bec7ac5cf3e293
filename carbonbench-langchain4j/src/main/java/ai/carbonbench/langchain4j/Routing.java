package ai.carbonbench.langchain4j;

import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.ModelRouting;
import ai.carbonbench.router.ModelRouting.Candidate;
import ai.carbonbench.router.Usage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the chat model and the streaming chat model share, translated to LangChain4j's types: the router's
 * {@link ModelRouting} (candidate validation, fail-over bookkeeping, receipts) with the LangChain4j failure
 * classifier, token usage read from a {@link ChatResponse}, and the receipt put into the response's metadata.
 *
 * @param <M> the LangChain4j model type of the candidates
 */
final class Routing<M> {

    private final ModelRouting<M> routing;

    Routing(ModelRouting<M> routing) {
        this.routing = routing;
    }

    /**
     * Routes one call through {@link ModelRouting#call}: the best candidate answers, the next on a retriable
     * failure, and the response carries the call's receipt.
     */
    ChatResponse call(ModelRouting.Attempt<M, ChatResponse> attempt) {
        return withReceipt(routing.call(attempt, Routing::reported));
    }

    /**
     * Routes one asynchronous call through {@link ModelRouting#callAsync}, as {@link #call} does, with no thread
     * waiting for it; the future fails as {@link ModelRouting#callAsync} says.
     */
    CompletableFuture<ChatResponse> callAsync(ModelRouting.AsyncAttempt<M, ChatResponse> attempt) {
        return routing.callAsync(attempt, Routing::reported).thenApply(Routing::withReceipt);
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

    /** Token usage the response reported; empty when it reported none. */
    static Optional<Usage> reported(ChatResponse response) {
        TokenUsage u = response == null ? null : response.tokenUsage();
        return u == null ? Optional.empty() : ModelRouting.usage(u.inputTokenCount(), u.outputTokenCount());
    }

    /** The routed response with a {@link CarbonChatResponseMetadata} carrying the call's receipt. */
    private static ChatResponse withReceipt(ModelRouting.Routed<?, ChatResponse> routed) {
        ChatResponse response = routed.result();
        // A candidate wrapped by LeanerAnswers reports its decision in its metadata; the receipt carries it.
        ChatResponseMetadata metadata = response.metadata();
        Optional<LeanDecision> lean = Optional.empty();
        if (metadata instanceof LeanerAnswers.LeanMetadata m) {
            lean = Optional.of(m.decision);
            metadata = m.original;
        }
        TokenUsage usage = response.tokenUsage();
        CarbonReceipt receipt = CarbonReceipt.from(routed.receipt(), lean, TokenDetails.reasoningTokens(usage),
                TokenDetails.cachedInputTokens(usage));
        return ChatResponse.builder()
                .aiMessage(response.aiMessage())
                .metadata(CarbonChatResponseMetadata.wrap(metadata, receipt))
                .build();
    }
}
