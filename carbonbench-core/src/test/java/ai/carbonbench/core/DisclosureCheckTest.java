package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EnergyProfile;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Boundary;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider disclosures as checks (docs/data.md §3.7). Each disclosure is a per-prompt figure; ours for
 * the nearest model is computed at the same boundary and the same assumed lengths, through the scorer
 * where an offering exists (at 1,000 gCO2e/kWh grams equal Wh), and must lie within the documented
 * factor. The disclosure figures are quoted from disclosures/provider_disclosures_excerpts.md.
 */
final class DisclosureCheckTest {

    private static final Logger LOG = LoggerFactory.getLogger(DisclosureCheckTest.class);

    /** Microsoft's simulation lengths, the only published ones; used for every per-prompt disclosure. */
    private static final long INPUT = 500;
    private static final long OUTPUT = 300;

    private final Catalog catalog = Catalog.embedded();
    private final CarbonBench server = CarbonBench.builder().boundary(Boundary.SERVER).build();

    /** Server-boundary Wh for one prompt on this offering, through the scorer: at 1,000 g/kWh, grams are Wh. */
    private double whPerPrompt(OfferingKey key, long in, long out) {
        return server.scoreWithIntensity(key, 1000).gramsFor(in, out).central();
    }

    private static double ratio(double ours, double theirs) {
        double r = ours / theirs;
        LOG.info("ours {} vs disclosed {}: ratio {}", String.format("%.4g", ours), theirs, String.format("%.3f", r));
        return r;
    }

    @Test
    void openai_average_chatgpt_query_against_gpt_4o_on_azure() {
        // "the average query uses about 0.34 watt-hours" (Altman, June 2025); ChatGPT's default model then: GPT-4o.
        double ours = whPerPrompt(OfferingKey.of("azure-openai", "eastus", "gpt-4o"), INPUT, OUTPUT);
        // documented factor 2.5: no model, length or PUE stated; the average mixes in smaller models
        assertThat(ratio(ours, 0.34)).isBetween(1 / 2.5, 2.5);
    }

    @Test
    void microsoft_median_for_a_large_model_on_h100_against_llama_3_1_405b() {
        // median 0.31 Wh, range 0.16–0.60 Wh "depending on the length of the query, the LLM used, and datacenter
        // specifications"; >200B model on 8x H100, 500 input and a median of 300 output tokens, PUE 1.05–1.6.
        Model m = catalog.model("llama-3.1-405b");
        EnergyProfile e = m.energy();
        double serverFactor = catalog.method("boundary-v1").orElseThrow().require("server.factor");
        double pue = Math.sqrt(1.05 * 1.6);
        double ours = (e.outputWhPer1kTokens() * OUTPUT + e.inputWhPer1kTokens() * INPUT) / 1000 * serverFactor * pue;
        // documented factor 3 on the median: the study serves FP8 with TensorRT-LLM at large dynamic batches
        assertThat(ratio(ours, 0.31)).isBetween(1 / 3.0, 3.0);
        // and within 1.5x of the top of its stated range
        assertThat(ours).isLessThan(0.60 * 1.5);
    }

    @Test
    void mistral_large_2_life_cycle_response_against_our_lifecycle_boundary() {
        // 1.14 gCO2e for a 400-token Le Chat response, life-cycle incl. hardware, location-based (Mistral, July 2025).
        // Mistral serves from Sweden in EcoLogits' provider table; our SE zone, life-cycle factor, PUE 1.16 (EcoLogits).
        Model m = catalog.model("mistral-large-2407");
        EnergyProfile e = m.energy();
        var boundary = catalog.method("boundary-v1").orElseThrow();
        double gramsPerKwh = catalog.zone("SE").annual().lifecycleGramsPerKwh();
        double gpuKwh = (e.outputWhPer1kTokens() * 400 + e.inputWhPer1kTokens() * INPUT) / 1e6;
        double ours = gpuKwh * (boundary.require("server.factor") * 1.16 * gramsPerKwh
                + boundary.require("lifecycle.embodiedGramsPerGpuKwh"));
        // documented factor 40: no bottom-up estimate in any source reaches Mistral's figure (docs/data.md §3.7);
        // even 1.8 Wh per response on a 50 g/kWh grid gives 0.09 g. Ours must stay below theirs.
        double r = ratio(ours, 1.14);
        assertThat(r).isBetween(1 / 40.0, 1.0);
    }

    @Test
    void google_median_gemini_prompt_against_any_gemini_model_in_the_catalog() {
        // 0.24 Wh full stack, 0.10 Wh accelerators only; TPU serving. Checked where the catalog has a Gemini model.
        // The median prompt is a fleet median over Gemini Apps traffic, which the Flash tier serves by default: the
        // Flash models are the nearest and must land within 4x; Pro is a larger model that costs more than the
        // median prompt, so it must not land below it by more than that factor (docs/data.md, disclosure table).
        var gemini = catalog.offerings().stream().filter(o -> o.model().id().startsWith("gemini")).toList();
        assertThat(gemini).isNotEmpty();
        for (var o : gemini) {
            double ours = whPerPrompt(o.key(), INPUT, OUTPUT);
            if (o.model().id().contains("flash")) {
                assertThat(ratio(ours, 0.24)).as(o.key().toString()).isBetween(1 / 4.0, 4.0);
            } else {
                assertThat(ratio(ours, 0.24)).as(o.key().toString()).isGreaterThan(1 / 4.0);
            }
        }
        // Google's split is what the SERVER boundary is built from: accelerator share 58 % of 0.24 Wh
        double accelerator = 0.24 * 58 / 100;
        double serverFactor = catalog.method("boundary-v1").orElseThrow().require("server.factor");
        assertThat(accelerator * serverFactor / 0.24).isBetween(0.92, 0.94); // the 8 % overhead is left to the PUE
    }
}
