package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Closed models (architecture not public) are triangulated: each lists its independent anchors, the
 * EcoLogits anchor is what EcoLogits' own method gives (recomputed here from its published constants),
 * the range covers every anchor and the central value is their geometric mean.
 */
final class ClosedModelAnchorsTest {

    // EcoLogits' GPU energy model, ecologits/impacts/llm.py @2d0a1c7 (ecologits_llm_constants.csv)
    private static final double ALPHA = 1.1665273170451914e-06;
    private static final double BETA = -0.011205921025579175;
    private static final double GAMMA = 4.052928146734005e-05;

    private final Catalog catalog = Catalog.embedded();
    private final JsonNode models = catalog.tree().path("models");

    private List<JsonNode> closed() {
        List<JsonNode> out = new ArrayList<>();
        models.forEach(m -> {
            if (!catalog.model(m.path("id").asText()).parameters().disclosed()) {
                out.add(m);
            }
        });
        return out;
    }

    /** EcoLogits' GPU-only Wh per 1,000 output tokens: GPUs for 16-bit weights + 20 %, power of two; batch 64. */
    private static double ecologits(double active, double total) {
        int gpus = Integer.highestOneBit((int) Math.ceil(1.2 * total * 2 / 80) * 2 - 1);
        return 1000 * gpus * (ALPHA * Math.exp(BETA * 64) * active + GAMMA);
    }

    @Test
    void every_closed_model_has_our_fit_and_ecologits_as_anchors() {
        List<JsonNode> closed = closed();
        assertThat(closed).hasSizeGreaterThanOrEqualTo(25);
        for (JsonNode m : closed) {
            List<String> kinds = new ArrayList<>();
            m.path("energy").path("anchors").forEach(a -> kinds.add(a.path("kind").asText()));
            assertThat(kinds).as(m.path("id").asText()).contains("carbonbench-fit", "ecologits");
            assertThat(m.path("energy").path("method").asText()).isEqualTo("closed-anchors-v1");
        }
    }

    @Test
    void the_ecologits_anchor_is_what_ecologits_method_gives() {
        for (JsonNode m : closed()) {
            Parameters p = catalog.model(m.path("id").asText()).parameters();
            Parameters.Bounds active = p.assumedActiveBillions().orElseThrow();
            Parameters.Bounds total = p.assumedTotalBillions().orElse(active);
            for (JsonNode a : m.path("energy").path("anchors")) {
                if (a.path("kind").asText().equals("ecologits")) {
                    double low = ecologits(active.low(), total.low());
                    double high = ecologits(active.high(), total.high());
                    assertThat(a.path("low").asDouble()).as(m.path("id").asText()).isCloseTo(low, within(low * 1e-3));
                    assertThat(a.path("high").asDouble()).as(m.path("id").asText()).isCloseTo(high, within(high * 1e-3));
                }
            }
        }
    }

    @Test
    void each_closed_models_range_covers_each_anchor_and_its_central_is_their_geometric_mean() {
        for (JsonNode m : closed()) {
            String id = m.path("id").asText();
            EnergyProfile e = catalog.model(id).energy();
            double logSum = 0;
            int n = 0;
            for (JsonNode a : m.path("energy").path("anchors")) {
                String what = id + " / " + a.path("kind").asText();
                assertThat(a.path("low").asDouble()).as(what).isLessThanOrEqualTo(a.path("central").asDouble());
                assertThat(a.path("central").asDouble()).as(what).isLessThanOrEqualTo(a.path("high").asDouble());
                assertThat(e.lowWhPer1kTokens()).as(what + " low").isLessThanOrEqualTo(a.path("low").asDouble());
                assertThat(e.highWhPer1kTokens()).as(what + " high").isGreaterThanOrEqualTo(a.path("high").asDouble());
                logSum += Math.log(a.path("central").asDouble());
                n++;
            }
            assertThat(e.outputWhPer1kTokens()).as(id).isCloseTo(Math.exp(logSum / n), within(e.outputWhPer1kTokens() * 1e-3));
        }
    }

    @Test
    void claude_3_opus_now_overlaps_ecologits() {
        // 0.1 reported 1.06–8.27 against EcoLogits' 9.9–24.5: the ranges did not meet.
        EnergyProfile e = catalog.model("claude-3-opus").energy();
        assertThat(e.highWhPer1kTokens()).isGreaterThanOrEqualTo(ecologits(600, 2000) * 0.999);
        assertThat(e.lowWhPer1kTokens()).isLessThanOrEqualTo(ecologits(200, 2000));
    }
}
