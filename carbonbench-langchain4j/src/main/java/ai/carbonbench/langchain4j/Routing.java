package ai.carbonbench.langchain4j;

import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.ModelRouting;
import ai.carbonbench.router.ModelRouting.Candidate;
import ai.carbonbench.router.ModelRouting.Failure;
import ai.carbonbench.router.Usage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
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

    private final ModelRouting<M> routing;

    Routing(ModelRouting<M> routing) {
        this.routing = routing;
    }

    /**
     * Routes one call through {@link ModelRouting#call}: the best candidate answers, the next on a retriable
     * failure, and the response carries the call's receipt.
     */
    ChatResponse call(ModelRouting.Attempt<M, ChatResponse> attempt) {
        ModelRouting.Routed<M, ChatResponse> r = routing.call(attempt, Routing::reported);
        return withReceipt(r.result(), r.receipt());
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

    /**
     * The response with a {@link CarbonChatResponseMetadata} carrying the receipt of the call recorded as
     * {@code record}.
     */
    ChatResponse withReceipt(ChatResponse response, CallRecord record, List<Failure> failures) {
        return withReceipt(response, routing.receipt(record, failures, reported(response).isPresent()));
    }

    private static ChatResponse withReceipt(ChatResponse response, CallReceipt callReceipt) {
        // A candidate wrapped by LeanerAnswers reports its decision in its metadata; the receipt carries it.
        ChatResponseMetadata metadata = response.metadata();
        Optional<LeanDecision> lean = Optional.empty();
        if (metadata instanceof LeanerAnswers.LeanMetadata m) {
            lean = Optional.of(m.decision);
            metadata = m.original;
        }
        TokenUsage usage = response.tokenUsage();
        CarbonReceipt receipt = CarbonReceipt.from(callReceipt, lean, TokenDetails.reasoningTokens(usage),
                TokenDetails.cachedInputTokens(usage));
        return ChatResponse.builder()
                .aiMessage(response.aiMessage())
                .metadata(CarbonChatResponseMetadata.wrap(metadata, receipt))
                .build();
    }
}
