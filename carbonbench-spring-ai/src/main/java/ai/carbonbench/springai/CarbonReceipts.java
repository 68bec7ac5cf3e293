package ai.carbonbench.springai;

import ai.carbonbench.router.CallReceipt;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Where a carbon-aware Spring AI chat model puts each call's {@link CallReceipt}: in the {@link ChatResponse}'s
 * metadata under {@value #METADATA_KEY}, so it travels wherever the response goes (a {@code ChatClient}'s
 * {@code chatResponse()}, advisors, the last chunk of a stream).
 *
 * <pre>{@code
 * ChatResponse response = chatClient.prompt("Hello").call().chatResponse();
 * CarbonReceipts.of(response).ifPresent(r -> log.info("{} g CO2e on {}", r.grams().central(), r.endpoint()));
 * }</pre>
 */
public final class CarbonReceipts {

    /** The metadata key of the receipt. */
    public static final String METADATA_KEY = "carbonbench.receipt";

    private CarbonReceipts() {
    }

    /** The receipt a carbon-aware model attached to this response; empty for any other response. */
    public static Optional<CallReceipt> of(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        ChatResponseMetadata m = response.getMetadata();
        return m != null && m.get(METADATA_KEY) instanceof CallReceipt r ? Optional.of(r) : Optional.empty();
    }

    /** {@code response} with {@code receipt} added to a copy of its metadata; everything else unchanged. */
    static ChatResponse with(ChatResponse response, CallReceipt receipt) {
        return withEntry(response, METADATA_KEY, receipt);
    }

    /** {@code response} with {@code key = value} added to a copy of its metadata; everything else unchanged. */
    static ChatResponse withEntry(ChatResponse response, String key, Object value) {
        ChatResponseMetadata m = response.getMetadata();
        ChatResponseMetadata.Builder b = ChatResponseMetadata.builder();
        if (m != null) {
            if (m.getId() != null) {
                b.id(m.getId());
            }
            if (m.getModel() != null) {
                b.model(m.getModel());
            }
            if (m.getRateLimit() != null) {
                b.rateLimit(m.getRateLimit());
            }
            if (m.getUsage() != null) {
                b.usage(m.getUsage());
            }
            if (m.getPromptMetadata() != null) {
                b.promptMetadata(m.getPromptMetadata());
            }
            m.entrySet().forEach(e -> b.keyValue(e.getKey(), e.getValue()));
        }
        b.keyValue(key, value);
        return ChatResponse.builder().from(response).metadata(b.build()).build();
    }
}
