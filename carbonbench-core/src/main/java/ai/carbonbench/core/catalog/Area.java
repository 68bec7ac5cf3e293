package ai.carbonbench.core.catalog;

/** Broad geography of a region, for filtering and display. */
public enum Area {
    US,
    EU,
    APAC,
    OTHER
}
