package ai.carbonbench.springai;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.LeanRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * Opt-in leaner answers for Spring AI: when the grid of the offering serving a call is dirtier than a threshold
 * the caller sets, ask the model to be brief and/or cap its output tokens ({@code maxTokens}). Published
 * measurements report large cuts in output length (and so in energy) from brevity prompts; whether a shorter
 * answer is still good enough for a task is the caller's judgment, not CarbonBench's: CarbonBench only measures
 * the grams. The rule itself is the framework-neutral {@link LeanRule}, shared with the LangChain4j adapter.
 *
 * <pre>{@code
 * LeanerAnswers lean = LeanerAnswers.builder().aboveGramsPerKwh(300).maxOutputTokens(400).build();
 * ChatModel model = CarbonAwareChatModel.builder().carbonBench(cb)
 *         .candidate("together", "us", "llama-3.3-70b", lean.wrap(cb, "together", "us", "llama-3.3-70b", together))
 *         .candidate("groq", "us", "llama-3.3-70b", lean.wrap(cb, "groq", "us", "llama-3.3-70b", groq))
 *         .build();
 * // or, the same for every candidate: CarbonAwareChatModel.builder()...leanerAnswers(lean).build()
 * ChatResponse response = ChatClient.create(model).prompt("Hello").call().chatResponse();
 * LeanerAnswers.decision(response).ifPresent(d -> log.info("leaner answer: {}", d));
 * }</pre>
 *
 * <p>{@link #wrap} returns a {@code ChatModel} that, per call, reads its offering's current intensity from the
 * CarbonBench (a cached read, no network), so the decision follows the candidate the router picked; above the
 * threshold it appends the instruction to the first system message (or adds one as the first message) and lowers
 * {@code maxTokens} in the prompt's options to the cap (keeping a lower one the prompt or the model's defaults
 * had). Every response, above the threshold or not, carries the {@link LeanDecision} in its metadata under
 * {@value #METADATA_KEY}, next to the {@linkplain CarbonReceipts receipt} when the wrapped model is a candidate of
 * a {@link CarbonAwareChatModel}; streams carry it on every chunk. Immutable and thread-safe.
 *
 * @param rule the framework-neutral rule, shared with the other framework's adapter
 */
public record LeanerAnswers(LeanRule rule) {

    /** The metadata key of the decision. */
    public static final String METADATA_KEY = "carbonbench.leanerAnswer";

    /** Leaner answers following {@code rule}, e.g. one shared with the other framework's adapter. */
    public LeanerAnswers {
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * A builder of {@link LeanerAnswers}: the {@link LeanRule}'s settings (threshold required; defaults:
     * {@link LeanRule#DEFAULT_INSTRUCTION}, no token cap), shared with the LangChain4j adapter.
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
        Objects.requireNonNull(carbonBench, "carbonBench");
        Objects.requireNonNull(delegate, "delegate");
        return new Lean(rule.on(carbonBench, OfferingKey.of(provider, region, model)), delegate);
    }

    /**
     * {@code delegate} made leaner on {@code offering}'s grid: {@link CarbonAwareChatModel.Builder}'s decorator of
     * each candidate, whose offering the routing has already resolved to canonical catalog ids.
     */
    ChatModel wrap(CarbonBench carbonBench, OfferingKey offering, ChatModel delegate) {
        return new Lean(new LeanRule.Target(rule, carbonBench, offering), delegate);
    }

    /** The decision recorded on a response of a wrapped model (or of a carbon-aware model routing to one). */
    public static Optional<LeanDecision> decision(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        ChatResponseMetadata m = response.getMetadata();
        return m != null && m.get(METADATA_KEY) instanceof LeanDecision d ? Optional.of(d) : Optional.empty();
    }

    /** The prompt made lean as {@code decision} says: the instruction in the system message, tokens capped. */
    Prompt lean(Prompt prompt, LeanDecision decision, @Nullable ChatOptions defaults) {
        if (!decision.applied()) {
            return prompt;
        }
        List<Message> messages = new ArrayList<>(prompt.getInstructions());
        if (decision.instructionAdded()) {
            int i = 0;
            while (i < messages.size() && !(messages.get(i) instanceof SystemMessage)) {
                i++;
            }
            if (i < messages.size()) {
                SystemMessage s = (SystemMessage) messages.get(i);
                messages.set(i, s.mutate().text(rule.withInstruction(s.getText())).build());
            } else {
                messages.add(0, new SystemMessage(rule.instruction()));
            }
        }
        ChatOptions options = prompt.getOptions();
        if (decision.maxOutputTokens().isPresent()) {
            ChatOptions base = options != null ? options : defaults;
            ChatOptions.Builder<?> b = base != null ? base.mutate() : ChatOptions.builder();
            options = b.maxTokens(decision.maxOutputTokens().getAsInt()).build();
        }
        Prompt.Builder pb = prompt.mutate().messages(messages);
        if (options != null) {
            pb.chatOptions(options);
        }
        return pb.build();
    }

    /** The max output tokens a prompt would be sent with: its own, else the model's default; null for none. */
    private static @Nullable Integer requestedMaxTokens(Prompt prompt, @Nullable ChatOptions defaults) {
        ChatOptions own = prompt.getOptions();
        if (own != null && own.getMaxTokens() != null) {
            return own.getMaxTokens();
        }
        return defaults == null ? null : defaults.getMaxTokens();
    }

    @Override
    public String toString() {
        return "LeanerAnswers[" + rule + "]";
    }

    private record Leaned(Prompt prompt, LeanDecision decision) {
    }

    /** The wrapped model. */
    private final class Lean implements ChatModel {
        private final LeanRule.Target target;
        private final ChatModel delegate;

        Lean(LeanRule.Target target, ChatModel delegate) {
            this.target = target;
            this.delegate = delegate;
        }

        /** The decision for {@code prompt} on this offering, and the prompt made lean as it says. */
        private Leaned prepare(Prompt prompt) {
            Objects.requireNonNull(prompt, "prompt");
            ChatOptions defaults = delegate.getDefaultOptions();
            LeanDecision decision = target.decide(requestedMaxTokens(prompt, defaults));
            return new Leaned(lean(prompt, decision, defaults), decision);
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            Leaned l = prepare(prompt);
            return CarbonReceipts.withEntry(delegate.call(l.prompt()), METADATA_KEY, l.decision());
        }

        @Override
        public Flux<ChatResponse> stream(Prompt prompt) {
            Leaned l = prepare(prompt);
            return delegate.stream(l.prompt())
                    .map(chunk -> CarbonReceipts.withEntry(chunk, METADATA_KEY, l.decision()));
        }

        @Override
        public ChatOptions getDefaultOptions() {
            return delegate.getDefaultOptions();
        }

        @Override
        public String toString() {
            return "LeanerAnswers(" + target.endpoint() + ", " + delegate + ")";
        }
    }
}
