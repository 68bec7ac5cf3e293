package ai.carbonbench.router;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous work {@link CarbonRouter#callAsync(AsyncCallFunction, UsageExtractor)} starts on the chosen
 * endpoint's client, for example {@code client -> client.sendAsync(request, BodyHandlers.ofString())}. It must
 * start the call and return without waiting for it; the router chains the fail-over to the stage's completion.
 * It may be run several times, once per endpoint tried, so it must be safe to repeat.
 *
 * @param <C> the client type
 * @param <R> the result type
 */
@FunctionalInterface
public interface AsyncCallFunction<C, R> {

    /**
     * Starts the call on {@code client}. A failure, thrown here or completing the stage, is classified by the
     * router's {@link FailureClassifier}.
     */
    CompletionStage<R> apply(C client) throws Exception;
}
