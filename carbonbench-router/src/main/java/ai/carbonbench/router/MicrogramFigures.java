package ai.carbonbench.router;

import ai.carbonbench.core.score.Range;

/**
 * Grams of CO2e kept as whole micrograms (one call's in a {@link CallRecord}, a sum of calls' in
 * {@link LedgerTotals}), with the one conversion of those figures to grams. Public so that the conversions can
 * be called reflectively (expression languages, templates): a public method declared in a package-private
 * interface cannot be.
 */
public sealed interface MicrogramFigures permits CallRecord, LedgerTotals {

    long microgramsLow();

    long microgramsCentral();

    long microgramsHigh();

    long baselineMicrograms();

    /** Grams of CO2e with range. */
    default Range grams() {
        return new Range(microgramsLow() / 1e6, microgramsCentral() / 1e6, microgramsHigh() / 1e6);
    }

    /** Central grams had the call(s) gone to the baseline. */
    default double baselineGrams() {
        return baselineMicrograms() / 1e6;
    }

    /** Central grams saved against the baseline; negative when routing emitted more. */
    default double savedGrams() {
        return (baselineMicrograms() - microgramsCentral()) / 1e6;
    }
}
