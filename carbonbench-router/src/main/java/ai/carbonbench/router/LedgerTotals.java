package ai.carbonbench.router;

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
        long microgramsCentral, long microgramsHigh, long baselineMicrograms) implements MicrogramFigures {

    /** No calls. */
    public static final LedgerTotals EMPTY = new LedgerTotals(0, 0, 0, 0, 0, 0, 0);

    /** These totals with one more call, {@code r}, added. */
    public LedgerTotals plus(CallRecord r) {
        return new LedgerTotals(calls + 1, inputTokens + r.inputTokens(), outputTokens + r.outputTokens(),
                microgramsLow + r.microgramsLow(), microgramsCentral + r.microgramsCentral(),
                microgramsHigh + r.microgramsHigh(), baselineMicrograms + r.baselineMicrograms());
    }

    /** Saved grams as a fraction of the baseline; 0 when the baseline is 0. */
    public double savedFraction() {
        return baselineMicrograms == 0 ? 0 : (double) (baselineMicrograms - microgramsCentral) / baselineMicrograms;
    }
}
