package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.WindowChoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each LLM call to the cleanest usable endpoint, fails over on retriable failures, and accounts every
 * call's grams of CO2e in an {@link EmissionsLedger}.
 *
 * <pre>{@code
 * CarbonRouter<HttpClient> router = CarbonRouter.<HttpClient>builder(carbonBench)
 *         .endpoint(OfferingKey.of("aws-bedrock", "us-east-1", "gpt-oss-120b"), usEast)    // baseline
 *         .endpoint(OfferingKey.of("aws-bedrock", "eu-north-1", "gpt-oss-120b"), euNorth)
 *         .build();
 * HttpResponse<String> r = router.call(c -> c.send(request, BodyHandlers.ofString()), usage);
 * }</pre>
 *
 * <p><b>Endpoints</b> are an {@link OfferingKey} (validated against the catalog when the router is built) plus
 * the user's client object of any type {@code C}. The first endpoint declared is the <em>baseline</em>: what
 * the application would call without CarbonBench, against which savings are measured.
 *
 * <p><b>Ranking.</b> The router scores every endpoint with the {@link CarbonBench}, ranks them by the
 * {@link RoutingPolicy} and publishes the result as one immutable snapshot through a volatile field. It
 * recomputes the ranking when the hour changes, every {@linkplain Builder#refreshInterval(Duration) refresh
 * interval} (default 1 min, so that new live intensities are picked up), when an endpoint's health changes,
 * and on {@link #refresh()}. A recompute for health re-uses the scores only while they are current: after the
 * hour or the refresh interval it scores again. {@link #select()} reads the snapshot: no lock, no I/O, no allocation, the same
 * {@link RoutingDecision} instance until the next recompute. When a caller finds the snapshot expired, it
 * recomputes it in line if no other thread is doing so (others keep the previous ranking meanwhile);
 * recomputing asks the {@code CarbonBench}, which never blocks on the network.
 *
 * <p><b>Expiry without a clock read per call.</b> With the system clock (the default), a shared daemon timer
 * thread marks each snapshot due when its expiry time comes, and callers read the clock only once it is
 * marked: reading the wall clock costs more than the rest of {@code select()}. (A fixed offset of the system
 * clock counts as the system clock.) The ranking therefore turns
 * over at the first call after the timer fires (normally within a millisecond of the hour; later if the
 * machine is overloaded or the wall clock is stepped). The timer holds no reference to the router, so an
 * unused router needs no closing. With any other clock (e.g. a test's), every call reads the clock.
 *
 * <p><b>Cleanest.</b> Under the default lowest-carbon policy endpoints are ordered by {@link
 * ai.carbonbench.core.score.CleanestFirst}, the same order {@link CarbonBench#recommend(String)} uses: the
 * lower central estimate first (offerings of one model compared on what differs between them), then price,
 * then observed latency, then declared order. So for the same offerings at the same hour the router chooses
 * what {@code recommend} names best.
 *
 * <p><b>Failures and health.</b> {@link #call(CallFunction, UsageExtractor)} tries the endpoints in rank order.
 * A failure the {@link FailureClassifier} calls retriable (default: I/O errors, timeouts, HTTP 408/429/5xx)
 * moves on to the next endpoint; any other failure is rethrown at once (a checked one wrapped in a
 * non-retriable {@link CarbonBenchException}) and is ignored by the endpoint's health. Each endpoint has a
 * small circuit breaker ({@link HealthPolicy}): failure and slow-call rates over a sliding window open it
 * (exponential wait, then one probe call), and a slow call ranks it down at once. Durations are timed with
 * {@link System#nanoTime()} (with a non-system clock, by that clock, so that tests control them). When every
 * endpoint has failed, {@link NoEndpointAvailableException} carries each failure as suppressed.
 *
 * <p><b>Asynchronous calls.</b> {@link #callAsync(AsyncCallFunction, UsageExtractor)} starts the call and
 * returns a {@link CompletableFuture}; the fail-over to the next endpoint is chained on the completion of the
 * previous attempt, so no thread waits for a call.
 *
 * <p><b>Time shifting.</b> {@link #bestWindow(Duration, Instant)} finds when (and where) deferrable work
 * emits least among the allowed endpoints ({@link CarbonBench#bestWindow} for any offerings).
 *
 * <p>Thread-safe: built once, shared by every thread. Listeners run on callers' threads; their exceptions
 * are logged and swallowed.
 *
 * @param <C> the client type, e.g. {@code java.net.http.HttpClient} or a LangChain4j {@code ChatModel}
 */
public final class CarbonRouter<C> {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonRouter.class);

    /** One declared endpoint. */
    private record Endpoint<C>(int index, OfferingKey key, C client, Health health, String staticViolation) {
    }

    private final CarbonBench carbonBench;
    private final List<Endpoint<C>> endpoints;
    private final RoutingPolicy policy;
    private final FailureClassifier classifier;
    private final HealthPolicy health;
    private final EmissionsLedger ledger;
    private final Listeners listeners;
    private final Clock clock;
    private final long refreshMillis;
    private final long probeTimeoutMillis;
    private final boolean timed;
    private final ReentrantLock rankLock = new ReentrantLock();
    /** The timer task that marks the current snapshot due; guarded by {@link #rankLock}. */
    private ScheduledFuture<?> expiryTask;
    private volatile Snapshot snapshot;
    /** Whether a scoring failure has been logged since scoring last succeeded; guarded by {@link #rankLock}. */
    private boolean scoringFailureLogged;
    /** Scoring warnings logged so far; guarded by {@link #rankLock}. For tests. */
    private int scoringWarnings;

    private CarbonRouter(RouterBuilder<?, ?> b, CarbonBench carbonBench, List<Endpoint<C>> endpoints,
            FailureClassifier classifier) {
        this.carbonBench = carbonBench;
        this.endpoints = List.copyOf(endpoints);
        this.policy = b.policy;
        this.classifier = classifier;
        this.health = b.health;
        this.ledger = b.ledger != null ? b.ledger : EmissionsLedger.create();
        this.listeners = new Listeners(b.listeners);
        this.clock = b.clock != null ? b.clock : carbonBench.clock();
        this.refreshMillis = b.refreshInterval.toMillis();
        this.probeTimeoutMillis = Math.max(health.maxWaitDurationInOpenState().toMillis(),
                Duration.ofMinutes(1).toMillis());
        this.timed = ExpiryTimer.tracks(clock);
        rankLock.lock();
        try {
            publish(compute(true));
        } finally {
            rankLock.unlock();
        }
    }

    /**
     * Validates {@code settings} and builds a router over {@code clients}, one per key declared in
     * {@code settings}, with {@code classifier}; {@code noun} names an endpoint in the messages ("endpoint",
     * "candidate"). See {@link Builder#build()} for what is thrown.
     */
    static <C> CarbonRouter<C> build(RouterBuilder<?, ?> settings, List<C> clients, FailureClassifier classifier,
            String noun) {
        CarbonBench carbonBench = Objects.requireNonNull(settings.carbonBench, "carbonBench");
        List<OfferingKey> keys = settings.keys;
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one " + noun);
        }
        RoutingPolicy policy = settings.policy;
        Catalog catalog = carbonBench.catalog();
        policy.constraints().providers().forEach(catalog::provider);
        for (String r : policy.constraints().regions()) {
            if (catalog.findRegions(r).isEmpty()) {
                catalog.region(r); // throws, naming close ids
            }
        }
        List<Endpoint<C>> built = new ArrayList<>(keys.size());
        Set<OfferingKey> seen = new HashSet<>();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Offering o = catalog.offering(keys.get(i));
            OfferingKey key = o.key();
            if (!seen.add(key)) {
                throw new IllegalArgumentException(noun + " " + key + " is declared twice");
            }
            double usd = carbonBench.tokenMix().blend(o.price().usdPerMillionInput(), o.price().usdPerMillionOutput());
            String violation = policy.staticViolation(o, usd);
            if (violation != null) {
                violations.add(key + " (" + violation + ")");
            }
            built.add(new Endpoint<>(i, key, clients.get(i), new Health(settings.health), violation));
        }
        if (violations.size() == built.size()) {
            throw new NoEndpointAvailableException("No endpoint meets " + policy + ": "
                    + String.join("; ", violations), false);
        }
        return new CarbonRouter<>(settings, carbonBench, built, classifier);
    }

    /**
     * A builder for a router over clients of type {@code C}; give the type explicitly, as in
     * {@code CarbonRouter.<HttpClient>builder(carbonBench)}.
     */
    public static <C> Builder<C> builder(CarbonBench carbonBench) {
        return new Builder<>(carbonBench);
    }

    /**
     * Where calls go now and why. Lock-free, no I/O, and no allocation: the same instance is returned until
     * the ranking is recomputed.
     *
     * @throws NoEndpointAvailableException when every endpoint is cooling down or excluded by the policy
     */
    public RoutingDecision select() {
        Snapshot s = current();
        if (s.decision == null) {
            throw s.unavailable.exception();
        }
        return s.decision;
    }

    /**
     * Runs {@code fn} on the best endpoint's client, failing over in rank order on retriable failures, and
     * records the call in the {@linkplain #ledger() ledger} with the tokens {@code usage} reads from the result.
     *
     * @return what {@code fn} returned
     * @throws NoEndpointAvailableException when every usable endpoint failed (each failure suppressed) or none is usable
     * @throws RuntimeException             a non-retriable failure of {@code fn}, as thrown; a checked one is
     *                                      wrapped in a non-retriable {@link CarbonBenchException}
     */
    public <R> R call(CallFunction<? super C, ? extends R> fn, UsageExtractor<? super R> usage) {
        return callRecorded(fn, usage).result();
    }

    /**
     * Like {@link #call(CallFunction, UsageExtractor)}, and also returns the ledger's record of the call:
     * the endpoint that answered, its tokens and grams, and the baseline. For adapters that hand each caller
     * a receipt of its own call.
     */
    public <R> Recorded<R> callRecorded(CallFunction<? super C, ? extends R> fn, UsageExtractor<? super R> usage) {
        return callRecorded(fn, usage, CallGuard.NONE);
    }

    /**
     * Like {@link #callRecorded(CallFunction, UsageExtractor)}, with a {@link CallGuard} consulted before each
     * attempt (it may skip an endpoint or abort the call) and settled with the ledger's record after it; used
     * by carbon budgets.
     */
    public <R> Recorded<R> callRecorded(CallFunction<? super C, ? extends R> fn, UsageExtractor<? super R> usage,
            CallGuard guard) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(guard, "guard");
        Snapshot s = current();
        int[] order = s.order;
        if (order.length == 0) {
            throw s.unavailable.exception();
        }
        List<Throwable> failures = null;
        int skipped = 0;
        for (int k = 0; k < order.length; k++) {
            Endpoint<C> e = endpoints.get(order[k]);
            Optional<CallGuard.Permit> admitted = guard.admit(s.scores[e.index()]);
            if (admitted.isEmpty()) {
                skipped++;
                continue;
            }
            CallGuard.Permit permit = admitted.get();
            if (!acquire(e)) {
                permit.release();
                skipped++;
                continue;
            }
            long start = nanoTime();
            R result;
            try {
                result = fn.apply(e.client());
            } catch (Throwable t) {
                long nanos = nanoTime() - start;
                permit.release();
                if (!retriable(t)) {
                    e.health().abandonProbe(clock.millis());
                    throw rethrow(e, t);
                }
                if (failures == null) {
                    failures = new ArrayList<>(order.length);
                }
                failures.add(t);
                onRetriableFailure(e, t, nanos, nextKey(order, k));
                continue;
            }
            long nanos = nanoTime() - start;
            long end = clock.millis();
            onSuccess(e, nanos, end);
            CallRecord recorded = record(s, e, result, usage, end);
            permit.settle(recorded);
            observeSpeed(recorded, nanos);
            return new Recorded<>(result, recorded);
        }
        throw allFailed(failures, skipped, order.length);
    }

    /**
     * Starts {@code fn} on the best endpoint's client and returns at once. When the call's stage fails with a
     * retriable failure, the next endpoint in rank order is tried from the thread that completed it; the
     * returned future completes with the first success, recorded in the ledger, or with the first non-retriable
     * failure (as thrown, unwrapped from {@link CompletionException}), or with a
     * {@link NoEndpointAvailableException} when every endpoint failed. The router's health, cooldowns and
     * listeners work as for {@link #call(CallFunction, UsageExtractor)}. No thread is held while a call runs.
     */
    public <R> CompletableFuture<R> callAsync(AsyncCallFunction<? super C, ? extends R> fn,
            UsageExtractor<? super R> usage) {
        return callRecordedAsync(fn, usage).thenApply(Recorded::result);
    }

    /** Like {@link #callAsync(AsyncCallFunction, UsageExtractor)}, completing with the ledger's record of the call too. */
    public <R> CompletableFuture<Recorded<R>> callRecordedAsync(AsyncCallFunction<? super C, ? extends R> fn,
            UsageExtractor<? super R> usage) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(usage, "usage");
        CompletableFuture<Recorded<R>> out = new CompletableFuture<>();
        Snapshot s;
        try {
            s = current();
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return out;
        }
        if (s.order.length == 0) {
            out.completeExceptionally(s.unavailable.exception());
            return out;
        }
        new AsyncCall<R>(s, fn, usage, out).next();
        return out;
    }

    /** One asynchronous call: its attempts run one after another, each started when the previous one failed. */
    private final class AsyncCall<R> implements BiConsumer<R, Throwable> {
        private final Snapshot s;
        private final AsyncCallFunction<? super C, ? extends R> fn;
        private final UsageExtractor<? super R> usage;
        private final CompletableFuture<Recorded<R>> out;
        // Written by one attempt before the next starts; the futures' completion orders the accesses.
        private int k;
        private int skipped;
        private List<Throwable> failures;
        private Endpoint<C> current;
        private long start;

        AsyncCall(Snapshot s, AsyncCallFunction<? super C, ? extends R> fn, UsageExtractor<? super R> usage,
                CompletableFuture<Recorded<R>> out) {
            this.s = s;
            this.fn = fn;
            this.usage = usage;
            this.out = out;
        }

        @SuppressWarnings("unchecked")
        void next() {
            int[] order = s.order;
            while (k < order.length) {
                Endpoint<C> e = endpoints.get(order[k]);
                if (!acquire(e)) {
                    skipped++;
                    k++;
                    continue;
                }
                current = e;
                start = nanoTime();
                CompletionStage<? extends R> stage;
                try {
                    stage = Objects.requireNonNull(fn.apply(e.client()), "the call function returned no stage");
                } catch (Throwable t) {
                    if (failed(t)) {
                        return;
                    }
                    continue;
                }
                ((CompletionStage<R>) stage).whenComplete(this);
                return;
            }
            out.completeExceptionally(allFailed(failures, skipped, order.length));
        }

        /** Handles a failed attempt; true when the call is over (a non-retriable failure). */
        private boolean failed(Throwable failure) {
            long nanos = nanoTime() - start;
            Throwable t = unwrap(failure);
            if (!retriable(t)) {
                current.health().abandonProbe(clock.millis());
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                out.completeExceptionally(t);
                return true;
            }
            if (failures == null) {
                failures = new ArrayList<>(s.order.length);
            }
            failures.add(t);
            onRetriableFailure(current, t, nanos, nextKey(s.order, k));
            k++;
            return false;
        }

        @Override
        public void accept(R result, Throwable failure) {
            if (failure != null) {
                if (!failed(failure)) {
                    next();
                }
                return;
            }
            long nanos = nanoTime() - start;
            long end = clock.millis();
            try {
                onSuccess(current, nanos, end);
                CallRecord recorded = record(s, current, result, usage, end);
                observeSpeed(recorded, nanos);
                out.complete(new Recorded<>(result, recorded));
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable x = t;
        while ((x instanceof CompletionException || x instanceof ExecutionException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    /** The endpoint tried after the {@code k}-th, for the fail-over listener. */
    private Optional<OfferingKey> nextKey(int[] order, int k) {
        return k + 1 < order.length ? Optional.of(endpoints.get(order[k + 1]).key()) : Optional.empty();
    }

    /** Whether a call may go to the endpoint: closed, or this caller won the single probe after a wait. */
    private boolean acquire(Endpoint<C> e) {
        Health h = e.health();
        return h.state().mode() == Health.Mode.CLOSED || h.tryAcquire(clock.millis(), probeTimeoutMillis);
    }

    /** Monotonic nanoseconds: {@link System#nanoTime()} with the system clock, else the router's clock. */
    private long nanoTime() {
        return timed ? System.nanoTime() : clock.millis() * 1_000_000L;
    }

    /**
     * Feeds the leaderboard: an observed speed beats the catalog's figure for this endpoint. A call without output
     * tokens or duration says nothing about speed ({@code ObservedSpeeds} ignores it), so it costs no
     * {@link Duration}.
     */
    private void observeSpeed(CallRecord r, long nanos) {
        if (r.outputTokens() > 0 && nanos > 0) {
            carbonBench.observedSpeeds().record(r.endpoint(), r.outputTokens(), Duration.ofNanos(nanos));
        }
    }

    private void onSuccess(Endpoint<C> e, long nanos, long nowMillis) {
        Health.Change change = e.health().onSuccess(nanos, nowMillis);
        switch (change) {
            case NONE -> {
            }
            case RECOVERED -> {
                LOG.info("Endpoint {} recovered after its cooldown", e.key());
                rerank(false);
                listeners.onRecovery(e.key());
            }
            case OPENED -> opened(e);
            case RANKED_DOWN -> {
                LOG.warn("Endpoint {} answered slowly ({} ms, threshold {}); ranked down", e.key(), nanos / 1_000_000,
                        health.slowCallDurationThreshold());
                rerank(false);
            }
            case RANKED_UP -> rerank(false);
            default -> throw new IllegalStateException("unknown change " + change);
        }
    }

    /** Like {@link #call(CallFunction, UsageExtractor)} for results that carry no usage: calls are counted with zero tokens. */
    public <R> R call(CallFunction<? super C, ? extends R> fn) {
        return call(fn, UsageExtractor.none());
    }

    /**
     * What {@link #callRecorded} returns.
     *
     * @param result what the call function returned
     * @param record the ledger's record of the call
     */
    public record Recorded<R>(R result, CallRecord record) {
        public Recorded {
            Objects.requireNonNull(record, "record");
        }
    }

    private <R> CallRecord record(Snapshot s, Endpoint<C> e, R result, UsageExtractor<? super R> usage, long endMillis) {
        Usage u = UsageExtractor.usageOrNone(usage, result, e.key());
        // The score that ranked the endpoint for this call prices it: the receipt and the ledger agree with it.
        CallRecord r = ledger.record(Instant.ofEpochMilli(endMillis), e.key(), s.priced[e.index()],
                endpoints.get(0).key(), s.scores[0], u);
        if (!listeners.isEmpty()) {
            listeners.onRecorded(r);
        }
        return r;
    }

    private boolean retriable(Throwable t) {
        if (t instanceof VirtualMachineError) {
            return false;
        }
        try {
            return classifier.isRetriable(t);
        } catch (RuntimeException ex) {
            LOG.warn("Failure classifier threw on {}; treating the failure as not retriable", t.toString(), ex);
            return false;
        }
    }

    private void onRetriableFailure(Endpoint<C> e, Throwable t, long nanos, Optional<OfferingKey> next) {
        LOG.debug("Retriable failure on {}: {}", e.key(), t.toString());
        Health.Change change = e.health().onFailure(nanos, clock.millis());
        listeners.onFailover(e.key(), t, next);
        if (change == Health.Change.OPENED) {
            opened(e);
        } else if (change == Health.Change.RANKED_DOWN) {
            LOG.warn("Endpoint {} failed slowly ({} ms, threshold {}); ranked down", e.key(), nanos / 1_000_000,
                    health.slowCallDurationThreshold());
            rerank(false);
        }
    }

    /** The endpoint's circuit opened: log, re-rank, tell the listeners. */
    private void opened(Endpoint<C> e) {
        Health.State cooled = e.health().state();
        if (cooled.mode() != Health.Mode.OPEN) {
            return; // already probed again by another thread
        }
        Duration length = health.waitDuration(cooled.opened() - 1);
        Instant until = Instant.ofEpochMilli(cooled.untilMillis());
        int failures = e.health().failuresWhenOpened();
        LOG.warn("Endpoint {} is failing or slow ({} failure(s) in its window); cooling down for {} until {}", e.key(),
                failures, length, until);
        rerank(false);
        listeners.onCooldown(e.key(), length, until, failures);
    }

    private static RuntimeException rethrow(Endpoint<?> e, Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        throw new CarbonBenchException("Call on " + e.key() + " failed: " + t, false, t);
    }

    private NoEndpointAvailableException allFailed(List<Throwable> failures, int skipped, int usable) {
        StringBuilder msg = new StringBuilder();
        if (failures == null) {
            msg.append("No endpoint available: all ").append(usable)
                    .append(" usable endpoint(s) are cooling down or being probed");
        } else {
            msg.append("All ").append(failures.size()).append(" endpoint(s) tried failed");
            if (skipped > 0) {
                msg.append(" and ").append(skipped).append(" are cooling down or being probed");
            }
            msg.append("; the failures are attached as suppressed exceptions");
        }
        NoEndpointAvailableException ex = new NoEndpointAvailableException(msg.toString(), true);
        if (failures != null) {
            failures.forEach(ex::addSuppressed);
        }
        return ex;
    }

    /**
     * Re-scores every endpoint now and republishes the ranking, e.g. after a grid-intensity source has new
     * data. Blocks only while another thread is recomputing.
     */
    public void refresh() {
        rerank(true);
    }

    /** The ledger every successful call is recorded in. */
    public EmissionsLedger ledger() {
        return ledger;
    }

    public RoutingPolicy policy() {
        return policy;
    }

    /** The endpoints' offering keys (canonical ids), in declared order; the first is the baseline. */
    public List<OfferingKey> endpoints() {
        return endpoints.stream().map(Endpoint::key).toList();
    }

    /**
     * The cleanest time and endpoint, among this router's endpoints allowed by its policy's static
     * constraints, to run a deferrable job of {@code jobDuration} that must finish by {@code deadline}; "now"
     * is the {@code CarbonBench}'s clock. A thin delegate to {@link CarbonBench#bestWindow}, which adds
     * only what the router knows: which endpoints its policy allows.
     */
    public WindowChoice bestWindow(Duration jobDuration, Instant deadline) {
        List<OfferingKey> allowed = endpoints.stream().filter(e -> e.staticViolation() == null).map(Endpoint::key)
                .toList();
        return carbonBench.bestWindow(allowed, jobDuration, deadline);
    }

    // ---- ranking ----------------------------------------------------------------------------------------

    private Snapshot current() {
        Snapshot s = snapshot;
        // Without a timer "due" is always set and this is a clock read per call, as it must be for a clock
        // we cannot schedule against.
        if (s.due && clock.millis() >= s.expiresAtMillis) {
            s = refreshIfExpired();
        }
        return s;
    }

    /** Makes {@code s} the current snapshot and arranges for it to be marked due. Called with {@link #rankLock} held. */
    private void publish(Snapshot s) {
        if (!timed) {
            s.due = true;
        }
        snapshot = s;
        if (expiryTask != null) {
            expiryTask.cancel(false);
            expiryTask = null;
        }
        if (timed) {
            expiryTask = ExpiryTimer.markDueAt(s, s.expiresAtMillis - clock.millis());
        }
    }

    private Snapshot refreshIfExpired() {
        Snapshot published = null;
        if (rankLock.tryLock()) {
            try {
                if (clock.millis() >= snapshot.expiresAtMillis) {
                    published = compute(true);
                    publish(published);
                }
            } finally {
                rankLock.unlock();
            }
        }
        if (published != null) {
            notifyDecision(published);
        }
        return snapshot;
    }

    /**
     * Recomputes and publishes the ranking, then tells the listeners; {@code rescore} as for {@link #compute}.
     * Health changes re-rank with the current scores ({@code false}); {@link #refresh()} re-scores.
     */
    private void rerank(boolean rescore) {
        Snapshot s;
        rankLock.lock();
        try {
            s = compute(rescore);
            publish(s);
        } finally {
            rankLock.unlock();
        }
        notifyDecision(s);
    }

    private void notifyDecision(Snapshot s) {
        if (s.decision != null && !listeners.isEmpty()) {
            listeners.onDecision(s.decision);
        }
    }

    /**
     * Builds a new snapshot. Called with {@link #rankLock} held. Scores are reused only when {@code rescore} is
     * false and they are still current (same hour, within the refresh interval); otherwise every endpoint is
     * scored again, so that a re-rank for health after the hour never republishes the previous hour's scores.
     */
    private Snapshot compute(boolean rescore) {
        long now = clock.millis();
        Instant at = Instant.ofEpochMilli(now);
        Snapshot previous = snapshot;
        boolean fresh = rescore || previous == null || now >= scoresExpireAt(previous.scoredAtMillis)
                || now < previous.scoredAtMillis;
        Score[] scores = fresh ? scoreAll(at, previous) : previous.scores;
        long scoredAt = fresh ? now : previous.scoredAtMillis;
        Ranker.Candidate[] candidates = new Ranker.Candidate[endpoints.size()];
        int n = 0;
        List<Ranker.Excluded> excluded = List.of();
        boolean anyCooling = false;
        long expires = scoresExpireAt(scoredAt);
        for (Endpoint<C> e : endpoints) {
            Score score = scores[e.index()];
            String why = e.staticViolation() != null ? e.staticViolation() : policy.dynamicViolation(score);
            Health h = e.health();
            Health.State state = h.state();
            long coolingUntil = 0;
            if (why == null && !h.rankable(now)) {
                coolingUntil = state.untilMillis();
                anyCooling = true;
            }
            if (state.mode() != Health.Mode.CLOSED && state.untilMillis() > now) {
                expires = Math.min(expires, state.untilMillis());
            }
            boolean down = h.rankedDown(now);
            if (down) {
                expires = Math.min(expires, h.rankedDownUntilMillis());
            }
            if (why != null || coolingUntil != 0) {
                if (excluded.isEmpty()) {
                    excluded = new ArrayList<>(2);
                }
                excluded.add(new Ranker.Excluded(e.key(), why, coolingUntil));
            } else {
                candidates[n++] = new Ranker.Candidate(e.index(), e.key(), score, h.latencyMillis(), down);
            }
        }
        Endpoint<C> first = endpoints.get(0);
        Ranker.Candidate baseline = new Ranker.Candidate(0, first.key(), scores[0], first.health().latencyMillis());
        if (n == 0) {
            String why = Ranker.Excluded.describe(new StringBuilder("No endpoint is usable: "), excluded).toString();
            return new Snapshot(null, new int[0], scores, expires, scoredAt, new Snapshot.Unavailable(
                    why, anyCooling || policy.constraints().maxGramsPerMillionTokens().isPresent()));
        }
        Ranker.Ranking ranking = Ranker.rank(policy, n == candidates.length ? candidates
                : java.util.Arrays.copyOf(candidates, n));
        Ranker.Candidate[] ranked = ranking.ranked();
        int[] order = new int[ranked.length];
        List<RoutingDecision.Option> fallbacks = new ArrayList<>(ranked.length - 1);
        for (int i = 0; i < ranked.length; i++) {
            order[i] = ranked[i].index();
            if (i > 0) {
                fallbacks.add(ranked[i].option());
            }
        }
        // Locals, not fields, in the lambda: the expiry timer's task holds the snapshot, hence this decision, and
        // must not hold the router through it.
        List<Ranker.Excluded> out = excluded;
        RoutingPolicy p = policy;
        RoutingDecision decision = new RoutingDecision(ranked[0].option(), fallbacks, baseline.option(),
                ranking.rule(), ranking.tieBroken(), at, () -> Ranker.explain(p, ranking, baseline, out));
        return new Snapshot(decision, order, scores, expires, scoredAt, null);
    }

    /** When scores computed at {@code scoredAtMillis} stop being current: the next hour, or the refresh interval. */
    private long scoresExpireAt(long scoredAtMillis) {
        return Math.min(scoredAtMillis + refreshMillis,
                Math.floorDiv(scoredAtMillis, 3_600_000L) * 3_600_000L + 3_600_000L);
    }

    private Score[] scoreAll(Instant at, Snapshot previous) {
        Score[] scores = new Score[endpoints.size()];
        boolean failed = false;
        for (Endpoint<C> e : endpoints) {
            try {
                scores[e.index()] = carbonBench.scoreAt(e.key(), at);
            } catch (RuntimeException ex) {
                if (previous == null) {
                    throw ex;
                }
                failed = true;
                // Keep the last good score; warn once per run of failures, not once per refresh.
                if (!scoringFailureLogged) {
                    scoringFailureLogged = true;
                    scoringWarnings++;
                    LOG.warn("Scoring {} failed; keeping its previous score until scoring works again", e.key(), ex);
                }
                scores[e.index()] = previous.scores[e.index()];
            }
        }
        if (!failed && scoringFailureLogged) {
            scoringFailureLogged = false; // the next failure is news again
            LOG.info("Scoring works again");
        }
        return scores;
    }

    /** Scoring warnings logged so far (one per run of failures). For tests. */
    int scoringWarnings() {
        rankLock.lock();
        try {
            return scoringWarnings;
        } finally {
            rankLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "CarbonRouter[" + endpoints.size() + " endpoints, " + policy + "]";
    }

    /**
     * Builds a {@link CarbonRouter}: the settings of {@link RouterBuilder}, endpoints and listeners. Not
     * thread-safe; the router is. Defaults: {@link RoutingPolicy#lowestCarbon()},
     * {@link FailureClassifier#defaults()}, {@link HealthPolicy#DEFAULT}, a new aggregates-only
     * {@link EmissionsLedger}, no listener, the {@link CarbonBench#clock() CarbonBench's clock}, a 1-minute
     * refresh interval.
     *
     * @param <C> the client type
     */
    public static final class Builder<C> extends RouterBuilder<C, Builder<C>> {

        private Builder(CarbonBench carbonBench) {
            super(Objects.requireNonNull(carbonBench, "carbonBench"), FailureClassifier.defaults());
        }

        /**
         * Adds an endpoint: the offering it serves (the model may be an alias) and the client that calls it.
         * The first endpoint added is the baseline for savings.
         */
        public Builder<C> endpoint(OfferingKey key, C client) {
            return add(key, client, "client");
        }

        /**
         * The older cooldown setting, kept for compatibility: its threshold becomes the health policy's minimum
         * number of calls, its initial and maximum cooldown the wait in the open state. Prefer
         * {@link #health(HealthPolicy)}.
         */
        @Deprecated
        public Builder<C> cooldown(CooldownPolicy cooldown) {
            return health(HealthPolicy.of(Objects.requireNonNull(cooldown, "cooldown")));
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder<C> listener(RouterListener listener) {
            return addListener(listener);
        }

        /**
         * Validates and builds. Throws {@link ai.carbonbench.core.UnknownIdException} (naming close ids) for an
         * endpoint or a policy provider/region the catalog does not know, {@link IllegalArgumentException} for
         * no endpoints or a duplicate, and a non-retriable {@link NoEndpointAvailableException} when the
         * policy's static constraints exclude every endpoint.
         */
        public CarbonRouter<C> build() {
            return CarbonRouter.build(this, clients, classifier, "endpoint");
        }
    }
}
