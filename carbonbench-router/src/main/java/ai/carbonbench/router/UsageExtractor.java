package ai.carbonbench.router;

import java.util.Objects;
import org.slf4j.LoggerFactory;

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

    /**
     * The tokens {@code extractor} reads from {@code result}, or {@link Usage#NONE} when it throws or returns
     * {@code null}: the failure is logged at WARN with {@code source} (the endpoint or job the result came from),
     * and the call is still counted. How the router and the scheduler read usage.
     */
    static <R> Usage usageOrNone(UsageExtractor<? super R> extractor, R result, Object source) {
        try {
            return Objects.requireNonNull(extractor.usage(result), "usage extractor returned null");
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(UsageExtractor.class)
                    .warn("Usage extractor failed on a result from {}; counting the call with no tokens", source, e);
            return Usage.NONE;
        }
    }

    /** An extractor for results that carry no usage: every call is counted with zero tokens. */
    static <R> UsageExtractor<R> none() {
        return r -> Usage.NONE;
    }
}
