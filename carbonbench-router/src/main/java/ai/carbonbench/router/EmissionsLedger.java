package ai.carbonbench.router;

import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts the emissions of LLM calls for scope-3 reporting: every recorded call adds its tokens and grams
 * of CO2e (with range) and what the baseline endpoint would have emitted, to totals overall and by model,
 * provider, region and UTC day. Exports as CSV or JSON; the method is location-based (grid-average
 * intensity of the zone that served the call, as the GHG Protocol's location-based method), stated in
 * every export.
 *
 * <p><b>Exact.</b> Each call's grams are rounded once to whole micrograms when it is recorded; totals are
 * sums of those integers in striped cells (one compare-and-set per bucket per call), so they equal the sum
 * of the recorded calls exactly,
 * whatever the interleaving of threads. (Summing {@code double}s concurrently would depend on the order.)
 *
 * <p><b>Bounded.</b> Aggregates are always kept; their number grows with the endpoints used and the days
 * covered, not with calls. The individual {@link CallRecord}s are kept only by a ledger made with
 * {@link #withCallLog(int)}, newest {@code capacity} of them; older ones are dropped and counted.
 *
 * <p><b>Thread-safe</b> and lock-free on the recording path (the optional call log takes a short lock).
 * Totals read while calls are being recorded are each exact for what they count, but different totals may
 * be read at slightly different moments.
 */
public final class EmissionsLedger {

    /** The accounting method stated in every export. */
    public static final String METHOD = "location-based";

    private static final Logger LOG = LoggerFactory.getLogger(EmissionsLedger.class);

    private final Bucket total = new Bucket();
    private final ConcurrentHashMap<String, Bucket> byModel = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> byProvider = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> byRegion = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Bucket> byDay = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OfferingKey, Bucket[]> endpointBuckets = new ConcurrentHashMap<>();
    private volatile DayBucket lastDay = new DayBucket(Long.MIN_VALUE, null);
    private final int logCapacity;
    private final ArrayDeque<CallRecord> log;
    private long dropped;
    private final CopyOnWriteArrayList<Consumer<? super CallRecord>> subscribers = new CopyOnWriteArrayList<>();

    private EmissionsLedger(int logCapacity) {
        this.logCapacity = logCapacity;
        this.log = logCapacity > 0 ? new ArrayDeque<>(Math.min(logCapacity, 1024)) : null;
    }

    /** A ledger that keeps aggregates only. */
    public static EmissionsLedger create() {
        return new EmissionsLedger(0);
    }

    /** A ledger that also keeps the newest {@code capacity} call records, {@code capacity >= 1}. */
    public static EmissionsLedger withCallLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        return new EmissionsLedger(capacity);
    }

    /**
     * Records one call: {@code usage} tokens served by the offering of {@code actual} at its intensity,
     * compared with the same tokens on {@code baseline}.
     *
     * @return the record, with grams rounded to micrograms
     */
    public CallRecord record(Instant at, Score actual, Score baseline, Usage usage) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(usage, "usage");
        if (actual.boundary() != baseline.boundary()) {
            throw new IllegalArgumentException("actual and baseline must be scored at one boundary, were "
                    + actual.boundary().id() + " and " + baseline.boundary().id());
        }
        return record(at, actual.offering().key(), Optional.of(actual), baseline.offering().key(), baseline, usage);
    }

    /**
     * The router's path: the endpoints' keys and the score's {@code Optional} come precomputed with its ranking,
     * so that recording a call allocates only the record and its time.
     */
    CallRecord record(Instant at, OfferingKey key, Optional<Score> priced, OfferingKey baselineKey, Score baseline,
            Usage usage) {
        Score actual = priced.get();
        // Score.gramsFor's arithmetic, term by term, without allocating three ranges per call.
        double in = usage.inputTokens() / 1e6;
        double out = usage.outputTokens() / 1e6;
        Range gi = actual.gramsPerMillionInput();
        Range go = actual.gramsPerMillionOutput();
        double baseGrams = baseline.gramsCentralFor(usage.inputTokens(), usage.outputTokens());
        CallRecord r = new CallRecord(at, key, actual.zone(), usage.inputTokens(), usage.outputTokens(),
                micrograms(gi.low() * in + go.low() * out), micrograms(gi.central() * in + go.central() * out),
                micrograms(gi.high() * in + go.high() * out), actual.provenance(), baselineKey,
                micrograms(baseGrams), actual.boundary(), priced);
        add(r, actual.offering());
        if (!subscribers.isEmpty()) {
            notify(r);
        }
        return r;
    }

    /**
     * Calls {@code subscriber} with every call recorded from now on, on the recording thread, after the totals
     * include it: how meters ({@code carbonbench-micrometer}) and spans follow the ledger, whoever records in
     * it (a router, a footprint listener, an observation handler). Subscribers must be fast and thread-safe;
     * one that throws is logged at WARN and ignored.
     */
    public void subscribe(Consumer<? super CallRecord> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    private void notify(CallRecord r) {
        for (Consumer<? super CallRecord> s : subscribers) {
            try {
                s.accept(r);
            } catch (RuntimeException e) {
                LOG.warn("Ledger subscriber {} threw; ignored", s, e);
            }
        }
    }

    /**
     * The ledger's one rounding rule: grams to whole micrograms, to nearest. Budgets reserve with the same rule,
     * so a reservation for at least a call's tokens is never smaller than what the ledger records for it.
     */
    public static long micrograms(double grams) {
        return Math.round(grams * 1e6);
    }

    private void add(CallRecord r, Offering o) {
        Bucket[] buckets = endpointBuckets.get(r.endpoint());
        if (buckets == null) {
            buckets = endpointBuckets.computeIfAbsent(r.endpoint(), k -> new Bucket[] {
                byModel.computeIfAbsent(o.model().id(), x -> new Bucket()),
                byProvider.computeIfAbsent(o.provider().id(), x -> new Bucket()),
                byRegion.computeIfAbsent(o.region().qualifiedId(), x -> new Bucket()) });
        }
        total.add(r);
        for (Bucket b : buckets) {
            b.add(r);
        }
        day(Math.floorDiv(r.at().getEpochSecond(), 86_400L)).add(r);
        if (log != null) {
            synchronized (log) {
                if (log.size() == logCapacity) {
                    log.removeFirst();
                    dropped++;
                }
                log.addLast(r);
            }
        }
    }

    private Bucket day(long epochDay) {
        DayBucket last = lastDay;
        if (last.epochDay == epochDay) {
            return last.bucket;
        }
        Bucket b = byDay.computeIfAbsent(epochDay, d -> new Bucket());
        lastDay = new DayBucket(epochDay, b);
        return b;
    }

    /** Totals over every call recorded. */
    public LedgerTotals total() {
        return total.totals();
    }

    /** Totals by model id, sorted by id. */
    public Map<String, LedgerTotals> byModel() {
        return totals(byModel);
    }

    /** Totals by provider id, sorted by id. */
    public Map<String, LedgerTotals> byProvider() {
        return totals(byProvider);
    }

    /** Totals by qualified region id ({@code provider/region}), sorted. */
    public Map<String, LedgerTotals> byRegion() {
        return totals(byRegion);
    }

    /** Totals by UTC day, oldest first. */
    public Map<LocalDate, LedgerTotals> byDay() {
        Map<LocalDate, LedgerTotals> out = new TreeMap<>();
        byDay.forEach((d, b) -> out.put(LocalDate.ofEpochDay(d), b.totals()));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, LedgerTotals> totals(Map<String, Bucket> map) {
        Map<String, LedgerTotals> out = new TreeMap<>();
        map.forEach((k, b) -> out.put(k, b.totals()));
        return Collections.unmodifiableMap(out);
    }

    /** The call log, oldest first; empty unless made with {@link #withCallLog(int)}. */
    public List<CallRecord> calls() {
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Call records dropped from the log because it was full (they remain in every total). */
    public long droppedCalls() {
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return dropped;
        }
    }

    /**
     * The aggregates as CSV (RFC 4180, comma-separated, header row): one row for the total and one per model,
     * provider, region and day; grams to the microgram; the accounting boundary of the row's calls
     * ({@code gpu}, {@code server} or {@code lifecycle}, as {@link Boundary#id()}; the ids
     * joined by {@code ;} if calls scored at different boundaries were recorded, empty for no calls) and the method
     * ({@value #METHOD}) in every row.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(
                "dimension,key,calls,input_tokens,output_tokens,grams_co2e_low,grams_co2e_central,grams_co2e_high,"
                        + "baseline_grams_co2e,saved_grams_co2e,boundary,method\r\n");
        csvRow(sb, "total", "all", total);
        new TreeMap<>(byModel).forEach((k, b) -> csvRow(sb, "model", k, b));
        new TreeMap<>(byProvider).forEach((k, b) -> csvRow(sb, "provider", k, b));
        new TreeMap<>(byRegion).forEach((k, b) -> csvRow(sb, "region", k, b));
        new TreeMap<>(byDay).forEach((k, b) -> csvRow(sb, "day", LocalDate.ofEpochDay(k).toString(), b));
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String dimension, String key, Bucket b) {
        LedgerTotals t = b.totals();
        sb.append(dimension).append(',').append(csv(key)).append(',').append(t.calls()).append(',')
                .append(t.inputTokens()).append(',').append(t.outputTokens()).append(',')
                .append(grams(t.microgramsLow())).append(',').append(grams(t.microgramsCentral())).append(',')
                .append(grams(t.microgramsHigh())).append(',').append(grams(t.baselineMicrograms())).append(',')
                .append(grams(t.baselineMicrograms() - t.microgramsCentral())).append(',').append(b.boundaries())
                .append(',').append(METHOD).append("\r\n");
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Exact decimal grams from micrograms, e.g. {@code 12.000345}. */
    static String grams(long micrograms) {
        return LedgerJson.grams(micrograms).toPlainString();
    }

    /**
     * The aggregates (and the call log, if kept) as a JSON object: {@code method}, {@code unit}, {@code total},
     * {@code byModel}, {@code byProvider}, {@code byRegion}, {@code byDay}, {@code calls}, {@code droppedCalls}.
     */
    public String toJson() {
        return LedgerJson.toJson(this);
    }

    @Override
    public String toString() {
        LedgerTotals t = total();
        return "EmissionsLedger[" + t.calls() + " calls, " + grams(t.microgramsCentral()) + " gCO2e, saved "
                + grams(t.baselineMicrograms() - t.microgramsCentral()) + " g]";
    }

    private record DayBucket(long epochDay, Bucket bucket) {
    }

    /**
     * Seven running sums, striped over a few cells like a {@link LongAdder}, but one compare-and-set per call for
     * all seven instead of one per sum: a thread takes a cell (hashed from the thread, moving on when it is busy),
     * adds plain longs and releases it. Sums stay exact integers; reading locks each cell in turn.
     */
    private static final class Bucket {
        private static final int CELLS = Integer.highestOneBit(
                Math.max(2, Runtime.getRuntime().availableProcessors() * 2) - 1) << 1;

        private final Cell[] cells = new Cell[CELLS];
        /** The boundaries of the calls added, one bit per {@link Boundary} ordinal. */
        private final AtomicInteger boundaryBits = new AtomicInteger();

        Bucket() {
            for (int i = 0; i < CELLS; i++) {
                cells[i] = new Cell();
            }
        }

        void add(CallRecord r) {
            int bit = 1 << r.boundary().ordinal();
            if ((boundaryBits.get() & bit) == 0) { // one plain read per call once the boundary is known
                boundaryBits.getAndUpdate(bits -> bits | bit);
            }
            int h = mix(Thread.currentThread().getId());
            for (;;) {
                Cell c = cells[h & (CELLS - 1)];
                if (c.tryLock()) {
                    c.calls++;
                    c.in += r.inputTokens();
                    c.out += r.outputTokens();
                    c.low += r.microgramsLow();
                    c.central += r.microgramsCentral();
                    c.high += r.microgramsHigh();
                    c.baseline += r.baselineMicrograms();
                    c.unlock();
                    return;
                }
                h++;
                if ((h & (CELLS - 1)) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        private static int mix(long id) {
            long z = id * 0x9E3779B97F4A7C15L;
            return (int) (z ^ (z >>> 32));
        }

        LedgerTotals totals() {
            long calls = 0;
            long in = 0;
            long out = 0;
            long low = 0;
            long central = 0;
            long high = 0;
            long baseline = 0;
            for (Cell c : cells) {
                c.lock();
                try {
                    calls += c.calls;
                    in += c.in;
                    out += c.out;
                    low += c.low;
                    central += c.central;
                    high += c.high;
                    baseline += c.baseline;
                } finally {
                    c.unlock();
                }
            }
            return new LedgerTotals(calls, in, out, low, central, high, baseline);
        }

        /** The boundary ids of the calls added, in enum order, joined by {@code ;}; empty before any call. */
        String boundaries() {
            int bits = boundaryBits.get();
            StringBuilder sb = new StringBuilder();
            for (Boundary x : Boundary.values()) {
                if ((bits & (1 << x.ordinal())) != 0) {
                    sb.append(sb.length() > 0 ? ";" : "").append(x.id());
                }
            }
            return sb.toString();
        }
    }

    /** One stripe of a {@link Bucket}: seven sums behind a spin lock (held for seven additions). */
    @SuppressWarnings("unused") // padding keeps neighbouring cells off each other's cache lines
    private static final class Cell {
        private static final java.lang.invoke.VarHandle LOCK;

        static {
            try {
                LOCK = java.lang.invoke.MethodHandles.lookup().findVarHandle(Cell.class, "locked", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long p1, p2, p3, p4, p5, p6, p7;
        private volatile int locked;
        long calls, in, out, low, central, high, baseline;
        long q1, q2, q3, q4, q5, q6, q7;

        boolean tryLock() {
            return locked == 0 && LOCK.compareAndSet(this, 0, 1);
        }

        void lock() {
            while (!tryLock()) {
                Thread.onSpinWait();
            }
        }

        void unlock() {
            locked = 0;
        }
    }
}
