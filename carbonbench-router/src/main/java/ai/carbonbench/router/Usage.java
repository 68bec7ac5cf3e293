package ai.carbonbench.router;

import ai.carbonbench.core.catalog.Checks;

/**
 * Tokens of one call: what it consumed, as the provider reported them, or, as a budget's estimate before the
 * call ({@code BudgetedCall.withEstimate}), at most what it may consume.
 *
 * @param inputTokens  prompt tokens, {@code >= 0}
 * @param outputTokens generated tokens (for an estimate, the maximum output tokens), {@code >= 0}
 */
public record Usage(long inputTokens, long outputTokens) {

    /** No tokens: the call is counted, with zero grams. */
    public static final Usage NONE = new Usage(0, 0);

    public Usage {
        Checks.count("inputTokens", inputTokens);
        Checks.count("outputTokens", outputTokens);
    }

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens);
    }
}
