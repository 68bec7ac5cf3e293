package ai.carbonbench.core.catalog;

/**
 * Which grid emission factor a number uses. Live and embedded values are always of the same kind so
 * that they can be compared.
 */
public enum EmissionFactor {
    /** Life-cycle emissions: combustion plus upstream (fuel supply, plant construction). The default. */
    LIFECYCLE,
    /** Direct (combustion) emissions only. */
    DIRECT
}
