package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The framework-neutral part of "leaner answers": above a grid-intensity threshold the caller sets, ask the model
 * to be brief and/or cap its output tokens. The LangChain4j and Spring AI adapters' {@code LeanerAnswers} are
 * built by this rule's {@link Builder}, bind it to each wrapped model's offering ({@link #on}), apply the
 * {@link LeanDecision} to their own request types and record it next to the call's receipt. Whether a shorter
 * answer is still good enough for a task is the caller's judgment: CarbonBench only measures the grams.
 *
 * <p>Immutable and thread-safe.
 *
 * @param thresholdGramsPerKwh calls are made leaner when the serving grid is above this, gCO2e/kWh
 * @param instruction          the brevity instruction added above the threshold (stripped); empty when only
 *                             tokens are capped
 * @param maxOutputTokens      the output-token cap applied above the threshold, if any; at least 1
 */
public record LeanRule(double thresholdGramsPerKwh, String instruction, OptionalInt maxOutputTokens) {

    /** The default brevity instruction. */
    public static final String DEFAULT_INSTRUCTION = "Answer as briefly as the question allows: no preamble, no "
            + "restating the question, no summary at the end.";

    public LeanRule {
        Checks.nonNegative("thresholdGramsPerKwh", thresholdGramsPerKwh);
        instruction = Objects.requireNonNull(instruction, "instruction").strip();
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens").ifPresent(LeanRule::checkCap);
    }

    /** A builder of a rule. */
    public static Builder<LeanRule> builder() {
        return builder(Function.identity());
    }

    /**
     * A builder whose {@code build()} hands the rule to {@code factory}: how an adapter's {@code LeanerAnswers}
     * offers the same settings, e.g. {@code LeanRule.builder(LeanerAnswers::new)}.
     */
    public static <T> Builder<T> builder(Function<? super LeanRule, ? extends T> factory) {
        return new Builder<>(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * This rule on {@code offering} of {@code carbonBench}, resolved through its catalog (the model may be an
     * alias): what a wrapped model asks before each call.
     *
     * @throws ai.carbonbench.core.UnknownIdException when the catalog has no such offering
     */
    public Target on(CarbonBench carbonBench, OfferingKey offering) {
        Objects.requireNonNull(carbonBench, "carbonBench");
        return new Target(this, carbonBench, carbonBench.catalog().offering(offering).key());
    }

    /**
     * The decision for one call on {@code endpoint} at {@code intensityGramsPerKwh}: at or below the threshold
     * nothing changes; above it the instruction is added (when not empty) and max output tokens become the cap,
     * or the call's own lower value.
     */
    LeanDecision decide(OfferingKey endpoint, double intensityGramsPerKwh,
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

    private static int checkCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1, was " + max);
        }
        return max;
    }

    /**
     * A {@link LeanRule} on one catalog offering of a {@link CarbonBench}; see {@link LeanRule#on}.
     *
     * @param rule        the rule
     * @param carbonBench whose current intensity of the offering decides
     * @param endpoint    the offering, as the catalog names it
     */
    public record Target(LeanRule rule, CarbonBench carbonBench, OfferingKey endpoint) {

        public Target {
            Checks.nonNull("rule, carbonBench, endpoint", rule, carbonBench, endpoint);
        }

        /**
         * The decision for one call, from the endpoint's current intensity in the CarbonBench (a cached read, no
         * network).
         *
         * @param requestedMaxOutputTokens the call's own max output tokens, or null when it set none
         */
        public LeanDecision decide(@Nullable Integer requestedMaxOutputTokens) {
            return rule.decide(endpoint, carbonBench.score(endpoint).intensityGramsPerKwh().central(),
                    requestedMaxOutputTokens);
        }
    }

    /**
     * Builds a {@link LeanRule}, and hands it to what the builder was made for ({@link #builder(Function)}).
     * Not thread-safe. Defaults: {@link #DEFAULT_INSTRUCTION}, no token cap.
     *
     * @param <T> what {@link #build()} returns
     */
    public static final class Builder<T> {
        private final Function<? super LeanRule, ? extends T> factory;
        private @Nullable Double threshold;
        private String instruction = DEFAULT_INSTRUCTION;
        private OptionalInt maxOutputTokens = OptionalInt.empty();

        private Builder(Function<? super LeanRule, ? extends T> factory) {
            this.factory = factory;
        }

        /** Make calls leaner when the serving grid's intensity is above this, gCO2e/kWh. Required. */
        public Builder<T> aboveGramsPerKwh(double threshold) {
            this.threshold = Checks.nonNegative("threshold", threshold);
            return this;
        }

        /** The brevity instruction; empty to only cap tokens. */
        public Builder<T> instruction(String instruction) {
            this.instruction = Objects.requireNonNull(instruction, "instruction").strip();
            return this;
        }

        /** Cap max output tokens (Spring AI: {@code maxTokens}) at this when above the threshold; at least 1. */
        public Builder<T> maxOutputTokens(int max) {
            this.maxOutputTokens = OptionalInt.of(checkCap(max));
            return this;
        }

        /**
         * @throws IllegalStateException when no threshold was set, or neither an instruction nor a cap (a rule
         *                               that would change nothing)
         */
        public T build() {
            if (threshold == null) {
                throw new IllegalStateException("aboveGramsPerKwh(threshold) is required");
            }
            if (instruction.isEmpty() && maxOutputTokens.isEmpty()) {
                throw new IllegalStateException("an empty instruction and no token cap would change nothing");
            }
            return factory.apply(new LeanRule(threshold, instruction, maxOutputTokens));
        }
    }
}
