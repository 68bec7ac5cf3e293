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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
 * CarbonBench (a cached read, no network) and, above the threshold, adds
 * {@linkplain LeanRule.Builder#instruction(String) the instruction} to the system message (appended to the first
 * one, or as a new first message) and lowers {@code maxOutputTokens} to the cap (keeping a lower one the request
 * had). Every response carries the {@link LeanDecision}, above the threshold or not: on the {@link CarbonReceipt}
 * when the wrapped model is a candidate of a carbon-aware model, and from {@link #decision(ChatResponse)} in any
 * case.
 *
 * <p>Streaming models are wrapped the same way ({@link #wrap(CarbonBench, String, String, String,
 * StreamingChatModel)}); the decision rides on the completed response. Immutable and thread-safe.
 *
 * @param rule the framework-neutral rule, shared with the other framework's adapter
 */
public record LeanerAnswers(LeanRule rule) {

    /** Leaner answers following {@code rule}, e.g. one shared with the other framework's adapter. */
    public LeanerAnswers {
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * A builder of {@link LeanerAnswers}: the {@link LeanRule}'s settings (threshold required; defaults:
     * {@link LeanRule#DEFAULT_INSTRUCTION}, no token cap), shared with the Spring AI adapter.
     */
    public static LeanRule.Builder<LeanerAnswers> builder() {
        return LeanRule.builder(LeanerAnswers::new);
    }

    /**
     * {@code delegate}, made leaner whenever the grid of the offering it serves ({@code provider}, {@code region},
     * {@code model} from the catalog) is above the threshold.
     *
     * @throws ai.carbonbench.core.UnknownIdException when the catalog has no such offering
     */
    public ChatModel wrap(CarbonBench carbonBench, String provider, String region, String model, ChatModel delegate) {
        return new Lean(on(carbonBench, provider, region, model, delegate), delegate);
    }

    /** Like {@link #wrap(CarbonBench, String, String, String, ChatModel)}, for a streaming model. */
    public StreamingChatModel wrap(CarbonBench carbonBench, String provider, String region, String model,
            StreamingChatModel delegate) {
        return new LeanStreaming(on(carbonBench, provider, region, model, delegate), delegate);
    }

    /** The rule on the offering, once the CarbonBench and the delegate are known not to be null. */
    private LeanRule.Target on(CarbonBench carbonBench, String provider, String region, String model, Object delegate) {
        Objects.requireNonNull(carbonBench, "carbonBench");
        Objects.requireNonNull(delegate, "delegate");
        return rule.on(carbonBench, OfferingKey.of(provider, region, model));
    }

    /** The decision recorded on a response of a wrapped model, or on a carbon-aware model's receipt. */
    public static Optional<LeanDecision> decision(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        if (response.metadata() instanceof LeanMetadata m) {
            return Optional.of(m.decision);
        }
        return CarbonReceipt.of(response).flatMap(CarbonReceipt::leanerAnswer);
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

    /**
     * How a LangChain4j model type describes itself: {@code ChatModel} and {@code StreamingChatModel} declare the
     * same methods but share no interface for them.
     */
    private record Description<M>(Function<M, ChatRequestParameters> defaults,
            Function<M, Set<Capability>> capabilities, Function<M, ModelProvider> provider) {
    }

    /**
     * What both wrapped models share: the rule on the delegate's offering, the request made lean per call, and
     * the LangChain4j description, the delegate's own.
     */
    private abstract static class Wrapped<M> {
        final LeanRule.Target target;
        final M delegate;
        private final Description<M> description;

        Wrapped(LeanRule.Target target, M delegate, Description<M> description) {
            this.target = target;
            this.delegate = delegate;
            this.description = description;
        }

        /** {@code request} made lean as {@code decision} says: the instruction in the system message, tokens capped. */
        ChatRequest lean(ChatRequest request, LeanDecision decision) {
            if (!decision.applied()) {
                return request;
            }
            List<ChatMessage> messages = new ArrayList<>(request.messages());
            if (decision.instructionAdded()) {
                if (!messages.isEmpty() && messages.get(0) instanceof SystemMessage s) {
                    messages.set(0, SystemMessage.from(target.rule().withInstruction(s.text())));
                } else {
                    messages.add(0, SystemMessage.from(target.rule().instruction()));
                }
            }
            ChatRequest.Builder b = request.toBuilder().messages(messages);
            if (decision.maxOutputTokens().isPresent()) {
                b.parameters(request.parameters().overrideWith(ChatRequestParameters.builder()
                        .maxOutputTokens(decision.maxOutputTokens().getAsInt()).build()));
            }
            return b.build();
        }

        LeanDecision decide(ChatRequest request) {
            return target.decide(request.parameters().maxOutputTokens());
        }

        public ChatRequestParameters defaultRequestParameters() {
            return description.defaults().apply(delegate);
        }

        public Set<Capability> supportedCapabilities() {
            return description.capabilities().apply(delegate);
        }

        public ModelProvider provider() {
            return description.provider().apply(delegate);
        }

        @Override
        public String toString() {
            return "LeanerAnswers(" + target.endpoint() + ", " + delegate + ")";
        }
    }

    /** The wrapped model. */
    private static final class Lean extends Wrapped<ChatModel> implements ChatModel {
        private static final Description<ChatModel> DESCRIPTION = new Description<>(
                ChatModel::defaultRequestParameters, ChatModel::supportedCapabilities, ChatModel::provider);

        Lean(LeanRule.Target target, ChatModel delegate) {
            super(target, delegate, DESCRIPTION);
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            LeanDecision decision = decide(request);
            return withDecision(delegate.chat(lean(request, decision)), decision);
        }
    }

    /** The wrapped streaming model: the request made lean up front, the decision added to the completed response. */
    private static final class LeanStreaming extends Wrapped<StreamingChatModel> implements StreamingChatModel {
        private static final Description<StreamingChatModel> DESCRIPTION = new Description<>(
                StreamingChatModel::defaultRequestParameters, StreamingChatModel::supportedCapabilities,
                StreamingChatModel::provider);

        LeanStreaming(LeanRule.Target target, StreamingChatModel delegate) {
            super(target, delegate, DESCRIPTION);
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            LeanDecision decision = decide(request);
            delegate.chat(lean(request, decision), new Forwarding(handler, decision));
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
}
