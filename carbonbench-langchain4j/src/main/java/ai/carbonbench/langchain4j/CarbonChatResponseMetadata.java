package ai.carbonbench.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.Objects;

/**
 * The metadata of every response from a {@link CarbonAwareChatModel} or {@link CarbonAwareStreamingChatModel}:
 * the answering model's own metadata (id, model name, token usage, finish reason — the same values) plus the
 * call's {@link CarbonReceipt}.
 *
 * <p>Why a metadata subclass: it is where LangChain4j puts per-response facts, and it travels wherever the
 * response goes (listeners, streaming handlers, AiServices' {@code Result}). The provider-specific metadata
 * the answering model returned (for example {@code OpenAiChatResponseMetadata} with its system fingerprint)
 * is kept whole in {@link #original()}; code that cast {@code response.metadata()} to the provider's type
 * should cast {@code original()} instead. {@link #toBuilder()} keeps the receipt and the original.
 *
 * <p>Immutable and thread-safe.
 */
public final class CarbonChatResponseMetadata extends ChatResponseMetadata {

    private final CarbonReceipt receipt;
    private final ChatResponseMetadata original;

    private CarbonChatResponseMetadata(Builder builder) {
        super(builder);
        this.receipt = Objects.requireNonNull(builder.receipt, "receipt");
        this.original = builder.original;
    }

    /** The metadata of {@code original} with {@code receipt} added. */
    static CarbonChatResponseMetadata wrap(ChatResponseMetadata original, CarbonReceipt receipt) {
        Builder b = builder().receipt(receipt).original(original);
        if (original != null) {
            b.id(original.id()).modelName(original.modelName()).tokenUsage(original.tokenUsage())
                    .finishReason(original.finishReason());
        }
        return b.build();
    }

    /** The call's carbon receipt. */
    public CarbonReceipt receipt() {
        return receipt;
    }

    /**
     * The metadata exactly as the answering model returned it (possibly a provider-specific subclass); this
     * object when there was none.
     */
    public ChatResponseMetadata original() {
        return original == null ? this : original;
    }

    @Override
    public Builder toBuilder() {
        Builder b = builder().receipt(receipt).original(original);
        toBuilder(b);
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CarbonChatResponseMetadata other && super.equals(other)
                && receipt.equals(other.receipt) && Objects.equals(original, other.original));
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), receipt);
    }

    @Override
    public String toString() {
        return "CarbonChatResponseMetadata{original=" + original + ", receipt=" + receipt + "}";
    }

    /** Builds a {@link CarbonChatResponseMetadata}; the receipt is required. Not thread-safe. */
    public static final class Builder extends ChatResponseMetadata.Builder<Builder> {
        private CarbonReceipt receipt;
        private ChatResponseMetadata original;

        public Builder receipt(CarbonReceipt receipt) {
            this.receipt = receipt;
            return this;
        }

        /** The answering model's own metadata, kept for {@link CarbonChatResponseMetadata#original()}. */
        public Builder original(ChatResponseMetadata original) {
            this.original = original;
            return this;
        }

        @Override
        public CarbonChatResponseMetadata build() {
            return new CarbonChatResponseMetadata(this);
        }
    }
}
