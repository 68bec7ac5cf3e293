package ai.carbonbench.router;

/**
 * The work {@link CarbonRouter#call(CallFunction, UsageExtractor)} runs on the chosen endpoint's client,
 * for example {@code client -> client.send(request, BodyHandlers.ofString())}. It may be run several
 * times, once per endpoint tried, so it must be safe to repeat.
 *
 * @param <C> the client type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CallFunction<C, R> {

    /** Makes the call on {@code client}; any exception is classified by the router's {@link FailureClassifier}. */
    R apply(C client) throws Exception;
}
