package ai.carbonbench.micrometer;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.RouterListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes CarbonBench's accounting as Micrometer meters: a {@link MeterBinder} over one or more
 * {@link EmissionsLedger}s and the grid intensity of the zones in use, and a {@link RouterListener} for
 * fail-overs.
 *
 * <pre>{@code
 * CarbonMeters meters = CarbonMeters.builder(carbonBench).ledger(router.ledger())
 *         .offerings(router.endpoints()).build();
 * meters.bindTo(meterRegistry);
 * // and, for fail-overs: CarbonRouter.builder(...).listener(meters), or a chat model's routerListener(meters)
 * }</pre>
 *
 * <p><b>Meters</b> (Micrometer names; Prometheus names in brackets):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type, unit</th><th>tags</th></tr>
 * <tr><td>{@value #EMISSIONS} [{@code carbonbench_emissions_grams_total}]</td><td>counter, grams CO2e (central estimate)</td>
 *     <td>model, provider, region, boundary</td></tr>
 * <tr><td>{@value #BASELINE_EMISSIONS} [{@code carbonbench_emissions_baseline_grams_total}]</td><td>counter, grams CO2e the
 *     same tokens would have emitted on the baseline</td><td>model, provider, region, boundary</td></tr>
 * <tr><td>{@value #TOKENS} [{@code carbonbench_tokens_total}]</td><td>counter, tokens</td><td>model, provider, region,
 *     {@code token.type} = {@code input} | {@code output}</td></tr>
 * <tr><td>{@value #CALLS} [{@code carbonbench_calls_total}]</td><td>counter, calls</td><td>model, provider, region,
 *     outcome = {@code success} (recorded in the ledger) | {@code failed} (a retriable failure with no endpoint left)</td></tr>
 * <tr><td>{@value #FAILOVERS} [{@code carbonbench_failovers_total}]</td><td>counter, fail-overs away from an endpoint</td>
 *     <td>model, provider, region (of the endpoint that failed)</td></tr>
 * <tr><td>{@value #GRID_INTENSITY} [{@code carbonbench_grid_intensity_grams_per_kwh}]</td><td>gauge, gCO2e/kWh now</td>
 *     <td>zone, provenance ({@code live}, {@code forecast}, {@code history}, {@code stale}, {@code default})</td></tr>
 * </table>
 *
 * <p><b>A fleet's total.</b> Counters are cumulative per process, from when this binder subscribed to the
 * ledger. Sum them across instances in the monitoring system (PromQL
 * {@code sum by (model, provider, region) (increase(carbonbench_emissions_grams_total[1d]))}): that is how a
 * fleet aggregates its ledgers; there is no cluster code in CarbonBench.
 *
 * <p><b>Exact.</b> Grams are counted as the ledger's whole micrograms, so a counter equals the sum of the
 * recorded calls' grams. Tokens and grams are read at scrape time ({@link FunctionCounter}); recording a call
 * costs two map lookups (its endpoint, its zone) and five additions.
 *
 * <p><b>Provenance tag.</b> A zone's gauge is re-tagged, in every registry alike, when a recorded call in that
 * zone, {@link #refresh()} or binding another registry sees a new provenance; its value is always read at scrape
 * time.
 *
 * <p>Thread-safe. May be bound to several registries.
 */
public final class CarbonMeters implements MeterBinder, RouterListener {

    /** Grams CO2e emitted, central estimate. */
    public static final String EMISSIONS = "carbonbench.emissions";
    /** Grams CO2e the baseline would have emitted for the same tokens. */
    public static final String BASELINE_EMISSIONS = "carbonbench.emissions.baseline";
    /** Tokens, tagged by {@code token.type}. */
    public static final String TOKENS = "carbonbench.tokens";
    /** Calls by outcome. */
    public static final String CALLS = "carbonbench.calls";
    /** Fail-overs away from an endpoint. */
    public static final String FAILOVERS = "carbonbench.failovers";
    /** Grid intensity per zone in use, gCO2e/kWh. */
    public static final String GRID_INTENSITY = "carbonbench.grid.intensity";

    private static final Logger LOG = LoggerFactory.getLogger(CarbonMeters.class);

    /** Counts for one endpoint, shared by every registry the binder is bound to. */
    private static final class Counts {
        final LongAdder micrograms = new LongAdder();
        final LongAdder baselineMicrograms = new LongAdder();
        final LongAdder inputTokens = new LongAdder();
        final LongAdder outputTokens = new LongAdder();
        final LongAdder calls = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder failovers = new LongAdder();
    }

    /** A zone in use: a representative offering to score, and the provenance its gauge is tagged with. */
    private static final class ZoneState {
        final String zone;
        final OfferingKey offering;
        volatile Provenance tagged;
        final List<Meter> gauges = new CopyOnWriteArrayList<>();

        ZoneState(String zone, OfferingKey offering) {
            this.zone = zone;
            this.offering = offering;
        }
    }

    private final CarbonBench carbonBench;
    private final String boundary;
    private final ConcurrentHashMap<OfferingKey, Counts> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ZoneState> zones = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Object gaugeLock = new Object();

    private CarbonMeters(Builder b) {
        this.carbonBench = b.carbonBench;
        this.boundary = carbonBench.boundary().id();
        for (OfferingKey k : b.offerings) {
            counts(k);
            zone(carbonBench.score(k).zone(), k);
        }
        for (EmissionsLedger l : b.ledgers) {
            l.subscribe(this::onRecord);
        }
    }

    /**
     * A builder of meters over the calls {@code carbonBench} scores: it scores the zones of the intensity gauges,
     * and its boundary is the {@code boundary} tag.
     */
    public static Builder builder(CarbonBench carbonBench) {
        return new Builder(carbonBench);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (gaugeLock) {
            registries.add(registry);
            counts.forEach((k, c) -> register(registry, k, c));
            for (ZoneState z : zones.values()) {
                Provenance p = provenanceOf(z);
                if (z.tagged == p) {
                    registerGauge(registry, z, p);
                } else {
                    retag(z, p); // on every registry, this one included: all show the same provenance
                }
            }
        }
    }

    /** Re-reads each zone's provenance and re-tags its gauge when it changed. */
    public void refresh() {
        zones.values().forEach(z -> retag(z, provenanceOf(z)));
    }

    private void onRecord(CallRecord r) {
        Counts c = counts(r.endpoint());
        c.micrograms.add(r.microgramsCentral());
        c.baselineMicrograms.add(r.baselineMicrograms());
        c.inputTokens.add(r.inputTokens());
        c.outputTokens.add(r.outputTokens());
        c.calls.increment();
        ZoneState z = zone(r.zone(), r.endpoint());
        if (z.tagged != r.provenance()) {
            retag(z, r.provenance());
        }
    }

    @Override
    public void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
        Counts c = counts(from);
        if (next.isPresent()) {
            c.failovers.increment();
        } else {
            c.failed.increment();
        }
    }

    private Counts counts(OfferingKey key) {
        Counts c = counts.get(key);
        if (c != null) {
            return c;
        }
        Counts[] created = new Counts[1];
        c = counts.computeIfAbsent(key, k -> created[0] = new Counts());
        if (created[0] != null) {
            synchronized (gaugeLock) {
                for (MeterRegistry reg : registries) {
                    register(reg, key, c);
                }
            }
        }
        return c;
    }

    private void register(MeterRegistry reg, OfferingKey key, Counts c) {
        Tags endpoint = Tags.of("model", key.model(), "provider", key.provider(), "region", key.region());
        Tags withBoundary = endpoint.and("boundary", boundary);
        FunctionCounter.builder(EMISSIONS, c, x -> x.micrograms.sum() / 1e6).baseUnit("grams")
                .description("Grams of CO2e emitted by LLM calls (central estimate, location-based)")
                .tags(withBoundary).register(reg);
        FunctionCounter.builder(BASELINE_EMISSIONS, c, x -> x.baselineMicrograms.sum() / 1e6).baseUnit("grams")
                .description("Grams of CO2e the same tokens would have emitted on the baseline endpoint")
                .tags(withBoundary).register(reg);
        FunctionCounter.builder(TOKENS, c, x -> x.inputTokens.sum()).baseUnit("tokens")
                .description("Tokens of LLM calls").tags(endpoint.and("token.type", "input")).register(reg);
        FunctionCounter.builder(TOKENS, c, x -> x.outputTokens.sum()).baseUnit("tokens")
                .description("Tokens of LLM calls").tags(endpoint.and("token.type", "output")).register(reg);
        FunctionCounter.builder(CALLS, c, x -> x.calls.sum()).description("LLM calls by outcome")
                .tags(endpoint.and("outcome", "success")).register(reg);
        FunctionCounter.builder(CALLS, c, x -> x.failed.sum()).description("LLM calls by outcome")
                .tags(endpoint.and("outcome", "failed")).register(reg);
        FunctionCounter.builder(FAILOVERS, c, x -> x.failovers.sum())
                .description("Retriable failures after which the call moved to the next endpoint")
                .tags(endpoint).register(reg);
    }

    /** The zone's state; a new zone is published only once its gauges are registered and tagged. */
    private ZoneState zone(String zone, OfferingKey representative) {
        ZoneState z = zones.get(zone);
        if (z != null) {
            return z;
        }
        synchronized (gaugeLock) {
            z = zones.get(zone);
            if (z == null) {
                z = new ZoneState(zone, representative);
                Provenance p = provenanceOf(z);
                for (MeterRegistry reg : registries) {
                    registerGauge(reg, z, p);
                }
                z.tagged = p;
                zones.put(zone, z);
            }
            return z;
        }
    }

    private void retag(ZoneState z, Provenance p) {
        synchronized (gaugeLock) {
            if (z.tagged == p) {
                return;
            }
            for (Meter m : z.gauges) {
                for (MeterRegistry reg : registries) {
                    reg.remove(m);
                }
            }
            z.gauges.clear();
            for (MeterRegistry reg : registries) {
                registerGauge(reg, z, p);
            }
            z.tagged = p;
        }
    }

    private void registerGauge(MeterRegistry reg, ZoneState z, Provenance p) {
        z.gauges.add(Gauge.builder(GRID_INTENSITY, z, this::intensity).baseUnit("grams.per.kwh")
                .description("Grid carbon intensity now, gCO2e/kWh, in a zone CarbonBench routes or accounts calls to")
                .tags("zone", z.zone, "provenance", p.name().toLowerCase(Locale.ROOT))
                .strongReference(true).register(reg));
    }

    private double intensity(ZoneState z) {
        try {
            return score(z).intensityGramsPerKwh().central();
        } catch (RuntimeException e) {
            LOG.debug("No intensity for zone {}: {}", z.zone, e.toString());
            return Double.NaN;
        }
    }

    private Provenance provenanceOf(ZoneState z) {
        try {
            return score(z).provenance();
        } catch (RuntimeException e) {
            return Provenance.DEFAULT;
        }
    }

    private Score score(ZoneState z) {
        return carbonBench.score(z.offering);
    }

    @Override
    public String toString() {
        return "CarbonMeters[" + counts.size() + " endpoints, zones " + List.copyOf(zones.keySet()) + "]";
    }

    /**
     * Builds {@link CarbonMeters}. Default: no ledger (add at least one to count calls). Not thread-safe.
     */
    public static final class Builder {
        private final List<EmissionsLedger> ledgers = new ArrayList<>();
        private final List<OfferingKey> offerings = new ArrayList<>();
        private final CarbonBench carbonBench;

        private Builder(CarbonBench carbonBench) {
            this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
        }

        /** A ledger whose calls are counted from now on; add several to count several. */
        public Builder ledger(EmissionsLedger ledger) {
            ledgers.add(Objects.requireNonNull(ledger, "ledger"));
            return this;
        }

        /**
         * Offerings to publish from the start, with zeros, and whose zones get an intensity gauge before any call
         * (e.g. a router's {@code endpoints()}). Zones of other calls are added when they are recorded.
         */
        public Builder offerings(List<OfferingKey> keys) {
            keys.forEach(k -> offerings.add(Objects.requireNonNull(k, "offering")));
            return this;
        }

        public CarbonMeters build() {
            return new CarbonMeters(this);
        }
    }
}
