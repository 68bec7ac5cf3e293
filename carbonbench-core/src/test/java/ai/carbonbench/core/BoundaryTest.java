package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Hardware;
import ai.carbonbench.core.catalog.Method;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accounting boundaries: what each adds to the accelerator energy, checked on every offering. */
final class BoundaryTest {

    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    private final Catalog catalog = Catalog.embedded();
    private final Method method = catalog.method("boundary-v1").orElseThrow();

    private List<Score> board(Boundary boundary) {
        return CarbonBench.builder().clock(Fixtures.clockAt(NOON)).boundary(boundary).build()
                .leaderboard(LeaderboardQuery.builder().at(NOON).build());
    }

    @Test
    void the_default_boundary_is_server_and_every_score_states_its_boundary() {
        CarbonBench cb = CarbonBench.builder().clock(Fixtures.clockAt(NOON)).build();
        assertThat(cb.boundary()).isEqualTo(Boundary.SERVER);
        assertThat(board(Boundary.SERVER)).allMatch(s -> s.boundary() == Boundary.SERVER);
        assertThat(board(Boundary.LIFECYCLE)).allMatch(s -> s.boundary() == Boundary.LIFECYCLE);
    }

    @Test
    void gpu_is_the_accelerator_energy_times_pue_times_intensity() {
        for (Score s : board(Boundary.GPU)) {
            Offering o = s.offering();
            double expected = o.model().energy().outputWhPer1kTokens() * o.provider().pue()
                    * s.intensityGramsPerKwh().central();
            assertThat(s.gramsPerMillionOutput().central()).as(o.key().toString()).isCloseTo(expected,
                    within(expected * 1e-12));
        }
    }

    @Test
    void server_lands_between_1_3_and_3_times_gpu_and_lifecycle_at_least_server() {
        List<Score> gpu = board(Boundary.GPU);
        List<Score> server = board(Boundary.SERVER);
        List<Score> lifecycle = board(Boundary.LIFECYCLE);
        assertThat(gpu).hasSameSizeAs(server).hasSameSizeAs(lifecycle).hasSizeGreaterThan(200);
        for (int i = 0; i < gpu.size(); i++) {
            Score g = gpu.get(i);
            Score s = server.stream().filter(x -> x.offering().key().equals(g.offering().key())).findFirst().orElseThrow();
            Score l = lifecycle.stream().filter(x -> x.offering().key().equals(g.offering().key())).findFirst()
                    .orElseThrow();
            double ratio = s.gramsPerMillionTokens().central() / g.gramsPerMillionTokens().central();
            assertThat(ratio).as(g.offering().key().toString()).isBetween(1.3, 3.0);
            assertThat(l.gramsPerMillionTokens().central()).isGreaterThanOrEqualTo(s.gramsPerMillionTokens().central());
            assertThat(l.gramsPerMillionTokens().low()).isGreaterThanOrEqualTo(s.gramsPerMillionTokens().low());
        }
    }

    @Test
    void the_server_factor_is_googles_split_without_its_overhead_share() {
        // 58 % accelerator, 25 % host, 10 % idle, 8 % data-centre overhead (which the PUE already counts)
        assertThat(method.require("server.factor")).isCloseTo((58.0 + 25 + 10) / 58, within(5e-4));
        // EcoLogits' server model, from its published constants, lands a few per cent above for every size
        for (double active : new double[] {3, 8, 70, 132, 600}) {
            double fe = 1.1665273170451914e-06 * Math.exp(-0.011205921025579175 * 64) * active + 4.052928146734005e-05;
            double latency = 0.0006785088094353663 * active + 0.0003119310311688259 * 64 + 0.019473717579473387;
            double serverWh = latency / 3600 * 1200 / 8 / 64;
            double eco = 1 + serverWh / fe;
            assertThat(eco / method.require("server.factor")).as("Pa " + active).isBetween(1.0, 1.12);
        }
    }

    @Test
    void the_embodied_constant_follows_from_its_stated_inputs() {
        double kg = method.require("lifecycle.gpuEmbodiedKg")
                + method.require("lifecycle.serverEmbodiedKg") / method.require("lifecycle.gpusPerServer");
        double lifetimeKwh = method.require("lifecycle.lifetimeHours") * method.require("lifecycle.utilisation")
                * method.require("lifecycle.gpuPowerKw");
        assertThat(kg).isCloseTo(164 + 5700.0 / 8, within(1e-9));
        assertThat(method.require("lifecycle.lifetimeHours")).isEqualTo(3 * 365 * 24.0);
        assertThat(method.require("lifecycle.embodiedGramsPerGpuKwh")).isCloseTo(kg * 1000 / lifetimeKwh,
                within(0.05));
    }

    @Test
    void lifecycle_adds_embodied_grams_that_do_not_depend_on_the_grid() {
        CarbonBench server = CarbonBench.builder().clock(Fixtures.clockAt(NOON)).boundary(Boundary.SERVER).build();
        CarbonBench lifecycle = CarbonBench.builder().clock(Fixtures.clockAt(NOON)).boundary(Boundary.LIFECYCLE).build();
        OfferingKey key = OfferingKey.of("aws-bedrock", "us-west-2", "llama-3.1-70b");
        double embodied = method.require("lifecycle.embodiedGramsPerGpuKwh");
        double e = catalog.model("llama-3.1-70b").energy().outputWhPer1kTokens();
        for (double intensity : new double[] {0, 50, 500}) {
            double diff = lifecycle.scoreWithIntensity(key, intensity).gramsPerMillionOutput().central()
                    - server.scoreWithIntensity(key, intensity).gramsPerMillionOutput().central();
            assertThat(diff).isCloseTo(e * embodied, within(1e-9));
        }
    }

    @Test
    void no_lpu_or_tpu_offering_carries_a_measured_figure_and_their_range_is_wider() {
        List<Score> scores = board(Boundary.GPU);
        assertThat(scores).filteredOn(s -> s.offering().provider().id().equals("groq")).isNotEmpty()
                .allMatch(s -> s.offering().hardware().kind() == Hardware.Kind.LPU);
        for (Score s : scores) {
            Hardware h = s.offering().hardware();
            if (h.kind().nonGpu()) {
                assertThat(h.energyBasis()).as(s.offering().key().toString()).isNotEqualTo(Hardware.EnergyBasis.MEASURED);
                double e = s.offering().model().energy().highWhPer1kTokens();
                double expected = e * 2.0 * s.offering().provider().pue() * s.intensityGramsPerKwh().high();
                assertThat(s.gramsPerMillionOutput().high()).isCloseTo(expected, within(expected * 1e-9));
            }
            if (h.energyBasis() == Hardware.EnergyBasis.MEASURED) {
                assertThat(h.kind()).isEqualTo(Hardware.Kind.GPU);
            }
        }
        assertThatThrownBy(() -> new Hardware(Hardware.Kind.TPU, "x", Hardware.EnergyBasis.MEASURED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TPU");
    }

    @Test
    void ids_parse_case_insensitively_and_unknown_ids_name_the_valid_ones() {
        assertThat(Boundary.of("GPU")).isEqualTo(Boundary.GPU);
        assertThat(Boundary.of("server")).isEqualTo(Boundary.SERVER);
        assertThat(Boundary.LIFECYCLE.id()).isEqualTo("lifecycle");
        assertThatThrownBy(() -> Boundary.of("rack")).hasMessageContaining("gpu, server or lifecycle");
    }
}
