package ai.carbonbench.core.catalog;

import java.util.Optional;

/**
 * Energy a model spends per 1,000 tokens on its reference hardware: accelerator energy only, no
 * data-centre overhead (the provider's PUE is applied when scoring).
 *
 * @param outputWhPer1kTokens central value for generated (output) tokens, Wh per 1,000 tokens
 * @param lowWhPer1kTokens    low end of the output figure
 * @param highWhPer1kTokens   high end of the output figure
 * @param inputWhPer1kTokens  prompt (prefill) tokens, Wh per 1,000 tokens, by the catalog's input method
 * @param basis               measured or estimated
 * @param hardware            reference hardware and serving set-up
 * @param method              the catalog method id, for estimated figures
 * @param source              where the figure comes from
 * @param note                anything a reader must know about this figure
 */
public record EnergyProfile(
        double outputWhPer1kTokens,
        double lowWhPer1kTokens,
        double highWhPer1kTokens,
        double inputWhPer1kTokens,
        Basis basis,
        String hardware,
        Optional<String> method,
        Source source,
        Optional<String> note) {

    public EnergyProfile {
        Checks.positive("outputWhPer1kTokens", outputWhPer1kTokens);
        Checks.positive("lowWhPer1kTokens", lowWhPer1kTokens);
        Checks.positive("highWhPer1kTokens", highWhPer1kTokens);
        Checks.nonNegative("inputWhPer1kTokens", inputWhPer1kTokens);
        if (lowWhPer1kTokens > outputWhPer1kTokens || outputWhPer1kTokens > highWhPer1kTokens) {
            throw new IllegalArgumentException("expected low <= output <= high, was " + lowWhPer1kTokens + " / "
                    + outputWhPer1kTokens + " / " + highWhPer1kTokens);
        }
        Checks.nonNull("basis, hardware, method, source, note", basis, hardware, method, source, note);
    }

    /** Input energy scaled like the output range: the same relative uncertainty applies to prefill. */
    public double inputLowWhPer1kTokens() {
        return inputWhPer1kTokens * lowWhPer1kTokens / outputWhPer1kTokens;
    }

    /** Input energy at the high end of the range; see {@link #inputLowWhPer1kTokens()}. */
    public double inputHighWhPer1kTokens() {
        return inputWhPer1kTokens * highWhPer1kTokens / outputWhPer1kTokens;
    }
}
