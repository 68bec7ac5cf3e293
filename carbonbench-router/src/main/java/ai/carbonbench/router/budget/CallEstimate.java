package ai.carbonbench.router.budget;

import ai.carbonbench.core.catalog.Checks;

/**
 * An upper estimate of one call's tokens, from which a budget reserves grams before the call: the prompt's
 * tokens (or a bound on them) and the maximum output tokens the call may generate. When a call's real tokens
 * stay within its estimate, the grams reserved cover what the ledger records for it.
 *
 * @param inputTokens     prompt tokens, at most; {@code >= 0}
 * @param maxOutputTokens output tokens, at most; {@code >= 0}
 */
public record CallEstimate(long inputTokens, long maxOutputTokens) {

    /** The default when neither the call nor the budget says otherwise: 2,000 in, 1,000 out. */
    public static final CallEstimate DEFAULT = new CallEstimate(2_000, 1_000);

    public CallEstimate {
        Checks.count("inputTokens", inputTokens);
        Checks.count("maxOutputTokens", maxOutputTokens);
    }

    public static CallEstimate of(long inputTokens, long maxOutputTokens) {
        return new CallEstimate(inputTokens, maxOutputTokens);
    }
}
