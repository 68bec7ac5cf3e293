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
    OVERRIDE
}
