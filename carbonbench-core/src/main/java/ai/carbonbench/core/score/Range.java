package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;

/**
 * A central value with its low–high range, {@code low <= central <= high}, all finite and
 * non-negative. Every carbon figure CarbonBench returns carries one.
 */
public record Range(double low, double central, double high) {

    public Range {
        check("low", low);
        check("central", central);
        check("high", high);
        if (low > central || central > high) {
            throw new IllegalArgumentException("expected low <= central <= high, was " + low + " / " + central
                    + " / " + high);
        }
    }

    private static void check(String field, double v) {
        Checks.nonNegative(field, v);
    }

    /** A range of zero width. */
    public static Range exactly(double value) {
        return new Range(value, value, value);
    }

    public Range times(double factor) {
        return new Range(low * factor, central * factor, high * factor);
    }

    public Range plus(Range other) {
        return new Range(low + other.low, central + other.central, high + other.high);
    }

    /** Whether the two ranges share any value: then neither is clearly lower than the other. */
    public boolean overlaps(Range other) {
        return low <= other.high && other.low <= high;
    }
}
