package ai.carbonbench.router;

import ai.carbonbench.core.score.Range;

/**
 * Totals of a set of recorded calls (all of them, or one model, provider, region or day). Exact sums of
 * the {@link CallRecord}s' integer fields. Immutable.
 *
 * @param calls              calls recorded
 * @param inputTokens        prompt tokens
 * @param outputTokens       generated tokens
 * @param microgramsLow      sum of the low estimates, µg CO2e
 * @param microgramsCentral  sum of the central estimates, µg CO2e
 * @param microgramsHigh     sum of the high estimates, µg CO2e
 * @param baselineMicrograms sum of what the baseline would have emitted, µg CO2e
 */
public record LedgerTotals(long calls, long inputTokens, long outputTokens, long microgramsLow,
        long microgramsCentral, long microgramsHigh, long baselineMicrograms) {

    /** No calls. */
    public static final LedgerTotals EMPTY = new LedgerTotals(0, 0, 0, 0, 0, 0, 0);

    /** Grams of CO2e with range. */
    public Range grams() {
        return new Range(microgramsLow / 1e6, microgramsCentral / 1e6, microgramsHigh / 1e6);
    }

    public double baselineGrams() {
        return baselineMicrograms / 1e6;
    }

    /** Central grams saved against the baseline; negative when routing emitted more. */
    public double savedGrams() {
        return (baselineMicrograms - microgramsCentral) / 1e6;
    }

    /** Saved grams as a fraction of the baseline; 0 when the baseline is 0. */
    public double savedFraction() {
        return baselineMicrograms == 0 ? 0 : (double) (baselineMicrograms - microgramsCentral) / baselineMicrograms;
    }
}
