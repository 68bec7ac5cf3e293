package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.HealthPolicy;
import ai.carbonbench.router.NoEndpointAvailableException;
import ai.carbonbench.router.RoutingPolicy;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatModel} that sends each call to the cleanest healthy one of several provider models
 * serving the same LLM, fails over when one is rate-limited or down, and accounts each call's grams of CO2e.
 *
 * <pre>{@code
 * ChatModel model = CarbonAwareChatModel.builder()
 *         .carbonBench(carbonBench)
 *         .candidate("together", "us", "llama-3.3-70b", togetherModel)   // the baseline: declared first
 *         .candidate("groq", "us", "llama-3.3-70b", groqModel)
 *         .build();
 * ChatResponse response = model.chat(request);
 * CarbonReceipt receipt = CarbonReceipt.of(response).orElseThrow();
 * }</pre>
 *
 * <p><b>Candidates</b> are a provider id, a region id and a model id (or alias) from the CarbonBench catalog,
 * validated when the model is built, and the LangChain4j {@code ChatModel} that serves that offering (any
 * implementation: {@code OpenAiChatModel} for Together, Groq or Fireworks, a Bedrock model per region, …). The
 * first candidate is the <em>baseline</em> that savings are measured against.
 *
 * <p><b>Routing</b> is a {@code CarbonRouter}: candidates are ranked by the {@link RoutingPolicy} (default:
 * lowest carbon) over the CarbonBench's current intensities, and each call goes to the first healthy one.
 * The candidate's own {@code chat(ChatRequest)} is called, so its default parameters (its model name,
 * temperature, …) and its own listeners apply as usual.
 *
 * <p><b>Failures.</b> A {@code RetriableException} (LangChain4j's {@code RateLimitException},
 * {@code InternalServerException}, {@code TimeoutException}), an unmapped {@code HttpException} with status
 * 408, 429 or 5xx, or an I/O error such as a refused connection moves the call to the next candidate; after
 * too many failures or slow calls a candidate cools down ({@link Builder#health(HealthPolicy)}). A
 * {@code NonRetriableException} ({@code AuthenticationException}, {@code InvalidRequestException},
 * {@code ModelNotFoundException}) and any other exception are thrown to the caller unchanged, without trying
 * another candidate: another provider would reject the same request. When every candidate fails, a
 * {@link NoEndpointAvailableException} names each candidate and its failure, and carries the failures as
 * suppressed exceptions. Configure the candidates' own retries off ({@code maxRetries(0)}) so that fail-over
 * is immediate rather than after their retries.
 *
 * <p><b>Accounting.</b> Each successful call's {@code tokenUsage()} (missing counts count as 0) is recorded in
 * the {@linkplain #ledger() ledger}, and the response's metadata is a {@link CarbonChatResponseMetadata}
 * carrying the call's {@link CarbonReceipt}; the provider's own metadata stays available from
 * {@link CarbonChatResponseMetadata#original()}.
 *
 * <p><b>LangChain4j contract.</b> Only {@link #doChat(ChatRequest)} is overridden, so LangChain4j's
 * {@code chat(...)} methods, request merging and {@linkplain Builder#listener(ChatModelListener) listeners}
 * work as for any model (listeners see the response with its receipt). {@link #supportedCapabilities()} is
 * what every candidate supports; {@link #defaultRequestParameters()} is empty, because each candidate applies
 * its own (their model names differ by provider); {@link #provider()} is the candidates' provider when they
 * all report the same one, {@link ModelProvider#OTHER} otherwise. A model name set on a request is passed to
 * every candidate unchanged, so leave it unset. Works inside {@code AiServices}.
 *
 * <p>Immutable and thread-safe when the candidate models are (LangChain4j's are).
 */
public final class CarbonAwareChatModel extends RoutedChatModel<ChatModel> implements ChatModel {


    private CarbonAwareChatModel(Builder b) {
        super(b, ChatModel::supportedCapabilities, ChatModel::provider);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Routes the request to the best healthy candidate, failing over on retriable failures, and returns its
     * response with a {@link CarbonChatResponseMetadata}.
     *
     * @throws NoEndpointAvailableException when every candidate failed (each named in the message) or none is
     *                                      usable (all cooling down, or excluded by the policy)
     * @throws RuntimeException             a non-retriable failure of a candidate, unchanged
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return routing.call(c -> c.model().chat(request));
    }

    /**
     * Builds a {@link CarbonAwareChatModel}. Required: the {@link CarbonBench} and at least one candidate.
     * Defaults: {@link RoutingPolicy#lowestCarbon()}, a new aggregates-only {@link EmissionsLedger}, no
     * listeners. Not thread-safe; the built model is.
     */
    public static final class Builder extends RoutingBuilder<ChatModel, Builder> {

        private Builder() {
        }

        /**
         * Validates and builds.
         *
         * @throws NullPointerException            when no CarbonBench was given
         * @throws IllegalArgumentException        for no candidate, or one declared twice
         * @throws ai.carbonbench.core.UnknownIdException for a provider, region, model or offering the catalog
         *                                         does not know (the message names close ids)
         * @throws NoEndpointAvailableException    when the policy's constraints exclude every candidate
         */
        public CarbonAwareChatModel build() {
            return new CarbonAwareChatModel(this);
        }
    }
}
