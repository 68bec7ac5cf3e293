package ai.carbonbench.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Output speeds this application measured on its own calls, per offering. A running router feeds it
 * ({@link #record}); scores then use the observed figure ({@link SpeedBasis#OBSERVED}) instead of any
 * catalog figure for that endpoint, once {@link #minimumNumberOfCalls()} calls are in. {@link
 * #toOverlay(Catalog)} exports the figures as a catalog overlay ({@code Catalog.overlay(path)}), so a
 * fleet can share what one process measured.
 *
 * <p>The rate is the end-to-end one a caller sees: all output tokens divided by all call time
 * (queueing and time to first token included), so it is lower than a pure decode rate. Thread-safe;
 * recording is lock-free per endpoint.
 */
public final class ObservedSpeeds {

    /** The catalog source id observed figures name. */
    public static final String SOURCE_ID = "observed";

    /** Loaded on the first export only: data binding costs a fresh JVM's first answer (StartupClassesTest). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Striped counters: many threads record the same endpoint without contending on a lock. */
    private static final class Totals {
        final LongAdder calls = new LongAdder();
        final LongAdder outputTokens = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final ConcurrentHashMap<OfferingKey, Totals> totals = new ConcurrentHashMap<>();
    private final int minimumNumberOfCalls;
    private final Clock clock;

    private ObservedSpeeds(int minimumNumberOfCalls, Clock clock) {
        if (minimumNumberOfCalls < 1) {
            throw new IllegalArgumentException("minimumNumberOfCalls must be >= 1, was " + minimumNumberOfCalls);
        }
        this.minimumNumberOfCalls = minimumNumberOfCalls;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An empty set of observations that trusts an endpoint's figure after 3 calls. */
    public static ObservedSpeeds create() {
        return new ObservedSpeeds(3, Clock.systemUTC());
    }

    /** An empty set of observations that trusts a figure after {@code minimumNumberOfCalls} calls; {@code clock} dates it. */
    public static ObservedSpeeds create(int minimumNumberOfCalls, Clock clock) {
        return new ObservedSpeeds(minimumNumberOfCalls, clock);
    }

    public int minimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /**
     * Records one successful call: {@code outputTokens} generated in {@code elapsed}. Calls without output
     * tokens or with a non-positive duration say nothing about speed and are ignored.
     */
    public void record(OfferingKey endpoint, long outputTokens, Duration elapsed) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(elapsed, "elapsed");
        if (outputTokens <= 0 || elapsed.isZero() || elapsed.isNegative()) {
            return;
        }
        Totals t = totals.get(endpoint);
        if (t == null) {
            t = totals.computeIfAbsent(endpoint, k -> new Totals());
        }
        t.nanos.add(elapsed.toNanos());
        t.outputTokens.add(outputTokens);
        t.calls.increment(); // last: a reader that sees the call also sees its tokens and time
    }

    /** The observed speed of the endpoint, once enough calls are in. */
    public Optional<Speed> speed(OfferingKey endpoint) {
        Totals t = totals.get(Objects.requireNonNull(endpoint, "endpoint"));
        long calls = t == null ? 0 : t.calls.sum();
        if (calls < minimumNumberOfCalls) {
            return Optional.empty();
        }
        long nanos = t.nanos.sum();
        long tokens = t.outputTokens.sum();
        if (nanos <= 0 || tokens <= 0) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock); // one clock read dates the figure and its source
        return Optional.of(new Speed(tokens / (nanos / 1e9), OptionalDouble.empty(), SpeedBasis.OBSERVED, source(today),
                today.toString(), Optional.of("End-to-end rate over " + calls
                        + " calls of this application: output tokens / call time.")));
    }

    /** The offering with its observed speed when there is one, else unchanged. */
    public Offering apply(Offering offering) {
        if (totals.isEmpty()) {
            return offering;
        }
        return speed(offering.key()).map(offering::withSpeed).orElse(offering);
    }

    /** Every endpoint with an observed speed, ordered by key. */
    public Map<OfferingKey, Speed> snapshot() {
        Map<OfferingKey, Speed> out = new TreeMap<>(java.util.Comparator.comparing(OfferingKey::toString));
        totals.keySet().forEach(k -> speed(k).ifPresent(s -> out.put(k, s)));
        return out;
    }

    /**
     * A catalog overlay (format: {@code docs/catalog-format.md}) that replaces the speed of every
     * offering of {@code catalog} with an observed figure; load it with {@code Catalog.overlay(path)}.
     * Endpoints the catalog does not know are left out.
     */
    public String toOverlay(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        ObjectNode root = Json.MAPPER.createObjectNode();
        Source s = source(LocalDate.now(clock));
        ObjectNode src = root.putObject("sources").putObject(SOURCE_ID);
        src.put("publisher", s.publisher()).put("dataset", s.dataset()).put("year", s.year()).put("licence", s.licence())
                .put("url", s.url());
        ArrayNode offerings = root.putArray("offerings");
        Map<String, JsonNode> byKey = new TreeMap<>();
        catalog.tree().path("offerings").forEach(n -> byKey.put(n.path("provider").asText() + "/"
                + n.path("region").asText() + "/" + n.path("model").asText(), n));
        snapshot().forEach((key, speed) -> {
            JsonNode base = byKey.get(key.provider() + "/" + key.region() + "/" + key.model());
            if (base == null) {
                return;
            }
            ObjectNode o = base.deepCopy();
            ObjectNode sp = o.putObject("speed");
            sp.put("tokensPerSecond", speed.tokensPerSecond());
            sp.putNull("timeToFirstTokenSeconds");
            sp.put("basis", speed.basis().id()).put("source", SOURCE_ID).put("date", speed.date());
            speed.note().ifPresent(note -> sp.put("note", note));
            offerings.add(o);
        });
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Source source(LocalDate today) {
        return new Source(SOURCE_ID, "this application (CarbonBench router)",
                "Output tokens per second observed on the application's own calls (end to end)",
                today.getYear(), "the user's own data", "");
    }

    @Override
    public String toString() {
        return "ObservedSpeeds[" + totals.size() + " endpoints, minimumNumberOfCalls=" + minimumNumberOfCalls + "]";
    }
}
