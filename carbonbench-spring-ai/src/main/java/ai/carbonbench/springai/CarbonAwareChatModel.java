package ai.carbonbench.springai;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.CarbonAttributes;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.ModelRouting;
import ai.carbonbench.router.ModelRouting.CommittedFailure;
import ai.carbonbench.router.NoEndpointAvailableException;
import ai.carbonbench.router.RoutingDecision;
import ai.carbonbench.router.RoutingPolicy;
import ai.carbonbench.router.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A Spring AI {@link ChatModel} (and so {@link StreamingChatModel}) that sends each call to the cleanest
 * healthy one of several chat models serving the same LLM, fails over when one is rate-limited or down, and
 * accounts each call's grams of CO2e: the routing, fail-over and receipt semantics of the LangChain4j adapter,
 * on the router's shared {@link ModelRouting}.
 *
 * <pre>{@code
 * ChatModel model = CarbonAwareChatModel.builder()
 *         .carbonBench(carbonBench)
 *         .candidate("together", "us", "llama-3.3-70b", togetherChatModel)   // the baseline: declared first
 *         .candidate("groq", "us", "llama-3.3-70b", groqChatModel)
 *         .build();
 * ChatResponse response = ChatClient.create(model).prompt("Hello").call().chatResponse();
 * CallReceipt receipt = CarbonReceipts.of(response).orElseThrow();
 * }</pre>
 *
 * <p><b>Candidates</b> are a catalog offering (provider id, region id, model id or alias), validated when the
 * model is built, and any Spring AI {@code ChatModel} that serves it ({@code OpenAiChatModel} with the
 * provider's base URL for Together, Groq or Fireworks, …). The candidate's own {@code call(Prompt)} runs, so its
 * default options (its model name, …) apply; leave the model name out of the prompt's options. The first
 * candidate is the baseline for savings.
 *
 * <p><b>Failures.</b> Spring AI's {@code TransientAiException}, an OpenAI SDK exception with status 408, 429 or
 * 5xx or an I/O error moves the call to the next candidate; {@code NonTransientAiException} and other 4xx are
 * thrown unchanged without trying another candidate. When every candidate fails, a
 * {@link NoEndpointAvailableException} names each candidate and its failure. Set the candidates' own retries
 * off (OpenAI options {@code maxRetries(0)}) so that fail-over is immediate.
 *
 * <p><b>Receipt.</b> Each response carries the call's {@link CallReceipt} in its metadata
 * ({@link CarbonReceipts#of(ChatResponse)}), with the figures recorded in the {@linkplain #ledger() ledger}.
 *
 * <p><b>Streaming</b> ({@link #stream(Prompt)}): a candidate that fails before its second chunk is given up for
 * the next one (the first chunk is held back, so nothing reached the subscriber); after that the error is the
 * stream's. The last chunk is held until the stream completes and then emitted with the receipt in its metadata.
 * Usage is the last usage a chunk reported (enable the provider's stream usage, e.g. OpenAI's
 * {@code streamUsage(true)}). No thread waits for a stream: each candidate's stream is subscribed to on the
 * {@linkplain Builder#scheduler(Scheduler) scheduler} (default {@code boundedElastic}), the next one after a
 * failure before the second chunk, and the last chunk is emitted on the thread that completed the stream.
 *
 * <p><b>Observations.</b> With an {@linkplain Builder#observationRegistry(ObservationRegistry) observation
 * registry}, each call is a {@code carbonbench.route} observation, parent of the candidate's own chat
 * observation, carrying the {@link CarbonAttributes} as high-cardinality key values; a
 * {@link CarbonObservationFilter} skips the candidates' observations under it, so calls are never counted twice.
 *
 * <p>Immutable and thread-safe when the candidate models are.
 */
public final class CarbonAwareChatModel implements ChatModel {

    /** The name of the observation around each routed call. */
    public static final String OBSERVATION_NAME = "carbonbench.route";

    private static final Logger LOG = LoggerFactory.getLogger(CarbonAwareChatModel.class);

    private final ModelRouting<ChatModel> routing;
    private final ObservationRegistry observations;
    private final Scheduler scheduler;

    private CarbonAwareChatModel(Builder b, ModelRouting<ChatModel> routing) {
        this.routing = routing;
        this.observations = b.observations;
        this.scheduler = b.scheduler != null ? b.scheduler : Schedulers.boundedElastic();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Routes the prompt to the best healthy candidate, failing over on retriable failures, and returns its
     * response with the receipt in its metadata.
     *
     * @throws NoEndpointAvailableException when every candidate failed (each named) or none is usable
     * @throws RuntimeException             a non-retriable failure of a candidate, unchanged
     */
    @Override
    public ChatResponse call(Prompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        Observation obs = RoutedCall.start(observations);
        try (Observation.Scope ignored = obs.openScope()) {
            ModelRouting.Routed<ChatModel, ChatResponse> r = routing.call(c -> c.model().call(prompt),
                    CarbonAwareChatModel::usage);
            RoutedCall.addReceipt(obs, r.receipt());
            return CarbonReceipts.with(r.result(), r.receipt());
        } catch (RuntimeException e) {
            obs.error(e);
            throw e;
        } finally {
            obs.stop();
        }
    }

    /** Streams from the best healthy candidate, failing over before the second chunk; see the class comment. */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        return Flux.create(sink -> scheduler.schedule(() -> route(prompt, sink)));
    }

    private void route(Prompt prompt, FluxSink<ChatResponse> sink) {
        AtomicReference<StreamAttempt> current = new AtomicReference<>();
        sink.onCancel(() -> {
            StreamAttempt a = current.get();
            if (a != null) {
                a.cancel();
            }
        });
        Observation obs = RoutedCall.start(observations);
        // Attempts run one after another; each completion happens-before the next attempt starts.
        routing.<StreamAttempt.Outcome>callAsync(c -> {
            if (sink.isCancelled()) {
                throw new CancellationException("cancelled by the subscriber");
            }
            StreamAttempt attempt = new StreamAttempt(sink);
            current.set(attempt);
            // A fail-over runs on the failed stream's thread, the HTTP client's own: each candidate's stream is
            // made and subscribed to on the scheduler instead.
            Flux<ChatResponse> flux = Flux.defer(() -> c.model().stream(prompt));
            if (!obs.isNoop()) {
                flux = flux.contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, obs));
            }
            return attempt.start(flux.subscribeOn(scheduler));
        }, StreamAttempt.Outcome::usage).whenComplete((r, error) -> {
            try {
                if (error != null) {
                    fail(sink, obs, error);
                    return;
                }
                try {
                    RoutedCall.addReceipt(obs, r.receipt());
                    if (r.result().last() != null) {
                        sink.next(CarbonReceipts.with(r.result().last(), r.receipt()));
                    }
                    sink.complete();
                } catch (RuntimeException | Error e) {
                    obs.error(e);
                    sink.error(e);
                }
            } finally {
                obs.stop();
            }
        });
    }

    /** Ends the stream with the routed call's failure; a cancellation by the subscriber ends only the observation. */
    private static void fail(FluxSink<ChatResponse> sink, Observation obs, Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException) {
            obs.error(e);
        } else if (e instanceof CommittedFailure committed) {
            obs.error(committed.getCause());
            if (!(committed.getCause() instanceof CancellationException)) {
                sink.error(committed.getCause());
            }
        } else {
            obs.error(e);
            sink.error(e);
        }
    }

    /** Token usage of a response: empty when it reported none. */
    static Optional<Usage> usage(ChatResponse response) {
        if (response == null || response.getMetadata() == null) {
            return Optional.empty();
        }
        org.springframework.ai.chat.metadata.Usage u = response.getMetadata().getUsage();
        if (u == null || u instanceof EmptyUsage) {
            return Optional.empty();
        }
        return ModelRouting.usage(u.getPromptTokens(), u.getCompletionTokens());
    }

    /** The first candidate's default options; each candidate applies its own when called. */
    @Override
    public ChatOptions getDefaultOptions() {
        return routing.candidates().get(0).model().getDefaultOptions();
    }

    /** Where calls go now and why (chosen candidate, ranked fall-backs, their scores, the baseline). */
    public RoutingDecision routingDecision() {
        return routing.router().select();
    }

    /** The ledger every successful call is recorded in. */
    public EmissionsLedger ledger() {
        return routing.router().ledger();
    }

    /** The candidates' offerings (canonical ids) in declared order; the first is the baseline. */
    public List<OfferingKey> candidates() {
        return routing.router().endpoints();
    }

    @Override
    public String toString() {
        return "CarbonAwareChatModel" + candidates();
    }

    /** The observation around a routed call: the parent the candidates' observations are skipped under. */
    static final class RoutedCall extends Observation.Context {
        static Observation start(ObservationRegistry registry) {
            if (registry == null || registry.isNoop()) {
                return Observation.NOOP;
            }
            RoutedCall ctx = new RoutedCall();
            return Observation.createNotStarted(OBSERVATION_NAME, () -> ctx, registry).start();
        }

        static void addReceipt(Observation obs, CallReceipt receipt) {
            if (obs.isNoop()) {
                return;
            }
            for (Map.Entry<String, Object> e : CarbonAttributes.of(receipt).entrySet()) {
                obs.highCardinalityKeyValue(KeyValue.of(e.getKey(), String.valueOf(e.getValue())));
            }
        }
    }

    /**
     * One streaming attempt: chunks are passed on one behind (the newest is held), so that an attempt that fails
     * before its second chunk has sent nothing and can fail over, and the last chunk can carry the receipt.
     */
    static final class StreamAttempt {
        record Outcome(ChatResponse last, Optional<Usage> usage) {
        }

        private final FluxSink<ChatResponse> sink;
        private final CompletableFuture<Outcome> done = new CompletableFuture<>();
        private final AtomicReference<Disposable> subscription = new AtomicReference<>();
        private ChatResponse held;
        private Optional<Usage> usage = Optional.empty();
        private volatile boolean committed;

        StreamAttempt(FluxSink<ChatResponse> sink) {
            this.sink = sink;
        }

        /** The subscriber cancelled: stop the candidate's stream and end this attempt. */
        void cancel() {
            Disposable d = subscription.get();
            if (d != null) {
                d.dispose();
            }
            onError(new CancellationException("cancelled by the subscriber"));
        }

        /**
         * Subscribes to the candidate's stream and returns at once. The outcome completes with the last chunk and
         * the usage, or with the failure: as reported while nothing has been passed on (the router may fail over),
         * wrapped in a {@link CommittedFailure} once something has (it may not).
         */
        CompletableFuture<Outcome> start(Flux<ChatResponse> flux) {
            Disposable d = flux.subscribe(this::onNext, this::onError, this::onComplete);
            subscription.set(d);
            if (done.isDone()) {
                d.dispose(); // cancelled before the subscription was set (a no-op when the stream already ended)
            }
            return done;
        }

        // Reactor signals onNext and onComplete serially, so held and usage need no lock.
        private void onNext(ChatResponse chunk) {
            Optional<Usage> u = usage(chunk);
            if (u.isPresent()) {
                usage = u;
            }
            if (held != null) {
                committed = true;
                sink.next(held);
            }
            held = chunk;
        }

        private void onError(Throwable error) {
            done.completeExceptionally(committed ? new CommittedFailure(error) : error);
        }

        private void onComplete() {
            done.complete(new Outcome(held, usage));
        }
    }

    /**
     * Builds a {@link CarbonAwareChatModel}: the router's adapter settings ({@link ModelRouting.AdapterBuilder}:
     * the CarbonBench, the candidates, policy, ledger, health, clock, refresh interval, router listeners), with
     * Spring AI's failure taxonomy as the default classifier, and the Spring settings below. Required: the
     * {@link CarbonBench} and at least one candidate. Defaults: {@link RoutingPolicy#lowestCarbon()}, a new
     * aggregates-only {@link EmissionsLedger}, no observations, the {@code boundedElastic} scheduler for
     * streams. Not thread-safe.
     */
    public static final class Builder extends ModelRouting.AdapterBuilder<ChatModel, Builder> {
        private ObservationRegistry observations;
        private Scheduler scheduler;
        private LeanerAnswers leanerAnswers;

        private Builder() {
            super(SpringAiFailures.CLASSIFIER);
        }

        /** The registry for the {@value #OBSERVATION_NAME} observation; give the candidates the same one. */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Makes every candidate's calls leaner when its grid is above the threshold (opt-in; the decision follows
         * the candidate the router picks and is in the response metadata, see {@link LeanerAnswers}).
         */
        public Builder leanerAnswers(LeanerAnswers leanerAnswers) {
            this.leanerAnswers = Objects.requireNonNull(leanerAnswers, "leanerAnswers");
            return this;
        }

        /**
         * Where each stream is started and each candidate's stream subscribed to (short tasks: rank, subscribe);
         * default {@link Schedulers#boundedElastic()}. No thread waits for a stream either way.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws NullPointerException                   when no CarbonBench was given
         * @throws IllegalArgumentException               for no candidate, or one declared twice
         * @throws ai.carbonbench.core.UnknownIdException for an offering the catalog does not know (naming close ids)
         * @throws NoEndpointAvailableException           when the policy's constraints exclude every candidate
         */
        public CarbonAwareChatModel build() {
            LeanerAnswers lean = leanerAnswers;
            return new CarbonAwareChatModel(this, lean == null ? buildRouting() : buildRouting(lean::wrap));
        }
    }
}
