package ai.carbonbench.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.testing.StubGridSource;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Usage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class CarbonMetersTest {

    /**
     * The router's test catalog: test-model uses 0.2 Wh per 1k input tokens and 1.0 Wh per 1k output tokens;
     * alpha/eu-north is in zone SE at 40 g/kWh, alpha/us-west in US-B at 300 g/kWh, both flat, PUE 1.0.
     */
    static final OfferingKey EU_NORTH = OfferingKey.of("alpha", "eu-north", "test-model");
    static final OfferingKey US_WEST = OfferingKey.of("alpha", "us-west", "test-model");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    static CarbonBench carbonBench() {
        return carbonBenchBuilder().build();
    }

    static CarbonBench.Builder carbonBenchBuilder() {
        try {
            Catalog catalog = Catalog.load(Path.of(CarbonMetersTest.class
                    .getResource("/ai/carbonbench/router/catalog-fixture.json").toURI()));
            // GPU boundary: the expected figures below are hand-computed as energy x intensity x PUE
            return CarbonBench.builder().catalog(catalog).boundary(Boundary.GPU).clock(CLOCK);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final CarbonBench cb = carbonBench();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private CarbonRouter<String> router(CarbonMeters[] meters) {
        CarbonRouter.Builder<String> b = CarbonRouter.<String>builder(cb).endpoint(US_WEST, "us-west")
                .endpoint(EU_NORTH, "eu-north");
        CarbonRouter<String> probe = b.build();
        meters[0] = CarbonMeters.builder(cb).ledger(probe.ledger()).offerings(probe.endpoints())
                .build();
        return probe;
    }

    @Test
    void prometheus_shows_the_documented_meters_with_the_values_of_n_routed_calls() {
        CarbonMeters[] meters = new CarbonMeters[1];
        CarbonRouter<String> router = router(meters);
        meters[0].bindTo(registry);

        int n = 5;
        for (int i = 0; i < n; i++) {
            router.call(c -> "ok from " + c, r -> Usage.of(3000, 1000));
        }

        String text = registry.scrape();
        // per call: 0.6 Wh + 1.0 Wh = 1.6 Wh; on SE 40 g/kWh -> 0.064 g; the baseline US-B 300 g/kWh -> 0.48 g
        String euNorth = "model=\"test-model\",provider=\"alpha\",region=\"eu-north\"";
        assertThat(value(text, "carbonbench_emissions_grams_total", "boundary=\"gpu\"," + euNorth))
                .isCloseTo(n * 0.064, within(1e-9));
        assertThat(value(text, "carbonbench_emissions_baseline_grams_total", "boundary=\"gpu\"," + euNorth))
                .isCloseTo(n * 0.48, within(1e-9));
        assertThat(value(text, "carbonbench_tokens_total", euNorth + ",token_type=\"input\"")).isEqualTo(n * 3000.0);
        assertThat(value(text, "carbonbench_tokens_total", euNorth + ",token_type=\"output\"")).isEqualTo(n * 1000.0);
        assertThat(value(text, "carbonbench_calls_total",
                "model=\"test-model\",outcome=\"success\",provider=\"alpha\",region=\"eu-north\"")).isEqualTo(n);
        assertThat(value(text, "carbonbench_failovers_total", euNorth)).isZero();
        // declared but unused: published with zeros from the start
        assertThat(value(text, "carbonbench_emissions_grams_total",
                "boundary=\"gpu\",model=\"test-model\",provider=\"alpha\",region=\"us-west\"")).isZero();
        assertThat(value(text, "carbonbench_grid_intensity_grams_per_kwh", "provenance=\"default\",zone=\"SE\""))
                .isEqualTo(40.0);
        assertThat(value(text, "carbonbench_grid_intensity_grams_per_kwh", "provenance=\"default\",zone=\"US-B\""))
                .isEqualTo(300.0);
        // and they equal the ledger's own totals
        assertThat(router.ledger().total().microgramsCentral()).isEqualTo(n * 64_000L);
    }

    @Test
    void fail_overs_and_exhausted_calls_are_counted_on_the_endpoint_that_failed() {
        CarbonMeters[] meters = new CarbonMeters[1];
        CarbonRouter<String> probe = router(meters);
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).ledger(probe.ledger())
                .endpoint(US_WEST, "us-west").endpoint(EU_NORTH, "eu-north").listener(meters[0]).build();
        meters[0].bindTo(registry);

        failing.add("eu-north");
        router.call(c -> {
            if (failing.contains(c)) {
                throw new IOException("refused by " + c);
            }
            return "ok";
        }, r -> Usage.of(1000, 0));
        failing.add("us-west");
        try {
            router.call(c -> {
                throw new IOException("refused by " + c);
            });
        } catch (RuntimeException expected) {
            // every endpoint failed
        }

        String text = registry.scrape();
        assertThat(value(text, "carbonbench_failovers_total",
                "model=\"test-model\",provider=\"alpha\",region=\"eu-north\"")).isEqualTo(2);
        assertThat(value(text, "carbonbench_calls_total",
                "model=\"test-model\",outcome=\"success\",provider=\"alpha\",region=\"us-west\"")).isEqualTo(1);
        assertThat(value(text, "carbonbench_calls_total",
                "model=\"test-model\",outcome=\"failed\",provider=\"alpha\",region=\"us-west\"")).isEqualTo(1);
        // 1000 input tokens on US-B: 0.2 Wh -> 0.06 g
        assertThat(value(text, "carbonbench_emissions_grams_total",
                "boundary=\"gpu\",model=\"test-model\",provider=\"alpha\",region=\"us-west\""))
                .isCloseTo(0.06, within(1e-9));
    }

    @Test
    void zones_seen_only_in_recorded_calls_get_a_gauge_too() {
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).endpoint(EU_NORTH, "eu-north").build();
        CarbonMeters meters = CarbonMeters.builder(cb).ledger(router.ledger()).build();
        meters.bindTo(registry);
        assertThat(registry.scrape()).doesNotContain("zone=\"SE\"");

        router.call(c -> "ok", r -> Usage.of(10, 10));

        assertThat(value(registry.scrape(), "carbonbench_grid_intensity_grams_per_kwh",
                "provenance=\"default\",zone=\"SE\"")).isEqualTo(40.0);
    }

    @Test
    void a_registry_bound_later_does_not_leave_an_earlier_one_on_an_old_provenance() {
        LiveSe grid = new LiveSe();
        CarbonBench live = carbonBenchBuilder().gridSource(grid).build();
        CarbonMeters meters = CarbonMeters.builder(live).offerings(List.of(EU_NORTH)).build();
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        meters.bindTo(first);
        assertThat(first.find(CarbonMeters.GRID_INTENSITY).tag("zone", "SE").gauge().getId().getTag("provenance"))
                .isEqualTo("default");

        grid.set(40);
        meters.bindTo(second);

        for (SimpleMeterRegistry registry : List.of(first, second)) {
            assertThat(registry.find(CarbonMeters.GRID_INTENSITY).tag("zone", "SE").gauges())
                    .extracting(g -> g.getId().getTag("provenance")).containsExactly("live");
        }
    }

    /** A grid source with a live value for zone SE once {@link #set} (none before), and nothing else. */
    static final class LiveSe extends StubGridSource {
        private final AtomicReference<GridIntensity> se = new AtomicReference<>();

        LiveSe() {
            super("test");
        }

        void set(double gramsPerKwh) {
            se.set(new GridIntensity("SE", gramsPerKwh, CLOCK.instant(), name(), false, Provenance.LIVE));
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            return zone.equals("SE") ? Optional.ofNullable(se.get()) : Optional.empty();
        }
    }

    /** The value of the sample {@code name{labels}} in Prometheus text format; fails when absent. */
    static double value(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s{%s} in%n%s", name, labels, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

}
