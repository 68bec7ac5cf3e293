package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every chat-model adapter shares, so that each adapter only translates its framework's types: the
 * candidates (one model client per catalog offering) in a {@link CarbonRouter}, validated once; the record
 * of each candidate's failure during a call; which of those failures were fail-overs; the
 * {@link CallReceipt} of a call; and the message when every candidate failed, for synchronous calls
 * ({@link #call}) and asynchronous ones such as streams ({@link #callAsync}). The LangChain4j and the Spring AI
 * adapters are built on it.
 *
 * <pre>{@code
 * ModelRouting<ChatModel> routing = ModelRouting.<ChatModel>builder(carbonBench)
 *         .candidate(OfferingKey.of("together", "us", "llama-3.3-70b"), together)   // baseline
 *         .candidate(OfferingKey.of("groq", "us", "llama-3.3-70b"), groq)
 *         .failureClassifier(myFrameworkClassifier)
 *         .build();
 * ModelRouting.Routed<ChatModel, Reply> r = routing.call(c -> c.model().call(prompt), reply -> usageOf(reply));
 * r.receipt().grams();
 * }</pre>
 *
 * <p>Immutable and thread-safe when the candidate models are.
 *
 * @param <M> the framework's model type
 */
public final class ModelRouting<M> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRouting.class);

    /**
     * A candidate: the offering (canonical catalog ids) and the framework model that serves it.
     *
     * @param key   the offering, canonical ids
     * @param model the framework's client for that offering
     * @param <M>   the framework's model type
     */
    public record Candidate<M>(OfferingKey key, M model) {
        public Candidate {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * One candidate's failure during one call.
     *
     * @param candidate the offering that failed
     * @param error     what it threw
     */
    private record Failure(OfferingKey candidate, Throwable error) {
        Failure {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * What a streaming attempt throws when its stream failed after content had reached the caller: the caller
     * cannot take back what it has shown, so this routing never fails over on it, whatever the classifier says,
     * nor counts it against the candidate's health. The adapter unwraps the {@linkplain #getCause() cause} for
     * its caller.
     */
    public static final class CommittedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CommittedFailure(Throwable cause) {
            super(Objects.requireNonNull(cause, "cause").toString(), cause, false, false);
        }
    }

    /** One attempt of a call on one candidate. */
    @FunctionalInterface
    public interface Attempt<M, R> {
        /** Calls the candidate; any exception is a failure of this candidate, classified for fail-over. */
        R apply(Candidate<M> candidate) throws Exception;
    }

    /** One attempt of an asynchronous call on one candidate: starts it and returns without waiting for it. */
    @FunctionalInterface
    public interface AsyncAttempt<M, R> {
        /**
         * Starts the call on the candidate; a failure, thrown here or completing the stage, is a failure of this
         * candidate, classified for fail-over.
         */
        CompletionStage<R> apply(Candidate<M> candidate) throws Exception;
    }

    /**
     * What {@link #call(Attempt, Function)} returns.
     *
     * @param candidate who answered
     * @param result    what it answered
     * @param receipt   the call's carbon receipt
     * @param <M>       the framework's model type
     * @param <R>       the answer type
     */
    public record Routed<M, R>(Candidate<M> candidate, R result, CallReceipt receipt) {
    }

    private final CarbonBench carbonBench;
    private final List<Candidate<M>> candidates;
    private final CarbonRouter<Candidate<M>> router;
    private final FailureClassifier classifier;

    private ModelRouting(AdapterBuilder<M, ?> b, Decorator<M> decorator) {
        this.carbonBench = Objects.requireNonNull(b.carbonBench, "carbonBench");
        if (b.keys.isEmpty()) {
            throw new IllegalArgumentException("a carbon-aware model needs at least one candidate");
        }
        FailureClassifier framework = b.classifier;
        this.classifier = failure -> !(failure instanceof CommittedFailure) && framework.isRetriable(failure);
        List<Candidate<M>> resolved = new ArrayList<>(b.keys.size());
        for (int i = 0; i < b.keys.size(); i++) {
            // validates provider, region and model (aliases allowed), naming close ids when one is unknown
            OfferingKey key = carbonBench.catalog().offering(b.keys.get(i)).key();
            resolved.add(new Candidate<>(key, decorator.decorate(carbonBench, key, b.clients.get(i))));
        }
        this.candidates = List.copyOf(resolved);
        this.router = CarbonRouter.build(b, candidates, classifier, "candidate");
    }

    /** A builder; give the model type explicitly, as in {@code ModelRouting.<ChatModel>builder(carbonBench)}. */
    public static <M> Builder<M> builder(CarbonBench carbonBench) {
        return new Builder<M>().carbonBench(carbonBench);
    }

    /** The router over the candidates. */
    public CarbonRouter<Candidate<M>> router() {
        return router;
    }

    /** The candidates in declared order (canonical ids); the first is the baseline. */
    public List<Candidate<M>> candidates() {
        return candidates;
    }

    /** {@code f} applied to each candidate's model, in declared order. */
    public <T> List<T> each(Function<? super M, T> f) {
        return candidates.stream().map(c -> f.apply(c.model())).toList();
    }

    /**
     * Routes one call: {@code attempt} runs on the best candidate and, on a retriable failure, on the next;
     * the call is recorded in the ledger with the tokens {@code usage} reads (empty: the provider reported
     * none, recorded as 0 tokens and said so in the receipt).
     *
     * @throws NoEndpointAvailableException when every candidate failed, naming each and its failure (the
     *                                      failures attached as suppressed exceptions), or none is usable
     * @throws RuntimeException             a non-retriable failure, as thrown (a checked one wrapped)
     */
    public <R> Routed<M, R> call(Attempt<M, ? extends R> attempt, Function<? super R, Optional<Usage>> usage) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(usage, "usage");
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>(2));
        CarbonRouter.Recorded<Answer<M, R>> recorded;
        try {
            recorded = router.callRecorded(c -> {
                R r;
                try {
                    r = attempt.apply(c);
                } catch (Exception e) {
                    failures.add(new Failure(c.key(), e));
                    throw e;
                }
                return new Answer<>(c, r, usageOf(usage, r));
            }, Answer::tokens);
        } catch (NoEndpointAvailableException e) {
            throw explain(e, failures);
        }
        return routed(recorded, failures);
    }

    /**
     * Routes one asynchronous call as {@link #call(Attempt, Function)} does, on
     * {@link CarbonRouter#callRecordedAsync}, with no thread waiting for it: the next candidate is started from
     * the thread that completed the failed attempt, and the returned future completes with the routed answer on
     * the thread that completed the call. It fails with a {@link NoEndpointAvailableException} naming each
     * candidate and its failure when every candidate failed, else with the non-retriable failure (a
     * {@link CommittedFailure} among them), unwrapped from {@link CompletionException}.
     */
    public <R> CompletableFuture<Routed<M, R>> callAsync(AsyncAttempt<M, ? extends R> attempt,
            Function<? super R, Optional<Usage>> usage) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(usage, "usage");
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>(2));
        CompletableFuture<Routed<M, R>> out = new CompletableFuture<>();
        router.<Answer<M, R>>callRecordedAsync(c -> {
            CompletionStage<? extends R> stage;
            try {
                stage = attempt.apply(c);
            } catch (Exception e) {
                failures.add(new Failure(c.key(), e));
                throw e;
            }
            return stage.<Answer<M, R>>handle((r, t) -> {
                if (t != null) {
                    failures.add(new Failure(c.key(), t));
                    throw t instanceof CompletionException ce ? ce : new CompletionException(t);
                }
                return new Answer<>(c, r, usageOf(usage, r));
            });
        }, Answer::tokens).whenComplete((recorded, error) -> {
            if (error != null) {
                // the router's failure, unwrapped from CompletionException
                out.completeExceptionally(error instanceof NoEndpointAvailableException none ? explain(none, failures)
                        : error);
                return;
            }
            try {
                out.complete(routed(recorded, failures));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /** A candidate's answer and the token usage it reported. */
    private record Answer<M, R>(Candidate<M> candidate, R result, Optional<Usage> usage) {
        Usage tokens() {
            return usage.orElse(Usage.NONE);
        }
    }

    /** The routed answer of a call the router recorded, with its receipt. */
    private <R> Routed<M, R> routed(CarbonRouter.Recorded<Answer<M, R>> recorded, List<Failure> failures) {
        Answer<M, R> a = recorded.result();
        return new Routed<>(a.candidate(), a.result(), receipt(recorded.record(), failures, a.usage().isPresent()));
    }

    private static <R> Optional<Usage> usageOf(Function<? super R, Optional<Usage>> usage, R result) {
        try {
            return Objects.requireNonNullElse(usage.apply(result), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("Reading token usage failed; recording the call with no tokens", e);
            return Optional.empty();
        }
    }

    /**
     * The receipt of a call the router recorded as {@code record}: only the failures the classifier calls
     * retriable made the router move on, so only those candidates are listed as failed over.
     */
    private CallReceipt receipt(CallRecord record, List<Failure> failures, boolean tokenUsageReported) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(failures, "failures");
        return CallReceipt.of(record, scoreOf(record).intensityGramsPerKwh(), failedOver(failures),
                tokenUsageReported);
    }

    /** The candidates whose failure made the router fail over: those the classifier calls retriable, in order. */
    private List<OfferingKey> failedOver(List<Failure> failures) {
        List<OfferingKey> out = new ArrayList<>(failures.size());
        synchronized (failures) {
            for (Failure f : failures) {
                if (isRetriable(f.error())) {
                    out.add(f.candidate());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether this routing's classifier calls {@code failure} retriable (a classifier that throws: not). */
    boolean isRetriable(Throwable failure) {
        try {
            return classifier.isRetriable(failure);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The score that priced the call: it travels with the record, so no second ranking can disagree with the
     * grams. A record without one (rebuilt from storage) is scored afresh for the call's hour.
     */
    private Score scoreOf(CallRecord record) {
        return record.score().orElseGet(() -> carbonBench.scoreAt(record.endpoint(), record.at()));
    }

    /**
     * Replaces the router's generic message with one that names every candidate tried and why it failed;
     * the failures stay attached as suppressed exceptions, in the order tried. {@code e} itself when nothing
     * was tried.
     */
    private static NoEndpointAvailableException explain(NoEndpointAvailableException e, List<Failure> failures) {
        Objects.requireNonNull(e, "e");
        List<Failure> tried;
        synchronized (failures) {
            tried = List.copyOf(failures);
        }
        if (tried.isEmpty()) {
            return e;
        }
        StringBuilder msg = new StringBuilder("No candidate could serve the call: ");
        for (int i = 0; i < tried.size(); i++) {
            Failure f = tried.get(i);
            if (i > 0) {
                msg.append("; ");
            }
            msg.append(f.candidate()).append(" -> ").append(describe(f.error()));
        }
        msg.append(" (").append(e.getMessage()).append(')');
        // Keep the router's exception as the cause: its message and stack say where the call gave up.
        NoEndpointAvailableException out = new NoEndpointAvailableException(msg.toString(), e.retriable(), e);
        for (Throwable s : e.getSuppressed()) {
            out.addSuppressed(s);
        }
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s+", " ");
        if (m.length() > 160) {
            m = m.substring(0, 160) + "…";
        }
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }

    /**
     * Token usage from counts a framework reports, any of which may be missing: empty when both are missing
     * (nothing reported), else the counts with a missing or negative one as 0.
     */
    public static Optional<Usage> usage(@Nullable Number inputTokens, @Nullable Number outputTokens) {
        if (inputTokens == null && outputTokens == null) {
            return Optional.empty();
        }
        return Optional.of(Usage.of(count(inputTokens), count(outputTokens)));
    }

    private static long count(@Nullable Number n) {
        return n == null || n.longValue() < 0 ? 0 : n.longValue();
    }

    @Override
    public String toString() {
        return "ModelRouting" + candidates.stream().map(c -> c.key().toString()).toList();
    }

    /**
     * Wraps a candidate's model when the routing is built, e.g. to make its answers leaner.
     *
     * @param <M> the framework's model type
     */
    @FunctionalInterface
    public interface Decorator<M> {
        /** The model to route to for the offering {@code key} (canonical ids) in place of {@code model}. */
        M decorate(CarbonBench carbonBench, OfferingKey key, M model);
    }

    /**
     * The base of a chat-model adapter's builder: the {@link RouterBuilder} settings, the CarbonBench, the
     * candidates and router listeners. An adapter's builder extends it, adds only its framework's settings, and
     * builds its model around {@link #buildRouting}. Required: the CarbonBench and at least one candidate. Not
     * thread-safe.
     *
     * @param <M> the framework's model type
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class AdapterBuilder<M, B extends AdapterBuilder<M, B>> extends RouterBuilder<M, B> {

        /** @param classifier how the framework's failures are classified for fail-over, unless the user sets one */
        protected AdapterBuilder(FailureClassifier classifier) {
            super(null, classifier);
        }

        /** The CarbonBench that scores the candidates (its catalog, grid source and clock). Required. */
        public B carbonBench(CarbonBench carbonBench) {
            this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
            return self();
        }

        /**
         * Adds a candidate: the catalog offering ({@code provider} and {@code region} ids, {@code model} id or
         * alias) and the framework model that serves it. The first candidate is the baseline. Validated when
         * built.
         */
        public B candidate(String provider, String region, String model, M chatModel) {
            return candidate(OfferingKey.of(provider, region, model), chatModel);
        }

        /** Adds a candidate by its catalog offering key (the model may be an alias). The first is the baseline. */
        public B candidate(OfferingKey key, M chatModel) {
            return add(key, chatModel, "chatModel");
        }

        /** Adds a listener for routing events: decisions, fail-overs, cooldowns, recorded calls. */
        public B routerListener(RouterListener listener) {
            return addListener(listener);
        }

        /**
         * Validates the settings and builds the routing, each candidate's model passed through {@code decorator}.
         *
         * @throws NullPointerException                   when no CarbonBench was given
         * @throws IllegalArgumentException               for no candidate, or one declared twice
         * @throws ai.carbonbench.core.UnknownIdException for an offering the catalog does not know (naming close ids)
         * @throws NoEndpointAvailableException           when the policy's constraints exclude every candidate
         */
        protected final ModelRouting<M> buildRouting(Decorator<M> decorator) {
            return new ModelRouting<>(this, Objects.requireNonNull(decorator, "decorator"));
        }

        /** Validates the settings and builds the routing over the candidates' models as given. */
        protected final ModelRouting<M> buildRouting() {
            return buildRouting((carbonBench, key, model) -> model);
        }
    }

    /**
     * Builds a {@link ModelRouting} over any model type. Required: at least one candidate. Defaults: those of
     * {@link RouterBuilder}, with {@link FailureClassifier#defaults()}. Not thread-safe.
     *
     * @param <M> the framework's model type
     */
    public static final class Builder<M> extends AdapterBuilder<M, Builder<M>> {

        private Builder() {
            super(FailureClassifier.defaults());
        }

        /** Validates and builds; see {@link #buildRouting(Decorator)}. */
        public ModelRouting<M> build() {
            return buildRouting();
        }
    }
}
