package ai.carbonbench.langchain4j;

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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Passes every event to {@link #user}, each overload to the same overload (LangChain4j's defaults would turn the
 * context overloads into the plain ones); unchanged unless a subclass overrides an event or one of the two hooks:
 * {@link #onContent()}, told of every content event before it is passed on, and {@link #context}, the context
 * the user's handler gets with a content event.
 */
abstract class ForwardingHandler implements StreamingChatResponseHandler {

    final StreamingChatResponseHandler user;

    ForwardingHandler(StreamingChatResponseHandler user) {
        this.user = user;
    }

    /** Called before each content event (partial response, thinking or tool call) is passed on; nothing here. */
    void onContent() {
    }

    /**
     * The context the user's handler gets with a content event: {@code context} itself here. A subclass may
     * give it another handle: {@code withHandle} makes a context of the same type around one.
     *
     * @param candidate the handle in {@code context}, null when there is none
     */
    <C> @Nullable C context(@Nullable C context, @Nullable StreamingHandle candidate,
            Function<@Nullable StreamingHandle, C> withHandle) {
        return context;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        onContent();
        user.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        onContent();
        user.onPartialResponse(partialResponse, context(context, context == null ? null : context.streamingHandle(),
                PartialResponseContext::new));
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        onContent();
        user.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        onContent();
        user.onPartialThinking(partialThinking, context(context, context == null ? null : context.streamingHandle(),
                PartialThinkingContext::new));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        onContent();
        user.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        onContent();
        user.onPartialToolCall(partialToolCall, context(context, context == null ? null : context.streamingHandle(),
                PartialToolCallContext::new));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        onContent();
        user.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onUnmappedRawEvent(Object event) {
        // not content: no onContent()
        user.onUnmappedRawEvent(event);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        user.onCompleteResponse(response);
    }

    @Override
    public void onError(Throwable error) {
        user.onError(error);
    }
}
