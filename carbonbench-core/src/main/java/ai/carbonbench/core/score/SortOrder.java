package ai.carbonbench.core.score;

/** Leaderboard orders. Ties break by the other two criteria; an unknown speed sorts last. */
public enum SortOrder {
    /** Lowest gCO2e per million tokens first. */
    CARBON,
    /** Lowest blended USD per million tokens first. */
    COST,
    /** Highest published output tokens per second first. */
    SPEED
}
