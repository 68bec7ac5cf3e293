package ai.carbonbench.core.grid;

/** How much to trust an intensity value: where it came from and how fresh it is. */
public enum Provenance {
    /** A live reading from a grid-data API, within the freshness limit. */
    LIVE,
    /** A forecast for the time it applies to. */
    FORECAST,
    /** A past reading (history) for the time it applies to. */
    HISTORY,
    /** A live reading older than the freshness limit, still the best value known. */
    STALE,
    /** The embedded annual average or typical 24-hour profile. */
    DEFAULT,
    /** A value the caller supplied. */
    OVERRIDE;

    /**
     * How far the value can be trusted, higher is better: a caller's override and a live reading 4, a
     * forecast or history point 3, a stale reading 2, the embedded default 1. The one trust ranking of
     * the SDK: every place that reports the weakest provenance among several values uses it.
     */
    int trust() {
        return switch (this) {
            case OVERRIDE, LIVE -> 4;
            case FORECAST, HISTORY -> 3;
            case STALE -> 2;
            case DEFAULT -> 1;
        };
    }

    /** The less trustworthy of the two ({@code a} on a tie). */
    public static Provenance weakest(Provenance a, Provenance b) {
        return a.trust() <= b.trust() ? a : b;
    }
}
