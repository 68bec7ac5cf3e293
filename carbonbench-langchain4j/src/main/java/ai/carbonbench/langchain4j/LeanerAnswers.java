package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.LeanRule;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Opt-in leaner answers: when the grid serving a call is dirtier than a threshold the caller sets, ask the model
 * to be brief and/or cap its output tokens. Published measurements report large cuts in output length (and so in
 * energy) from brevity prompts; whether a shorter answer is still good enough for a task is the caller's
 * judgment, not CarbonBench's: CarbonBench only measures the grams.
 *
 * <pre>{@code
 * LeanerAnswers lean = LeanerAnswers.builder().aboveGramsPerKwh(300).maxOutputTokens(400).build();
 * ChatModel model = CarbonAwareChatModel.builder().carbonBench(cb)
 *         .candidate("together", "us", "llama-3.3-70b", lean.wrap(cb, "together", "us", "llama-3.3-70b", together))
 *         .candidate("groq", "us", "llama-3.3-70b", lean.wrap(cb, "groq", "us", "llama-3.3-70b", groq))
 *         .build();
 * }</pre>
 *
 * <p>{@link #wrap} returns a {@code ChatModel} that, per call, reads its offering's current intensity from the
 * CarbonBench (a cached read, no network) and, above the threshold, adds {@linkplain Builder#instruction(String)
 * the instruction} to the system message (appended to the first one, or as a new first message) and lowers
 * {@code maxOutputTokens} to the cap (keeping a lower one the request had). Every response carries the
 * {@link LeanDecision}, above the threshold or not: on the {@link CarbonReceipt} when the wrapped model is a
 * candidate of a carbon-aware model, and from {@link #decision(ChatResponse)} in any case.
 *
 * <p>Streaming models are wrapped the same way ({@link #wrap(CarbonBench, String, String, String,
 * StreamingChatModel)}); the decision rides on the completed response. Immutable and thread-safe.
 */
public final class LeanerAnswers {

    /** The default brevity instruction. */
    public static final String DEFAULT_INSTRUCTION = LeanRule.DEFAULT_INSTRUCTION;

    private final LeanRule rule;

    private LeanerAnswers(LeanRule rule) {
        this.rule = rule;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The framework-neutral rule, shared with the Spring AI adapter. */
    public LeanRule rule() {
        return rule;
    }

    /**
     * {@code delegate}, made leaner whenever the grid of the offering it serves ({@code provider}, {@code region},
     * {@code model} from the catalog) is above the threshold.
     *
     * @throws ai.carbonbench.core.UnknownIdException when the catalog has no such offering
     */
    public ChatModel wrap(CarbonBench carbonBench, String provider, String region, String model, ChatModel delegate) {
        Objects.requireNonNull(carbonBench, "carbonBench");
        Objects.requireNonNull(delegate, "delegate");
        return new Lean(carbonBench, offering(carbonBench, provider, region, model), delegate);
    }

    /** Like {@link #wrap(CarbonBench, String, String, String, ChatModel)}, for a streaming model. */
    public StreamingChatModel wrap(CarbonBench carbonBench, String provider, String region, String model,
            StreamingChatModel delegate) {
        Objects.requireNonNull(carbonBench, "carbonBench");
        Objects.requireNonNull(delegate, "delegate");
        return new LeanStreaming(carbonBench, offering(carbonBench, provider, region, model), delegate);
    }

    private static OfferingKey offering(CarbonBench carbonBench, String provider, String region, String model) {
        return carbonBench.catalog().offering(OfferingKey.of(provider, region, model)).key();
    }

    /** The decision recorded on a response of a wrapped model, or on a carbon-aware model's receipt. */
    public static java.util.Optional<LeanDecision> decision(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        if (response.metadata() instanceof LeanMetadata m) {
            return java.util.Optional.of(m.decision);
        }
        return CarbonReceipt.of(response).flatMap(CarbonReceipt::leanerAnswer);
    }

    /** The request made lean as {@code decision} says: the instruction in the system message, tokens capped. */
    ChatRequest lean(ChatRequest request, LeanDecision decision) {
        if (!decision.applied()) {
            return request;
        }
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        if (decision.instructionAdded()) {
            if (!messages.isEmpty() && messages.get(0) instanceof SystemMessage s) {
                messages.set(0, SystemMessage.from(rule.withInstruction(s.text())));
            } else {
                messages.add(0, SystemMessage.from(rule.instruction()));
            }
        }
        ChatRequest.Builder b = request.toBuilder().messages(messages);
        if (decision.maxOutputTokens().isPresent()) {
            b.parameters(request.parameters().overrideWith(ChatRequestParameters.builder()
                    .maxOutputTokens(decision.maxOutputTokens().getAsInt()).build()));
        }
        return b.build();
    }

    /** {@code response} with {@code decision} added to its metadata. */
    private static ChatResponse withDecision(ChatResponse response, LeanDecision decision) {
        return ChatResponse.builder().aiMessage(response.aiMessage())
                .metadata(LeanMetadata.wrap(response.metadata(), decision)).build();
    }

    @Override
    public String toString() {
        return "LeanerAnswers[" + rule + "]";
    }

    /** The wrapped model. */
    private final class Lean implements ChatModel {
        private final CarbonBench carbonBench;
        private final OfferingKey key;
        private final ChatModel delegate;

        Lean(CarbonBench carbonBench, OfferingKey key, ChatModel delegate) {
            this.carbonBench = carbonBench;
            this.key = key;
            this.delegate = delegate;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            LeanDecision decision = rule.decide(carbonBench, key, request.parameters().maxOutputTokens());
            ChatRequest sent = lean(request, decision);
            return withDecision(delegate.chat(sent), decision);
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return delegate.defaultRequestParameters();
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return delegate.supportedCapabilities();
        }

        @Override
        public ModelProvider provider() {
            return delegate.provider();
        }

        @Override
        public String toString() {
            return "LeanerAnswers(" + key + ", " + delegate + ")";
        }
    }

    /** The wrapped streaming model: the request made lean up front, the decision added to the completed response. */
    private final class LeanStreaming implements StreamingChatModel {
        private final CarbonBench carbonBench;
        private final OfferingKey key;
        private final StreamingChatModel delegate;

        LeanStreaming(CarbonBench carbonBench, OfferingKey key, StreamingChatModel delegate) {
            this.carbonBench = carbonBench;
            this.key = key;
            this.delegate = delegate;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            LeanDecision decision = rule.decide(carbonBench, key, request.parameters().maxOutputTokens());
            ChatRequest sent = lean(request, decision);
            delegate.chat(sent, new Forwarding(handler, decision));
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return delegate.defaultRequestParameters();
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return delegate.supportedCapabilities();
        }

        @Override
        public ModelProvider provider() {
            return delegate.provider();
        }

        @Override
        public String toString() {
            return "LeanerAnswers(" + key + ", " + delegate + ")";
        }
    }

    /** Passes every event on unchanged, adding the decision at completion. */
    private static final class Forwarding extends ForwardingHandler {
        private final LeanDecision decision;

        Forwarding(StreamingChatResponseHandler user, LeanDecision decision) {
            super(user);
            this.decision = decision;
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            user.onCompleteResponse(withDecision(response, decision));
        }
    }

    /** Response metadata carrying the decision and the delegate's own metadata. */
    static final class LeanMetadata extends ChatResponseMetadata {
        final LeanDecision decision;
        final @Nullable ChatResponseMetadata original;

        private LeanMetadata(Builder b, LeanDecision decision, @Nullable ChatResponseMetadata original) {
            super(b);
            this.decision = decision;
            this.original = original;
        }

        static LeanMetadata wrap(@Nullable ChatResponseMetadata original, LeanDecision decision) {
            Builder b = new Builder();
            if (original != null) {
                b.id(original.id()).modelName(original.modelName()).tokenUsage(original.tokenUsage())
                        .finishReason(original.finishReason());
            }
            return new LeanMetadata(b, decision, original);
        }

        static final class Builder extends ChatResponseMetadata.Builder<Builder> {
        }
    }

    /** Builds {@link LeanerAnswers}. Not thread-safe. Defaults: {@link #DEFAULT_INSTRUCTION}, no token cap. */
    public static final class Builder {
        private final LeanRule.Builder rule = LeanRule.builder();

        private Builder() {
        }

        /** Make calls leaner when the serving grid's intensity is above this, gCO2e/kWh. Required. */
        public Builder aboveGramsPerKwh(double threshold) {
            rule.aboveGramsPerKwh(threshold);
            return this;
        }

        /** The brevity instruction; empty to only cap tokens. */
        public Builder instruction(String instruction) {
            rule.instruction(instruction);
            return this;
        }

        /** Cap max output tokens at this when above the threshold; at least 1. */
        public Builder maxOutputTokens(int max) {
            rule.maxOutputTokens(max);
            return this;
        }

        /**
         * @throws IllegalStateException when no threshold was set, or neither an instruction nor a cap
         */
        public LeanerAnswers build() {
            return new LeanerAnswers(rule.build());
        }
    }
}
