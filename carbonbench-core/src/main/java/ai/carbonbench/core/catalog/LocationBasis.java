package ai.carbonbench.core.catalog;

/** How a provider's serving location is known. */
public enum LocationBasis {
    /** The caller picks a cloud region; the provider discloses where it is. */
    DISCLOSED,
    /** Not disclosed, but inferred from public information; the assumed zone is documented. */
    INFERRED,
    /** Not known; an assumed zone with a wide range stands in. */
    UNKNOWN
}
