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
import java.util.concurrent.ScheduledFuture;
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
 * interval} (default 1 min, so that new live intensities are picked up), when a cooldown starts or ends, and
 * on {@link #refresh()}. {@link #select()} reads the snapshot: no lock, no I/O, no allocation, the same
 * {@link RoutingDecision} instance until the next recompute. When a caller finds the snapshot expired, it
 * recomputes it in line if no other thread is doing so (others keep the previous ranking meanwhile);
 * recomputing asks the {@code CarbonBench}, which never blocks on the network.
 *
 * <p><b>Expiry without a clock read per call.</b> With the system clock (the default), a shared daemon timer
 * thread marks each snapshot due when its expiry time comes, and callers read the clock only once it is
 * marked: reading the wall clock costs more than the rest of {@code select()}. The ranking therefore turns
 * over at the first call after the timer fires (normally within a millisecond of the hour; later if the
 * machine is overloaded or the wall clock is stepped). The timer holds no reference to the router, so an
 * unused router needs no closing. With any other clock (e.g. a test's), every call reads the clock.
 *
 * <p><b>Failures.</b> {@link #call(CallFunction, UsageExtractor)} tries the endpoints in rank order. A failure
 * the {@link FailureClassifier} calls retriable (default: I/O errors, timeouts, HTTP 408/429/5xx) moves on
 * to the next endpoint; any other failure is rethrown at once (a checked one wrapped in a non-retriable
 * {@link CarbonBenchException}) without affecting the endpoint's health. After
 * {@link CooldownPolicy#failureThreshold()} consecutive retriable failures an endpoint cools down
 * (exponential, capped), then one probe call decides whether it is back. When every endpoint has failed,
 * {@link NoEndpointAvailableException} carries each failure as suppressed.
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
    private record Endpoint<C>(int index, OfferingKey key, Offering offering, C client, Health health,
            String staticViolation) {
    }

    private final CarbonBench carbonBench;
    private final List<Endpoint<C>> endpoints;
    private final RoutingPolicy policy;
    private final FailureClassifier classifier;
    private final CooldownPolicy cooldown;
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
    private volatile boolean scoringFailureLogged;

    private CarbonRouter(Builder<C> b, List<Endpoint<C>> endpoints) {
        this.carbonBench = b.carbonBench;
        this.endpoints = List.copyOf(endpoints);
        this.policy = b.policy;
        this.classifier = b.classifier;
        this.cooldown = b.cooldown;
        this.ledger = b.ledger;
        this.listeners = new Listeners(b.listeners);
        this.clock = b.clock;
        this.refreshMillis = b.refreshInterval.toMillis();
        this.probeTimeoutMillis = Math.max(cooldown.max().toMillis(), Duration.ofMinutes(1).toMillis());
        this.timed = ExpiryTimer.tracks(clock);
        rankLock.lock();
        try {
            publish(compute(true));
        } finally {
            rankLock.unlock();
        }
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
            throw new NoEndpointAvailableException(s.unavailableReason, s.unavailableRetriable);
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
            throw new NoEndpointAvailableException(s.unavailableReason, s.unavailableRetriable);
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
            long start = clock.millis();
            if (!e.health().tryAcquire(start, probeTimeoutMillis)) {
                permit.release();
                skipped++;
                continue;
            }
            R result;
            try {
                result = fn.apply(e.client());
            } catch (Throwable t) {
                permit.release();
                if (!retriable(t)) {
                    e.health().abandonProbe(clock.millis());
                    throw rethrow(e, t);
                }
                if (failures == null) {
                    failures = new ArrayList<>(order.length);
                }
                failures.add(t);
                onRetriableFailure(e, t, k + 1 < order.length ? Optional.of(endpoints.get(order[k + 1]).key())
                        : Optional.empty());
                continue;
            }
            long end = clock.millis();
            if (e.health().onSuccess(end - start)) {
                LOG.info("Endpoint {} recovered after its cooldown", e.key());
                republish();
                listeners.onRecovery(e.key());
            }
            CallRecord recorded = record(s, e, result, usage, end);
            permit.settle(recorded);
            // feed the leaderboard: an observed speed beats the catalog's figure for this endpoint
            carbonBench.observedSpeeds().record(recorded.endpoint(), recorded.outputTokens(), Duration.ofMillis(end - start));
            return new Recorded<>(result, recorded);
        }
        throw allFailed(failures, skipped, order.length);
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
        Usage u;
        try {
            u = Objects.requireNonNull(usage.usage(result), "usage extractor returned null");
        } catch (RuntimeException ex) {
            LOG.warn("Usage extractor failed on a result from {}; recording the call with no tokens", e.key(), ex);
            u = Usage.NONE;
        }
        CallRecord r = ledger.record(Instant.ofEpochMilli(endMillis), s.scores[e.index()], s.scores[0], u);
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

    private void onRetriableFailure(Endpoint<C> e, Throwable t, Optional<OfferingKey> next) {
        LOG.debug("Retriable failure on {}: {}", e.key(), t.toString());
        Health.State cooled = e.health().onFailure(clock.millis(), cooldown);
        listeners.onFailover(e.key(), t, next);
        if (cooled != null) {
            Duration length = cooldown.cooldown(cooled.cooldowns() - 1);
            Instant until = Instant.ofEpochMilli(cooled.untilMillis());
            LOG.warn("Endpoint {} failed {} time(s) in a row; cooling down for {} until {}", e.key(),
                    cooled.cooldowns() == 1 ? cooldown.failureThreshold() : 1, length, until);
            republish();
            listeners.onCooldown(e.key(), length, until, cooled.cooldowns() == 1 ? cooldown.failureThreshold() : 1);
        }
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
        Snapshot s;
        rankLock.lock();
        try {
            s = compute(true);
            publish(s);
        } finally {
            rankLock.unlock();
        }
        notifyDecision(s);
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

    /** Health changed: re-rank with the current scores. */
    private void republish() {
        Snapshot s;
        rankLock.lock();
        try {
            s = compute(false);
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

    /** Builds a new snapshot. Called with {@link #rankLock} held. */
    private Snapshot compute(boolean rescore) {
        long now = clock.millis();
        Instant at = Instant.ofEpochMilli(now);
        Snapshot previous = snapshot;
        Score[] scores = rescore || previous == null ? scoreAll(at, previous) : previous.scores;
        List<Ranker.Candidate> candidates = new ArrayList<>(endpoints.size());
        List<String> excluded = new ArrayList<>();
        boolean anyCooling = false;
        long expires = Math.min(now + refreshMillis, Math.floorDiv(now, 3_600_000L) * 3_600_000L + 3_600_000L);
        for (Endpoint<C> e : endpoints) {
            Score score = scores[e.index()];
            String why = e.staticViolation() != null ? e.staticViolation() : policy.dynamicViolation(score);
            Health.State h = e.health().state();
            if (why == null && !e.health().rankable(now)) {
                why = "cooling down until " + Instant.ofEpochMilli(h.untilMillis());
                anyCooling = true;
            }
            if (h.mode() != Health.Mode.HEALTHY && h.untilMillis() > now) {
                expires = Math.min(expires, h.untilMillis());
            }
            if (why != null) {
                excluded.add(e.key() + " (" + why + ")");
            } else {
                candidates.add(new Ranker.Candidate(e.index(), e.key(), score, e.health().latencyMillis()));
            }
        }
        Endpoint<C> first = endpoints.get(0);
        Ranker.Candidate baseline = new Ranker.Candidate(0, first.key(), scores[0], first.health().latencyMillis());
        if (candidates.isEmpty()) {
            return new Snapshot(null, new int[0], scores, expires,
                    "No endpoint is usable: " + String.join("; ", excluded), anyCooling
                            || policy.maxGramsPerMillionTokens().isPresent());
        }
        Ranker.Ranking ranking = Ranker.rank(policy, candidates, baseline, excluded);
        List<Ranker.Candidate> ranked = ranking.ranked();
        int[] order = new int[ranked.size()];
        List<RoutingDecision.Option> fallbacks = new ArrayList<>(ranked.size() - 1);
        for (int i = 0; i < ranked.size(); i++) {
            order[i] = ranked.get(i).index();
            if (i > 0) {
                fallbacks.add(ranked.get(i).option());
            }
        }
        RoutingDecision decision = new RoutingDecision(ranked.get(0).option(), fallbacks, baseline.option(),
                ranking.reason(), ranking.tieBroken(), at);
        return new Snapshot(decision, order, scores, expires, null, false);
    }

    private Score[] scoreAll(Instant at, Snapshot previous) {
        Score[] scores = new Score[endpoints.size()];
        for (Endpoint<C> e : endpoints) {
            try {
                scores[e.index()] = carbonBench.scoreAt(e.key(), at);
            } catch (RuntimeException ex) {
                if (previous == null) {
                    throw ex;
                }
                // Keep the last good score; warn once, not once per refresh.
                if (!scoringFailureLogged) {
                    scoringFailureLogged = true;
                    LOG.warn("Scoring {} failed; keeping its previous score", e.key(), ex);
                }
                scores[e.index()] = previous.scores[e.index()];
            }
        }
        return scores;
    }

    @Override
    public String toString() {
        return "CarbonRouter[" + endpoints.size() + " endpoints, " + policy + "]";
    }

    /**
     * Builds a {@link CarbonRouter}. Not thread-safe; the router is. Defaults: {@link RoutingPolicy#lowestCarbon()},
     * {@link FailureClassifier#defaults()}, {@link CooldownPolicy#DEFAULT}, a new aggregates-only
     * {@link EmissionsLedger}, no listener, the UTC system clock, a 1-minute refresh interval.
     *
     * @param <C> the client type
     */
    public static final class Builder<C> {
        private final CarbonBench carbonBench;
        private final List<OfferingKey> keys = new ArrayList<>();
        private final List<C> clients = new ArrayList<>();
        private RoutingPolicy policy = RoutingPolicy.lowestCarbon();
        private FailureClassifier classifier = FailureClassifier.defaults();
        private CooldownPolicy cooldown = CooldownPolicy.DEFAULT;
        private EmissionsLedger ledger;
        private final List<RouterListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration refreshInterval = Duration.ofMinutes(1);

        private Builder(CarbonBench carbonBench) {
            this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
        }

        /**
         * Adds an endpoint: the offering it serves (the model may be an alias) and the client that calls it.
         * The first endpoint added is the baseline for savings.
         */
        public Builder<C> endpoint(OfferingKey key, C client) {
            keys.add(Objects.requireNonNull(key, "key"));
            clients.add(Objects.requireNonNull(client, "client"));
            return this;
        }

        public Builder<C> policy(RoutingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder<C> failureClassifier(FailureClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        public Builder<C> cooldown(CooldownPolicy cooldown) {
            this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
            return this;
        }

        /** The ledger calls are recorded in, e.g. one shared by several routers or with a call log. */
        public Builder<C> ledger(EmissionsLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder<C> listener(RouterListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The clock for cooldowns, latency, ranking expiry and ledger times; use the CarbonBench's clock. With the
         * system clock (default) ranking expiry is signalled by a shared timer thread; with any other clock
         * {@code select()} reads the clock on every call.
         */
        public Builder<C> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often the ranking is re-scored at the latest (it is also at every hour). Default 1 minute. */
        public Builder<C> refreshInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("refreshInterval must be at least 1 ms, was " + interval);
            }
            this.refreshInterval = interval;
            return this;
        }

        /**
         * Validates and builds. Throws {@link ai.carbonbench.core.UnknownIdException} (naming close ids) for an
         * endpoint or a policy provider/region the catalog does not know, {@link IllegalArgumentException} for
         * no endpoints or a duplicate, and a non-retriable {@link NoEndpointAvailableException} when the
         * policy's static constraints exclude every endpoint.
         */
        public CarbonRouter<C> build() {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a router needs at least one endpoint");
            }
            Catalog catalog = carbonBench.catalog();
            policy.allowedProviders().forEach(catalog::provider);
            for (String r : policy.allowedRegions()) {
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
                    throw new IllegalArgumentException("endpoint " + key + " is declared twice");
                }
                double usd = carbonBench.tokenMix().blend(o.price().usdPerMillionInput(),
                        o.price().usdPerMillionOutput());
                String violation = policy.staticViolation(o, usd);
                if (violation != null) {
                    violations.add(key + " (" + violation + ")");
                }
                built.add(new Endpoint<>(i, key, o, clients.get(i), new Health(), violation));
            }
            if (violations.size() == built.size()) {
                throw new NoEndpointAvailableException("No endpoint meets " + policy + ": "
                        + String.join("; ", violations), false);
            }
            if (ledger == null) {
                ledger = EmissionsLedger.create();
            }
            return new CarbonRouter<>(this, built);
        }
    }
}
