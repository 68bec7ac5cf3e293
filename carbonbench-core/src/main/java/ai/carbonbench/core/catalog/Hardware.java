package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * The hardware an offering is believed to run on, and what that means for its energy figure.
 * Providers rarely publish it per model; {@link #detail()} says what is known.
 *
 * @param kind        the accelerator family
 * @param detail      what is known, in words
 * @param energyBasis whether the energy figure was measured on this hardware, is an H100 proxy, or an estimate
 */
public record Hardware(Kind kind, String detail, EnergyBasis energyBasis) {

    /** Accelerator families. */
    public enum Kind { GPU, TPU, LPU, TRAINIUM, UNKNOWN;

        /** Whether the catalog's H100 figures describe this family only by proxy (no per-token measurement exists). */
        public boolean nonGpu() {
            return this == TPU || this == LPU || this == TRAINIUM;
        }
    }

    /** How an offering's energy figure relates to its hardware. */
    public enum EnergyBasis {
        /** An H100 measurement of the model, and the offering runs on NVIDIA GPUs. */
        MEASURED,
        /** An H100 figure used for other or unknown hardware. */
        PROXY,
        /** The model's figure is itself an estimate. */
        ESTIMATED
    }

    public Hardware {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(energyBasis, "energyBasis");
        if (kind.nonGpu() && energyBasis == EnergyBasis.MEASURED) {
            throw new IllegalArgumentException("no per-token measurement exists for " + kind
                    + ": its energyBasis must be proxy or estimated, was measured");
        }
    }

    /** What a catalog that does not state the hardware implies: unknown, so a measured model is only a proxy. */
    static Hardware unstated(Basis modelBasis) {
        return new Hardware(Kind.UNKNOWN, "not stated",
                modelBasis == Basis.MEASURED ? EnergyBasis.PROXY : EnergyBasis.ESTIMATED);
    }
}
