package ai.carbonbench.core.catalog;

/** Whether an energy figure was measured on real hardware or estimated by the catalog's method. */
public enum Basis {
    MEASURED,
    ESTIMATED
}
