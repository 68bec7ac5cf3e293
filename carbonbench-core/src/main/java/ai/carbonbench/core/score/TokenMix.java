package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;

/**
 * How input and output tokens are blended into one "per million tokens" figure, for carbon and price
 * alike. The default is {@link #DEFAULT} = 3 input tokens per output token, the ratio most price
 * comparisons use for chat workloads.
 *
 * @param inputShare fraction of tokens that are input (prompt) tokens, 0..1
 */
public record TokenMix(double inputShare) {

    /** 3:1 input:output. */
    public static final TokenMix DEFAULT = ratio(3, 1);

    public TokenMix {
        Checks.within("inputShare", inputShare, 0, 1);
    }

    /** {@code input} input tokens for every {@code output} output tokens, e.g. {@code ratio(3, 1)}. */
    public static TokenMix ratio(double input, double output) {
        Checks.nonNegative("input", input);
        Checks.nonNegative("output", output);
        if (input + output == 0) {
            throw new IllegalArgumentException("ratio needs parts that are not both zero; was " + input + ":" + output);
        }
        return new TokenMix(input / (input + output));
    }

    public double outputShare() {
        return 1 - inputShare;
    }

    /** Blends a per-input-token and a per-output-token figure. */
    public double blend(double perInput, double perOutput) {
        return inputShare * perInput + (1 - inputShare) * perOutput;
    }

    public Range blend(Range perInput, Range perOutput) {
        return perInput.times(inputShare).plus(perOutput.times(1 - inputShare));
    }

    @Override
    public String toString() {
        return "TokenMix[input " + Math.round(inputShare * 100) + "%, output " + Math.round(outputShare() * 100) + "%]";
    }
}
