package ai.carbonbench.router;

/**
 * Reads the token usage out of a call's result so that the router can record the call in its
 * {@link EmissionsLedger}, e.g. {@code response -> Usage.of(response.inputTokens(), response.outputTokens())}.
 *
 * <p>Runs on the calling thread after a successful call. If it throws, the call still succeeds for the
 * caller; the failure is logged and the call is recorded with {@link Usage#NONE}.
 *
 * @param <R> the call's result type
 */
@FunctionalInterface
public interface UsageExtractor<R> {

    /** The tokens the call consumed; never {@code null} (use {@link Usage#NONE} when unknown). */
    Usage usage(R result);

    /** An extractor for results that carry no usage: every call is counted with zero tokens. */
    static <R> UsageExtractor<R> none() {
        return r -> Usage.NONE;
    }
}
