package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.TokenMix;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class CarbonModelTest {

    private static final double EPS = 1e-9;

    private final CarbonBench bench = Fixtures.benchAtNoon();

    @Test
    void grams_per_million_tokens_are_watt_hours_per_1k_times_grams_per_kwh_times_pue() {
        // 0.04 Wh/1k output × 20 g/kWh × PUE 1.0 = 0.8 g per million output tokens
        Score s = bench.score(OfferingKey.of("cloud", "north-1", "small-8b"));
        assertThat(s.gramsPerMillionOutput()).isEqualTo(new Range(0.4, 0.8, 1.2));
        assertThat(s.gramsPerMillionInput().central()).isCloseTo(0.08, within(EPS));
        // blended 3 input : 1 output
        assertThat(s.gramsPerMillionTokens().central()).isCloseTo(0.75 * 0.08 + 0.25 * 0.8, within(EPS));
        assertThat(s.usdPerMillionTokens()).isCloseTo(0.75 * 0.3 + 0.25 * 0.6, within(EPS));
    }

    @Test
    void pue_multiplies_the_accelerator_energy() {
        Score cloud = bench.score(OfferingKey.of("cloud", "north-1", "small-8b"));
        Score api = bench.score(OfferingKey.of("api", "north-1", "small-8b"));
        assertThat(api.gramsPerMillionOutput().central())
                .isCloseTo(cloud.gramsPerMillionOutput().central() * 1.5, within(EPS));
    }

    @Test
    void the_range_spans_the_energy_range_and_every_plausible_zone() {
        // east-1 maps to Z-DIRTY (400) with alternative Z-ALT (100)
        Score s = bench.score(OfferingKey.of("cloud", "east-1", "small-8b"));
        assertThat(s.intensityGramsPerKwh()).isEqualTo(new Range(100, 400, 400));
        assertThat(s.gramsPerMillionOutput().low()).isCloseTo(0.02 * 100, within(EPS));
        assertThat(s.gramsPerMillionOutput().central()).isCloseTo(0.04 * 400, within(EPS));
        assertThat(s.gramsPerMillionOutput().high()).isCloseTo(0.06 * 400, within(EPS));
    }

    @Test
    void a_cross_region_offering_is_scored_over_every_region_it_may_run_in() {
        // big-70b on cloud/east-1 is served from east-1 (400, alt 100) and north-1 (20): mean 210, range 20..400
        Score s = bench.score(OfferingKey.of("cloud", "east-1", "big-70b"));
        assertThat(s.intensityGramsPerKwh()).isEqualTo(new Range(20, 210, 400));
        assertThat(s.gramsPerMillionOutput().central()).isCloseTo(0.2 * 210, within(EPS));
    }

    @Test
    void the_typical_profile_gives_the_value_of_the_hour() {
        OfferingKey key = OfferingKey.of("cloud", "central-1", "small-8b");
        assertThat(bench.score(key).intensityGramsPerKwh().central()).isEqualTo(100);
        Score midnight = bench.scoreAt(key, Instant.parse("2026-06-01T00:30:00Z"));
        assertThat(midnight.intensityGramsPerKwh().central()).isEqualTo(400);
        assertThat(midnight.at()).isEqualTo(Instant.parse("2026-06-01T00:30:00Z"));
        assertThat(midnight.provenance()).isEqualTo(Provenance.DEFAULT);
    }

    @Test
    void direct_emission_factors_use_the_direct_figures() {
        CarbonBench direct = CarbonBench.builder().catalog(Fixtures.miniCatalog()).boundary(ai.carbonbench.core.score.Boundary.GPU).clock(Fixtures.clockAt(Fixtures.NOON))
                .emissionFactor(EmissionFactor.DIRECT).build();
        assertThat(direct.score(OfferingKey.of("cloud", "north-1", "small-8b")).intensityGramsPerKwh().central())
                .isEqualTo(2);
    }

    @Test
    void per_call_grams_come_from_token_counts() {
        OfferingKey key = OfferingKey.of("cloud", "east-1", "small-8b");
        // 2,000 input tokens × 1.6 g/M + 500 output tokens × 16 g/M = 0.0032 + 0.008 g
        Range grams = bench.grams(key, 2_000, 500);
        assertThat(grams.central()).isCloseTo(0.0032 + 0.008, within(EPS));
        assertThat(grams.low()).isLessThan(grams.central());
        assertThatThrownBy(() -> bench.grams(key, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_intensity_override_replaces_the_grid_value() {
        Score s = bench.scoreWithIntensity(OfferingKey.of("cloud", "east-1", "small-8b"), 50);
        assertThat(s.intensityGramsPerKwh()).isEqualTo(Range.exactly(50));
        assertThat(s.provenance()).isEqualTo(Provenance.OVERRIDE);
        assertThat(s.gramsPerMillionOutput().central()).isCloseTo(2.0, within(EPS));
        assertThatThrownBy(() -> bench.scoreWithIntensity(OfferingKey.of("cloud", "east-1", "small-8b"), Double.NaN))
                .hasMessageContaining("gramsPerKwh");
    }

    @Test
    void the_token_mix_is_configurable() {
        CarbonBench outputOnly = CarbonBench.builder().catalog(Fixtures.miniCatalog()).boundary(ai.carbonbench.core.score.Boundary.GPU)
                .clock(Fixtures.clockAt(Fixtures.NOON)).tokenMix(TokenMix.ratio(0, 1)).build();
        Score s = outputOnly.score(OfferingKey.of("cloud", "north-1", "small-8b"));
        assertThat(s.gramsPerMillionTokens()).isEqualTo(s.gramsPerMillionOutput());
        assertThat(s.usdPerMillionTokens()).isEqualTo(0.6);
    }

    @Test
    void the_launch_example_checks_out() {
        // DESIGN.md: 0.035 Wh/1k × 129 g/kWh ≈ 4.5 g/Mtok
        CarbonBench any = Fixtures.benchAtNoon();
        Score s = any.scoreWithIntensity(OfferingKey.of("cloud", "north-1", "small-8b"), 129);
        assertThat(s.gramsPerMillionOutput().central()).isCloseTo(0.04 * 129, within(EPS));
        assertThat(0.035 * 129).isCloseTo(4.515, within(EPS));
    }
}
