package ai.carbonbench.langchain4j;

import dev.langchain4j.model.output.TokenUsage;
import java.lang.reflect.Method;
import java.util.OptionalLong;

/**
 * The token details some providers report beside the plain counts: reasoning tokens (part of the output
 * tokens) and cached input tokens (part of the input tokens). They live in provider subclasses of
 * {@link TokenUsage} (e.g. {@code OpenAiTokenUsage.outputTokensDetails().reasoningTokens()}); this
 * adapter depends on LangChain4j's core only, so they are read by their public accessor names. A usage
 * without them gives empty values. Thread-safe (stateless).
 */
final class TokenDetails {

    private TokenDetails() {
    }

    /** Reasoning tokens, when the provider reports them; they are already counted in the output tokens. */
    static OptionalLong reasoningTokens(TokenUsage usage) {
        return read(usage, "outputTokensDetails", "reasoningTokens");
    }

    /** Cached input tokens, when the provider reports them; they are already counted in the input tokens. */
    static OptionalLong cachedInputTokens(TokenUsage usage) {
        return read(usage, "inputTokensDetails", "cachedTokens");
    }

    private static OptionalLong read(TokenUsage usage, String details, String count) {
        if (usage == null || usage.getClass() == TokenUsage.class) {
            return OptionalLong.empty();
        }
        try {
            Method detailsMethod = usage.getClass().getMethod(details);
            Object d = detailsMethod.invoke(usage);
            if (d == null) {
                return OptionalLong.empty();
            }
            Object n = d.getClass().getMethod(count).invoke(d);
            return n instanceof Number x && x.longValue() >= 0 ? OptionalLong.of(x.longValue()) : OptionalLong.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OptionalLong.empty(); // a provider without these details
        }
    }
}
