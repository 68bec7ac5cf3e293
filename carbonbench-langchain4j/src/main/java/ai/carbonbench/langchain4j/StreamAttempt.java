package ai.carbonbench.langchain4j;

import ai.carbonbench.router.ModelRouting.CommittedFailure;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One streaming attempt on one candidate. Partial events go straight through to the caller's handler (on the
 * candidate's thread) and mark the attempt <em>committed</em>: from then on it can no longer fail over. The
 * completion and the error complete {@link #outcome()}, on which the router chains the fail-over or the
 * recording of the call before the response (with its receipt) reaches the caller's handler.
 */
final class StreamAttempt extends ForwardingHandler {

    private final CompletableFuture<ChatResponse> outcome = new CompletableFuture<>();
    private volatile boolean committed;
    private volatile boolean cancelled;

    StreamAttempt(StreamingChatResponseHandler user) {
        super(user);
    }

    /**
     * Completes with the candidate's response, or with its failure: as reported while nothing has been
     * streamed (the router may fail over), wrapped in a {@link CommittedFailure} once something has (it
     * may not); a user's cancellation ends it with a {@code CommittedFailure} around a {@link CancellationException}.
     */
    CompletableFuture<ChatResponse> outcome() {
        return outcome;
    }

    /** Wraps the candidate's handle so that a cancellation by the caller also ends {@link #outcome()}. */
    private StreamingHandle handle(@Nullable StreamingHandle delegate) {
        return new StreamingHandle() {
            @Override
            public void cancel() {
                cancelled = true;
                try {
                    if (delegate != null) {
                        delegate.cancel();
                    }
                } finally {
                    outcome.completeExceptionally(new CommittedFailure(
                            new CancellationException("cancelled by the caller")));
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled || (delegate != null && delegate.isCancelled());
            }
        };
    }

    /** Content marks the attempt committed. */
    @Override
    void onContent() {
        committed = true;
    }

    /** The caller's handler gets a handle whose cancellation also ends this attempt. */
    @Override
    <C> C context(@Nullable C context, @Nullable StreamingHandle candidate,
            Function<@Nullable StreamingHandle, C> withHandle) {
        return withHandle.apply(handle(candidate));
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        outcome.complete(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        outcome.completeExceptionally(committed ? new CommittedFailure(error) : error);
    }
}
