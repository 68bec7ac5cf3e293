package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.router.ModelRouting.CommittedFailure;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.NoEndpointAvailableException;
import ai.carbonbench.router.RoutingPolicy;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming counterpart of {@link CarbonAwareChatModel}: a LangChain4j {@link StreamingChatModel} that
 * streams each call from the cleanest healthy candidate, fails over while nothing has been streamed yet, and
 * accounts the call's grams of CO2e.
 *
 * <pre>{@code
 * StreamingChatModel model = CarbonAwareStreamingChatModel.builder()
 *         .carbonBench(carbonBench)
 *         .candidate("together", "us", "llama-3.3-70b", togetherStreamingModel)   // the baseline
 *         .candidate("groq", "us", "llama-3.3-70b", groqStreamingModel)
 *         .build();
 * }</pre>
 *
 * <p><b>Routing and failures</b> are those of {@link CarbonAwareChatModel} (same policy, classification and
 * cooldowns), with one rule for streams: a retriable failure moves the call to the next candidate only
 * <em>before the first partial response</em> (text, thinking or tool-call fragment) has reached the handler.
 * After that, the failure goes to the handler's {@code onError} as the candidate reported it, without
 * fail-over (the handler cannot take back what it has shown), and the call is not recorded in the ledger
 * (its tokens are unknown). When every candidate fails before streaming, {@code onError} receives a
 * {@link NoEndpointAvailableException} naming each candidate and its failure; a non-retriable failure
 * reaches {@code onError} unchanged.
 *
 * <p><b>Completion.</b> {@code onCompleteResponse} receives the candidate's response with a
 * {@link CarbonChatResponseMetadata}: {@link CarbonReceipt#of(ChatResponse)} reads the receipt, already
 * recorded in the {@linkplain #ledger() ledger}.
 *
 * <p><b>Threads.</b> No thread is held per stream. {@code chat(...)} ranks the candidates and starts the best
 * one's stream (on the caller's thread, or the {@linkplain Builder#executor(Executor) executor} when one is
 * given) and returns. Partial responses reach the handler on the candidate's own thread; a failure before the
 * first of them starts the next candidate from the thread that reported it; the completion is recorded and
 * delivered on the thread that completed the stream (the router's {@code callRecordedAsync}). A caller that
 * cancels through the partial response's {@code streamingHandle()} cancels the candidate's stream; the handler
 * then gets neither completion nor error, as with LangChain4j's own models. Candidates must call back their handler
 * eventually (LangChain4j's do, at the latest when their timeout expires).
 *
 * <p><b>LangChain4j contract</b>: as for {@link CarbonAwareChatModel} — only {@code doChat} is overridden,
 * listeners work, capabilities are the common ones, default parameters are empty, the provider is the
 * shared one or {@link ModelProvider#OTHER}. Works with AiServices' {@code TokenStream}.
 *
 * <p>Immutable and thread-safe when the candidate models are.
 */
public final class CarbonAwareStreamingChatModel extends RoutedChatModel<StreamingChatModel>
        implements StreamingChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonAwareStreamingChatModel.class);

    private final Executor executor;

    private CarbonAwareStreamingChatModel(Builder b) {
        super(b, StreamingChatModel::supportedCapabilities, StreamingChatModel::provider);
        this.executor = b.executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the stream on the best candidate and returns; the handler hears the outcome. No thread waits for
     * the stream: a failure before the first partial response starts the next candidate from the thread that
     * reported it, and the completion is recorded and delivered on the thread that completed the stream.
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        if (executor == null) {
            route(request, handler);
        } else {
            executor.execute(() -> route(request, handler));
        }
    }

    private void route(ChatRequest request, StreamingChatResponseHandler handler) {
        // Attempts run one after another; each completion happens-before the next attempt starts.
        routing.callAsync(c -> {
            StreamAttempt attempt = new StreamAttempt(handler);
            try {
                c.model().chat(request, attempt);
            } catch (RuntimeException e) {
                attempt.onError(e);
            }
            return attempt.outcome();
        }).whenComplete((response, error) -> {
            if (error != null) {
                fail(handler, error);
                return;
            }
            try {
                handler.onCompleteResponse(response);
            } catch (RuntimeException e) {
                LOG.warn("Streaming handler threw from onCompleteResponse; ignored", e);
            }
        });
    }

    private static void fail(StreamingChatResponseHandler handler, Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CommittedFailure after) {
            if (!(after.getCause() instanceof CancellationException)) {
                deliverError(handler, after.getCause());
            }
        } else {
            deliverError(handler, e);
        }
    }

    private static void deliverError(StreamingChatResponseHandler handler, Throwable error) {
        try {
            handler.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("Streaming handler threw from onError; ignored", e);
        }
    }

    /**
     * Builds a {@link CarbonAwareStreamingChatModel}. Required: the {@link CarbonBench} and at least one
     * candidate. Defaults: {@link RoutingPolicy#lowestCarbon()}, a new aggregates-only {@link EmissionsLedger},
     * no listeners, calls started on the caller's thread. Not thread-safe; the built model is.
     */
    public static final class Builder extends RoutingBuilder<StreamingChatModel, Builder> {
        private Executor executor;

        private Builder() {
        }

        /**
         * Where each call is started (one short task per call: rank, then the candidate's {@code chat}). Default:
         * the caller's thread, which suits candidates whose {@code chat} returns at once, as LangChain4j's do. No
         * thread waits for a stream either way.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Validates and builds; fails as {@link CarbonAwareChatModel.Builder#build()} does.
         */
        public CarbonAwareStreamingChatModel build() {
            return new CarbonAwareStreamingChatModel(this);
        }
    }
}
