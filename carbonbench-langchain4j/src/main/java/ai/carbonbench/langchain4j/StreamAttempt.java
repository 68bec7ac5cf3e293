package ai.carbonbench.langchain4j;

import ai.carbonbench.router.ModelRouting.CommittedFailure;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One streaming attempt on one candidate. Partial events go straight through to the caller's handler (on the
 * candidate's thread) and mark the attempt <em>committed</em>: from then on it can no longer fail over. The
 * completion and the error complete {@link #outcome()}, on which the router chains the fail-over or the
 * recording of the call before the response (with its receipt) reaches the caller's handler.
 */
final class StreamAttempt implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler user;
    private final CompletableFuture<ChatResponse> outcome = new CompletableFuture<>();
    private volatile boolean committed;
    private volatile boolean cancelled;

    StreamAttempt(StreamingChatResponseHandler user) {
        this.user = user;
    }

    boolean committed() {
        return committed;
    }

    /**
     * Completes with the candidate's response, or with its failure: as reported while nothing has been
     * streamed (the router may fail over), wrapped in a {@link CommittedFailure} once something has (it
     * may not); a user's cancellation ends it with a {@code CommittedFailure} around a {@link CancellationException}.
     */
    CompletableFuture<ChatResponse> outcome() {
        return outcome;
    }

    private void commit() {
        committed = true;
    }

    /** Wraps the candidate's handle so that a cancellation by the caller also releases the routing thread. */
    private StreamingHandle handle(StreamingHandle delegate) {
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

    @Override
    public void onPartialResponse(String partialResponse) {
        commit();
        user.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        commit();
        user.onPartialResponse(partialResponse, new PartialResponseContext(handle(context == null ? null
                : context.streamingHandle())));
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        commit();
        user.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        commit();
        user.onPartialThinking(partialThinking, new PartialThinkingContext(handle(context == null ? null
                : context.streamingHandle())));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        commit();
        user.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        commit();
        user.onPartialToolCall(partialToolCall, new PartialToolCallContext(handle(context == null ? null
                : context.streamingHandle())));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        commit();
        user.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
        // not content: forwarding it does not commit the attempt
        user.onUnmappedRawEvent(rawEvent);
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
