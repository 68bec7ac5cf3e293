package ai.carbonbench.router.budget;

import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.state.StateStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A carbon budget: at most so many grams of CO2e per {@linkplain BudgetPeriod period} for each key (a tenant,
 * a team, a feature: any string a caller gives per call). A {@link BudgetedRouter} consults it before each call
 * and applies its {@link OverBudget} action when there is no room.
 *
 * <pre>{@code
 * CarbonBudget daily = CarbonBudget.builder("tenant-daily", 50.0, BudgetPeriod.rollingDay())
 *         .overBudget(OverBudget.reject())
 *         .store(StateStore.directory(Path.of("state")))
 *         .build();
 * }</pre>
 *
 * <p><b>Reserve, then settle.</b> A call's grams are known only after it returns. Before the call the budget
 * reserves an upper estimate: the endpoint's score applied to the call's estimated {@link Usage} (prompt tokens
 * and maximum output tokens; without one, the per-model or budget default), rounded to micrograms exactly as the
 * ledger rounds. A call is admitted only if settled use + reservations + its reservation fit the limit; this
 * check-and-reserve is atomic per key. After the call the reservation is replaced by the grams the ledger
 * recorded (central estimate, whole micrograms), so budget and ledger agree to the microgram.
 *
 * <p><b>Reservation error.</b> Under {@link OverBudget#reject()} or {@link OverBudget#defer()}, settled use can
 * exceed the limit only by what admitted calls emitted beyond their reservations: at most the sum, over the
 * calls in flight when the budget ran out, of {@code max(0, recorded − reserved)} micrograms. A call whose real
 * tokens stay within its estimate contributes nothing, so with a true prompt bound and a provider-enforced
 * max-tokens the budget is never overspent. Failed calls release their reservation and count nothing. Under
 * {@link OverBudget#capCarbon(double)} and {@link OverBudget#substitute(SubstitutionPolicy)} calls continue
 * (more cleanly) past the limit, and their grams count.
 *
 * <p><b>Persistence.</b> Each settlement writes the key's use (one number per bucket, see {@link BudgetPeriod})
 * to the {@link StateStore} (default: in memory) before it returns; a budget built on the same store and name
 * restores it, so a restart does not reset a month's budget. Reservations are not persisted: calls in flight
 * at a crash are lost with the process. With a file store every settlement of a key is a file write,
 * serialised per key.
 *
 * <p>Thread-safe. Per-key state is guarded by a per-key lock.
 */
public final class CarbonBudget {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonBudget.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The estimate when neither the call nor the budget says otherwise: 2,000 tokens in, 1,000 out. */
    private static final Usage DEFAULT_ESTIMATE = new Usage(2_000, 1_000);

    private final String name;
    private final long limitMicrograms;
    private final Map<String, Long> keyLimits;
    private final BudgetPeriod period;
    private final OverBudget overBudget;
    private final Usage defaultEstimate;
    private final Map<String, Usage> modelEstimates;
    private final StateStore store;
    private final Clock clock;
    private final String namespace;
    private final ConcurrentHashMap<String, KeyState> keys = new ConcurrentHashMap<>();

    private CarbonBudget(Builder b) {
        this.name = b.name;
        this.limitMicrograms = b.limitMicrograms;
        this.keyLimits = Map.copyOf(b.keyLimits);
        this.period = b.period;
        this.overBudget = b.overBudget;
        this.defaultEstimate = b.defaultEstimate;
        this.modelEstimates = Map.copyOf(b.modelEstimates);
        this.store = b.store;
        this.clock = b.clock;
        this.namespace = "budget/" + name;
        restore();
    }

    /**
     * A builder for a budget of {@code gramsPerPeriod} grams of CO2e per key and period.
     *
     * @param name a stable name: it names the persisted state and appears in exceptions and exports
     */
    public static Builder builder(String name, double gramsPerPeriod, BudgetPeriod period) {
        return new Builder(name, gramsPerPeriod, period);
    }

    public String name() {
        return name;
    }

    /** The default grams per key and period. */
    public double gramsPerPeriod() {
        return limitMicrograms / 1e6;
    }

    /** The grams per period for {@code key}: its own limit if it has one, else the default. */
    public double gramsPerPeriod(String key) {
        return limit(Objects.requireNonNull(key, "key")) / 1e6;
    }

    private long limit(String key) {
        return keyLimits.getOrDefault(key, limitMicrograms);
    }

    public BudgetPeriod period() {
        return period;
    }

    public OverBudget overBudget() {
        return overBudget;
    }

    /** The keys with use or reservations, sorted. */
    public List<String> keys() {
        return List.copyOf(new TreeSet<>(keys.keySet()));
    }

    /** The key's use now. */
    public BudgetUsage usage(String key) {
        Objects.requireNonNull(key, "key");
        KeyState s = keys.get(key);
        Instant now = clock.instant();
        if (s == null) {
            return new BudgetUsage(name, key, limit(key), 0, 0, period.windowStart(now), period.resetAt(now));
        }
        synchronized (s) {
            return s.usage(now);
        }
    }

    /**
     * The micrograms reserved for a call on the endpoint {@code score} describes: the estimate's tokens at that
     * score's central grams, rounded as the ledger rounds. {@code estimate} empty means the default for the
     * endpoint's model, or the budget's default.
     */
    long reservationMicrograms(Score score, Optional<Usage> estimate) {
        Objects.requireNonNull(score, "score");
        Usage e = estimate.orElseGet(() -> modelEstimates.getOrDefault(score.offering().model().id(),
                defaultEstimate));
        return EmissionsLedger.micrograms(score.gramsCentralFor(e.inputTokens(), e.outputTokens()));
    }

    /**
     * Reserves {@code micrograms} for {@code key} if they fit the limit with what is used and reserved; atomic.
     *
     * @return the reservation, or empty when there is no room (nothing is reserved)
     */
    Optional<Reservation> tryReserve(String key, long micrograms) {
        return reserve(key, micrograms, false);
    }

    /** Reserves {@code micrograms} for {@code key} whether or not they fit (for calls made past the limit). */
    Reservation forceReserve(String key, long micrograms) {
        return reserve(key, micrograms, true).orElseThrow();
    }

    private Optional<Reservation> reserve(String key, long micrograms, boolean force) {
        Objects.requireNonNull(key, "key");
        Checks.count("micrograms", micrograms);
        KeyState s = keys.computeIfAbsent(key, KeyState::new);
        synchronized (s) {
            Instant now = clock.instant();
            if (!force && s.used(now) + s.reserved + micrograms > limit(key)) {
                return Optional.empty();
            }
            s.reserved += micrograms;
        }
        return Optional.of(new Reservation(s, micrograms));
    }

    /**
     * Counts grams not reserved beforehand (e.g. a scheduled job's, or a call made without a router) for
     * {@code key} at {@code at}.
     */
    public void record(String key, long micrograms, Instant at) {
        forceReserve(key, 0).settle(micrograms, at);
    }

    private void restore() {
        Map<String, String> docs = store.load(namespace);
        Instant now = clock.instant();
        docs.forEach((key, doc) -> {
            try {
                JsonNode root = JSON.readTree(doc);
                KeyState s = new KeyState(key);
                for (Iterator<Map.Entry<String, JsonNode>> it = root.path("micrograms").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    s.buckets.put(Instant.parse(e.getKey()).getEpochSecond(), e.getValue().asLong());
                }
                s.prune(now);
                keys.put(key, s);
            } catch (JsonProcessingException | RuntimeException e) {
                throw new CarbonBenchException("Budget '" + name + "': cannot restore the state of key '" + key
                        + "' from " + store + ": " + e.getMessage(), false, e);
            }
        });
        if (!docs.isEmpty()) {
            LOG.info("Budget '{}' restored the use of {} key(s) from {}", name, docs.size(), store);
        }
    }

    @Override
    public String toString() {
        return "CarbonBudget[" + name + ", " + BudgetUsage.grams(limitMicrograms) + " g per " + period + ", over: "
                + overBudget + "]";
    }

    /**
     * Grams held for one call until it ends. Settle it with what the ledger recorded, or release it when the call
     * failed; only the first of these has an effect.
     */
    final class Reservation {
        private final KeyState state;
        private final long micrograms;
        private final AtomicBoolean done = new AtomicBoolean();

        private Reservation(KeyState state, long micrograms) {
            this.state = state;
            this.micrograms = micrograms;
        }

        /** Replaces the reservation with the record's central micrograms, counted at the record's time. */
        void settle(CallRecord record) {
            settle(record.microgramsCentral(), record.at());
        }

        /** Replaces the reservation with {@code actualMicrograms} counted at {@code at}. */
        void settle(long actualMicrograms, Instant at) {
            Objects.requireNonNull(at, "at");
            Checks.count("actualMicrograms", actualMicrograms);
            if (!done.compareAndSet(false, true)) {
                return;
            }
            String doc;
            synchronized (state) {
                state.reserved -= micrograms;
                state.buckets.merge(period.bucket(at).getEpochSecond(), actualMicrograms, Long::sum);
                state.prune(clock.instant());
                doc = state.document();
                // Written under the key's lock so that a later state never lands before an earlier one.
                try {
                    store.put(namespace, state.key, doc);
                } catch (RuntimeException e) {
                    LOG.warn("Budget '{}': could not persist the use of key '{}'; it is counted in memory", name,
                            state.key, e);
                }
            }
        }

        /** Gives the reservation back; the call counts nothing. */
        void release() {
            if (done.compareAndSet(false, true)) {
                synchronized (state) {
                    state.reserved -= micrograms;
                }
            }
        }
    }

    /** One key's use: micrograms per bucket start (epoch second) and micrograms reserved. Guarded by itself. */
    private final class KeyState {
        final String key;
        final NavigableMap<Long, Long> buckets = new TreeMap<>();
        long reserved;

        KeyState(String key) {
            this.key = key;
        }

        long used(Instant now) {
            long sum = 0;
            for (long v : buckets.tailMap(period.windowStart(now).getEpochSecond(), true).values()) {
                sum += v;
            }
            return sum;
        }

        void prune(Instant now) {
            buckets.headMap(period.windowStart(now).getEpochSecond(), false).clear();
        }

        BudgetUsage usage(Instant now) {
            return new BudgetUsage(name, key, limit(key), used(now), reserved, period.windowStart(now),
                    period.resetAt(now));
        }

        /**
         * The key's state as JSON: {@code budget}, {@code key}, {@code period}, {@code micrograms} (bucket start →
         * micrograms). Written by hand with Jackson's string escaping: it runs on every settlement, and a tree
         * plus a writer cost several times more than the rest of the settlement.
         */
        String document() {
            StringBuilder sb = new StringBuilder(96 + 40 * buckets.size()).append("{\"budget\":");
            quote(sb, name).append(",\"key\":");
            quote(sb, key).append(",\"period\":");
            quote(sb, period.toString()).append(",\"micrograms\":{");
            boolean first = true;
            for (Map.Entry<Long, Long> e : buckets.entrySet()) {
                sb.append(first ? "\"" : ",\"").append(Instant.ofEpochSecond(e.getKey())).append("\":")
                        .append(e.getValue().longValue());
                first = false;
            }
            return sb.append("}}").toString();
        }
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        return sb.append('"');
    }

    /**
     * Builds a {@link CarbonBudget}. Not thread-safe. Defaults: {@link OverBudget#reject()}, estimate
     * 2,000 tokens in and 1,000 out, an in-memory store, the UTC system clock.
     */
    public static final class Builder {
        private final String name;
        private final long limitMicrograms;
        private final Map<String, Long> keyLimits = new LinkedHashMap<>();
        private final BudgetPeriod period;
        private OverBudget overBudget = OverBudget.reject();
        private Usage defaultEstimate = DEFAULT_ESTIMATE;
        private final Map<String, Usage> modelEstimates = new LinkedHashMap<>();
        private StateStore store = StateStore.inMemory();
        private Clock clock = Clock.systemUTC();

        private Builder(String name, double grams, BudgetPeriod period) {
            Checks.notBlank("name", name);
            Checks.nonNegative("gramsPerPeriod", grams);
            this.name = name.trim();
            this.limitMicrograms = EmissionsLedger.micrograms(grams);
            this.period = Objects.requireNonNull(period, "period");
        }

        /** A limit of its own for {@code key} (e.g. a larger tenant), instead of the default. */
        public Builder gramsPerPeriod(String key, double grams) {
            Objects.requireNonNull(key, "key");
            Checks.nonNegative("grams for key '" + key + "'", grams);
            keyLimits.put(key, EmissionsLedger.micrograms(grams));
            return this;
        }

        /** What happens to a call the budget has no room for; default {@link OverBudget#reject()}. */
        public Builder overBudget(OverBudget action) {
            this.overBudget = Objects.requireNonNull(action, "action");
            return this;
        }

        /** The estimate (at most so many tokens in and out) reserved for calls that bring none; default 2,000 / 1,000. */
        public Builder defaultEstimate(Usage estimate) {
            this.defaultEstimate = Objects.requireNonNull(estimate, "estimate");
            return this;
        }

        /** The estimate reserved for calls to {@code modelId} (canonical catalog id) that bring none. */
        public Builder defaultEstimate(String modelId, Usage estimate) {
            modelEstimates.put(Objects.requireNonNull(modelId, "modelId").trim().toLowerCase(Locale.ROOT),
                    Objects.requireNonNull(estimate, "estimate"));
            return this;
        }

        /** Where use is persisted; default in memory. */
        public Builder store(StateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock that places use in periods; use the CarbonBench's. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the budget, restoring any use persisted under its name.
         *
         * @throws CarbonBenchException when the store holds state it cannot read
         */
        public CarbonBudget build() {
            return new CarbonBudget(this);
        }
    }
}
