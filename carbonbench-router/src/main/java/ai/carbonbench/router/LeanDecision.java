package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a leaner-answers hook ({@link LeanRule}, applied by the LangChain4j and Spring AI adapters' {@code
 * LeanerAnswers}) decided for one call, recorded next to its receipt: whether the endpoint's grid intensity was
 * above the caller's threshold, and if so what was changed in the request.
 *
 * @param endpoint             the endpoint whose intensity was read
 * @param intensityGramsPerKwh its current grid intensity, central gCO2e/kWh
 * @param thresholdGramsPerKwh the caller's threshold
 * @param instructionAdded     whether the brevity instruction was added to the system message
 * @param maxOutputTokens      the max output tokens the request was sent with, when this hook lowered it
 */
public record LeanDecision(OfferingKey endpoint, double intensityGramsPerKwh, double thresholdGramsPerKwh,
        boolean instructionAdded, OptionalInt maxOutputTokens) {

    public LeanDecision {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    }

    /** Whether the request was made leaner. */
    public boolean applied() {
        return instructionAdded || maxOutputTokens.isPresent();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %.4g gCO2e/kWh %s threshold %.4g%s%s", endpoint,
                intensityGramsPerKwh, intensityGramsPerKwh > thresholdGramsPerKwh ? "above" : "at or below",
                thresholdGramsPerKwh, instructionAdded ? "; brevity instruction added" : "",
                maxOutputTokens.isPresent() ? "; max output tokens " + maxOutputTokens.getAsInt() : "");
    }
}
