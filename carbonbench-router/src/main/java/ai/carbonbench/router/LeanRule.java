package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The framework-neutral part of "leaner answers": above a grid-intensity threshold the caller sets, ask the model
 * to be brief and/or cap its output tokens. The LangChain4j and Spring AI adapters' {@code LeanerAnswers} apply
 * it to their own request types and record the {@link LeanDecision} next to the call's receipt. Whether a shorter
 * answer is still good enough for a task is the caller's judgment: CarbonBench only measures the grams.
 *
 * <p>Immutable and thread-safe.
 */
public final class LeanRule {

    /** The default brevity instruction. */
    public static final String DEFAULT_INSTRUCTION = "Answer as briefly as the question allows: no preamble, no "
            + "restating the question, no summary at the end.";

    private final double thresholdGramsPerKwh;
    private final String instruction;
    private final OptionalInt maxOutputTokens;

    private LeanRule(double thresholdGramsPerKwh, String instruction, OptionalInt maxOutputTokens) {
        this.thresholdGramsPerKwh = thresholdGramsPerKwh;
        this.instruction = instruction;
        this.maxOutputTokens = maxOutputTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double thresholdGramsPerKwh() {
        return thresholdGramsPerKwh;
    }

    /** The brevity instruction added above the threshold; empty when only tokens are capped. */
    public String instruction() {
        return instruction;
    }

    /** The output-token cap applied above the threshold, if any. */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens;
    }

    /**
     * The decision for one call on {@code endpoint}, from its current intensity in {@code carbonBench} (a cached
     * read, no network).
     *
     * @param requestedMaxOutputTokens the call's own max output tokens, or null when it set none
     */
    public LeanDecision decide(CarbonBench carbonBench, OfferingKey endpoint,
            @Nullable Integer requestedMaxOutputTokens) {
        return decide(endpoint, carbonBench.score(endpoint).intensityGramsPerKwh().central(),
                requestedMaxOutputTokens);
    }

    /**
     * The decision for one call on {@code endpoint} at {@code intensityGramsPerKwh}: at or below the threshold
     * nothing changes; above it the instruction is added (when not empty) and max output tokens become the cap,
     * or the call's own lower value.
     */
    public LeanDecision decide(OfferingKey endpoint, double intensityGramsPerKwh,
            @Nullable Integer requestedMaxOutputTokens) {
        if (!(intensityGramsPerKwh > thresholdGramsPerKwh)) {
            return new LeanDecision(endpoint, intensityGramsPerKwh, thresholdGramsPerKwh, false, OptionalInt.empty());
        }
        OptionalInt sent = OptionalInt.empty();
        if (maxOutputTokens.isPresent()) {
            int cap = maxOutputTokens.getAsInt();
            sent = OptionalInt.of(requestedMaxOutputTokens == null ? cap : Math.min(requestedMaxOutputTokens, cap));
        }
        return new LeanDecision(endpoint, intensityGramsPerKwh, thresholdGramsPerKwh, !instruction.isEmpty(), sent);
    }

    /** {@code text} with the instruction appended after a blank line, or the instruction alone for empty text. */
    public String withInstruction(@Nullable String text) {
        return text == null || text.isBlank() ? instruction : text + "\n\n" + instruction;
    }

    @Override
    public String toString() {
        return "above " + thresholdGramsPerKwh + " gCO2e/kWh" + (instruction.isEmpty() ? "" : ", brevity instruction")
                + (maxOutputTokens.isPresent() ? ", max " + maxOutputTokens.getAsInt() + " output tokens" : "");
    }

    /** Builds a {@link LeanRule}. Not thread-safe. Defaults: {@link #DEFAULT_INSTRUCTION}, no token cap. */
    public static final class Builder {
        private @Nullable Double threshold;
        private String instruction = DEFAULT_INSTRUCTION;
        private OptionalInt maxOutputTokens = OptionalInt.empty();

        private Builder() {
        }

        /** Make calls leaner when the serving grid's intensity is above this, gCO2e/kWh. Required. */
        public Builder aboveGramsPerKwh(double threshold) {
            this.threshold = Checks.nonNegative("threshold", threshold);
            return this;
        }

        /** The brevity instruction; empty to only cap tokens. */
        public Builder instruction(String instruction) {
            this.instruction = Objects.requireNonNull(instruction, "instruction").strip();
            return this;
        }

        /** Cap max output tokens at this when above the threshold; at least 1. */
        public Builder maxOutputTokens(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxOutputTokens must be >= 1, was " + max);
            }
            this.maxOutputTokens = OptionalInt.of(max);
            return this;
        }

        /**
         * @throws IllegalStateException when no threshold was set, or neither an instruction nor a cap
         */
        public LeanRule build() {
            if (threshold == null) {
                throw new IllegalStateException("aboveGramsPerKwh(threshold) is required");
            }
            if (instruction.isEmpty() && maxOutputTokens.isEmpty()) {
                throw new IllegalStateException("an empty instruction and no token cap would change nothing");
            }
            return new LeanRule(threshold, instruction, maxOutputTokens);
        }
    }
}
