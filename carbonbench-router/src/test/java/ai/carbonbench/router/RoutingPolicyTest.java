package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_CENTRAL;
import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.EU_WEST;
import static ai.carbonbench.router.Fixtures.FR_PAR;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static ai.carbonbench.router.Fixtures.UK_LON;
import static ai.carbonbench.router.Fixtures.US_EAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.UnknownIdException;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.CleanestFirst;
import ai.carbonbench.core.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RoutingPolicyTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);

    private CarbonRouter<String> router(RoutingPolicy policy, OfferingKey... keys) {
        CarbonRouter.Builder<String> b = CarbonRouter.<String>builder(cb).clock(clock).policy(policy);
        for (OfferingKey k : keys) {
            b.endpoint(k, k.region());
        }
        return b.build();
    }

    private static List<OfferingKey> order(RoutingDecision d) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(d.chosen()), d.fallbacks().stream())
                .map(RoutingDecision.Option::key).toList();
    }

    @Test
    void routes_to_the_lowest_carbon_endpoint_and_ranks_the_rest_as_fallbacks() {
        RoutingDecision d = router(RoutingPolicy.lowestCarbon(), EU_EAST, US_EAST, EU_NORTH, FR_PAR).select();

        assertThat(order(d)).containsExactly(EU_NORTH, FR_PAR, US_EAST, EU_EAST);
        assertThat(d.chosen().score().gramsPerMillionTokens().central()).isCloseTo(16.0, within(1e-9));
        assertThat(d.chosen().score().provenance()).isEqualTo(Provenance.DEFAULT);
        assertThat(d.chosen().score().usdPerMillionTokens()).isCloseTo(1.0, within(1e-9));
        assertThat(d.tieBroken()).isFalse();
        assertThat(d.reason()).contains("alpha/eu-north/test-model has the lowest carbon: 16.0 g/Mtok")
                .contains("baseline alpha/eu-east/test-model (200.0 g/Mtok): saves 92%");
        assertThat(d.at()).isEqualTo(MIDNIGHT);
    }

    @Test
    void the_baseline_is_the_first_declared_endpoint_for_honest_savings() {
        RoutingDecision d = router(RoutingPolicy.lowestCarbon(), EU_EAST, EU_NORTH).select();

        assertThat(d.baseline().key()).isEqualTo(EU_EAST);
        assertThat(d.baseline().declaredIndex()).isZero();
        assertThat(d.gramsPerMillionTokensSaved()).isCloseTo(200 - 16, within(1e-9));
        assertThat(d.savedFraction()).isCloseTo(0.92, within(1e-9));
    }

    @Test
    void lowest_cost_ranks_by_price_then_carbon() {
        RoutingDecision d = router(RoutingPolicy.builder().lowestCost().build(), EU_NORTH, US_EAST, EU_EAST, FR_PAR)
                .select();

        assertThat(order(d)).containsExactly(EU_EAST, US_EAST, FR_PAR, EU_NORTH);
        assertThat(d.reason()).startsWith("alpha/eu-east/test-model is the cheapest at $0.50/Mtok");
    }

    @Test
    void eu_only_excludes_regions_outside_the_eu_including_the_uk() {
        RoutingDecision d = router(RoutingPolicy.builder().euOnly(true).build(), US_EAST, UK_LON, EU_EAST).select();

        assertThat(order(d)).containsExactly(EU_EAST);
        assertThat(d.baseline().key()).isEqualTo(US_EAST);
        assertThat(d.reason()).contains("beta/uk-lon/test-model (it may run in GB, outside the EU)")
                .contains("alpha/us-east/test-model (it may run in US, outside the EU)");
    }

    @Test
    void allowed_providers_regions_and_countries_restrict_the_candidates() {
        OfferingKey[] all = {EU_NORTH, EU_EAST, FR_PAR, UK_LON, US_EAST};
        assertThat(order(router(RoutingPolicy.builder().provider("beta").build(), all).select()))
                .containsExactly(FR_PAR, UK_LON);
        assertThat(order(router(RoutingPolicy.builder().region("eu-east").region("beta/uk-lon").build(), all)
                .select())).containsExactly(UK_LON, EU_EAST);
        assertThat(order(router(RoutingPolicy.builder().country("pl").country("US").build(), all).select()))
                .containsExactly(US_EAST, EU_EAST);
    }

    @Test
    void price_and_carbon_ceilings_exclude_endpoints() {
        OfferingKey[] all = {EU_NORTH, EU_EAST, FR_PAR, US_EAST};
        assertThat(order(router(RoutingPolicy.builder().maxUsdPerMillionTokens(0.9).build(), all).select()))
                .containsExactly(FR_PAR, US_EAST, EU_EAST);
        RoutingDecision d = router(RoutingPolicy.builder().maxGramsPerMillionTokens(100).build(), all).select();
        assertThat(order(d)).containsExactly(EU_NORTH, FR_PAR);
        assertThat(d.reason()).contains("200.0 g/Mtok exceeds the 100.0 g/Mtok limit");
    }

    @Test
    void constraints_that_exclude_every_endpoint_fail_the_build_and_say_why() {
        assertThatThrownBy(() -> router(RoutingPolicy.builder().euOnly(true).build(), US_EAST, UK_LON))
                .isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("outside the EU")
                .satisfies(e -> assertThat(((NoEndpointAvailableException) e).retriable()).isFalse());
    }

    @Test
    void a_carbon_ceiling_no_endpoint_meets_makes_select_throw() {
        CarbonRouter<String> r = router(RoutingPolicy.builder().maxGramsPerMillionTokens(1).build(), EU_NORTH);

        assertThatThrownBy(r::select).isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("16.0 g/Mtok exceeds the 1.0 g/Mtok limit");
    }

    @Test
    void unknown_endpoints_and_policy_ids_are_rejected_at_build_with_suggestions() {
        assertThatThrownBy(() -> router(RoutingPolicy.lowestCarbon(), OfferingKey.of("alpha", "eu-nort", "test-model")))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("eu-north");
        assertThatThrownBy(() -> router(RoutingPolicy.builder().provider("alpah").build(), EU_NORTH))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> router(RoutingPolicy.lowestCarbon(), EU_NORTH, EU_NORTH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> CarbonRouter.<String>builder(cb).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void model_aliases_are_accepted_and_reported_by_canonical_id() {
        RoutingDecision d = router(RoutingPolicy.lowestCarbon(), OfferingKey.of("alpha", "eu-north", "Test Model 1"))
                .select();

        assertThat(d.chosen().key()).isEqualTo(EU_NORTH);
    }

    @Test
    void overlapping_carbon_ranges_leave_the_lower_central_estimate_first_and_the_decision_says_so() {
        // eu-north: 16 g/Mtok exactly; eu-west: 20 g/Mtok central but its grid may be 30..50 g/kWh -> 12..20.
        // eu-west is cheaper, but price decides only between equal central estimates.
        RoutingDecision d = router(RoutingPolicy.lowestCarbon(), EU_NORTH, EU_WEST, EU_EAST).select();

        assertThat(order(d)).containsExactly(EU_NORTH, EU_WEST, EU_EAST);
        assertThat(d.tieBroken()).isTrue();
        assertThat(d.decidedBy()).contains(ai.carbonbench.core.score.CleanestFirst.Rule.LOWER_CENTRAL);
        assertThat(d.reason()).contains("Rule: lower central estimate; the carbon ranges overlap")
                .contains("alpha/eu-west/test-model 12.0–20.0 g/Mtok")
                .contains("alpha/eu-west/test-model is cheaper at $0.40/Mtok");
    }

    @Test
    void endpoints_of_different_models_are_compared_on_their_full_ranges() {
        OfferingKey other = OfferingKey.of("alpha", "eu-north", "other-model"); // 0.8 kWh/Mtok × 40 = 32 g/Mtok
        RoutingDecision d = router(RoutingPolicy.lowestCarbon(), other, FR_PAR).select();

        // 28.8 (14.4..57.6) and 32 (16..64) overlap once energy uncertainty counts: the lower central value decides.
        assertThat(d.tieBroken()).isTrue();
        assertThat(d.chosen().key()).isEqualTo(FR_PAR);
        assertThat(d.reason()).contains("full ranges, energy uncertainty included");
    }

    @Test
    void weighted_policy_uses_observed_latency() {
        CarbonRouter<String> r = router(RoutingPolicy.builder().weighted(1, 0, 3).build(), EU_NORTH, FR_PAR);
        assertThat(r.select().chosen().key()).isEqualTo(EU_NORTH);

        // eu-north answers in 900 ms, fr-par in 100 ms; latency outweighs carbon 3:1.
        r.call(c -> {
            clock.advance(Duration.ofMillis(900));
            return c;
        });
        // Latency is sampled when the ranking is recomputed (refresh interval, hour, health or refresh()).
        assertThat(r.select().chosen().observedLatencyMillis()).isEmpty();
        r.refresh();
        // fr-par has no latency yet: optimistic, so it is tried.
        assertThat(r.select().chosen().key()).isEqualTo(FR_PAR);
        assertThat(r.select().fallbacks().get(0).observedLatencyMillis()).hasValue(900);
        assertThat(r.select().reason()).contains("no latency observed yet");
        r.call(c -> {
            clock.advance(Duration.ofMillis(100));
            return c;
        });
        r.refresh();
        RoutingDecision d = r.select();
        assertThat(d.chosen().key()).isEqualTo(FR_PAR);
        assertThat(d.chosen().observedLatencyMillis()).hasValue(100);
        assertThat(d.reason()).contains("best weighted score (carbon 1, cost 0, latency 3");
    }

    @Test
    void select_returns_the_same_decision_until_the_ranking_changes() {
        CarbonRouter<String> r = router(RoutingPolicy.lowestCarbon(), EU_EAST, EU_NORTH);
        RoutingDecision first = r.select();
        clock.advance(Duration.ofSeconds(30));

        assertThat(r.select()).isSameAs(first);
        clock.advance(Duration.ofSeconds(31));
        assertThat(r.select()).isNotSameAs(first);
    }

    /**
     * With the system clock, expiry is signalled by the shared timer thread instead of a clock read per call,
     * so this one test runs in real time (a 100 ms refresh interval, polled for up to 10 s).
     */
    @Test
    void with_the_system_clock_the_ranking_still_expires_after_the_refresh_interval() throws Exception {
        CarbonRouter<String> r = CarbonRouter.<String>builder(Fixtures.carbonBench(Clock.systemUTC()))
                .refreshInterval(Duration.ofMillis(100)).endpoint(EU_EAST, "EU_EAST").endpoint(EU_NORTH, "EU_NORTH")
                .build();
        RoutingDecision first = r.select();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        RoutingDecision later = first;
        while (later == first && System.nanoTime() < deadline) {
            Thread.sleep(20);
            later = r.select();
        }
        assertThat(later).isNotSameAs(first);
        assertThat(Duration.between(first.at(), later.at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(later.chosen().key()).isEqualTo(EU_NORTH);
    }

    @Test
    void only_the_system_clock_is_trusted_to_move_in_real_time() {
        assertThat(ExpiryTimer.tracks(Clock.systemUTC())).isTrue();
        assertThat(ExpiryTimer.tracks(Clock.systemDefaultZone())).isTrue();
        assertThat(ExpiryTimer.tracks(clock)).isFalse();
        // A fixed offset of the system clock moves in real time too.
        assertThat(ExpiryTimer.tracks(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))).isTrue();
        assertThat(ExpiryTimer.tracks(Clock.offset(clock, Duration.ofHours(1)))).isFalse();
    }

    @Test
    void the_ranking_follows_the_grid_when_the_hour_changes() {
        CarbonRouter<String> r = router(RoutingPolicy.lowestCarbon(), UK_LON, EU_CENTRAL);
        clock.set(MIDNIGHT.plus(Duration.ofHours(9)).plusSeconds(3590));
        r.refresh();
        assertThat(r.select().chosen().key()).isEqualTo(UK_LON); // DE 300 -> 120 > 96

        clock.advance(Duration.ofSeconds(10)); // 10:00, DE dips to 100 -> 40
        RoutingDecision d = r.select();
        assertThat(d.chosen().key()).isEqualTo(EU_CENTRAL);
        assertThat(d.chosen().score().gramsPerMillionTokens().central()).isCloseTo(40, within(1e-9));
    }

    @Test
    void comparable_ranges_stay_valid_despite_floating_point_rounding() {
        // Found by RouterBenchmark: 249.92 × 568 / 568 rounds to 249.92000000000002.
        for (int tenths = 1; tenths <= 10_000; tenths++) {
            double intensity = tenths / 10.0;
            Ranker.Candidate c = new Ranker.Candidate(0, EU_NORTH, cb.scoreWithIntensity(EU_NORTH, intensity),
                    java.util.OptionalDouble.empty());
            assertThat(CleanestFirst.intensityOnly(c.score()).central()).isEqualTo(c.carbon());
        }
    }
}
