package ai.carbonbench.core.catalog;

import java.util.Locale;

/** Where an output speed comes from; the JSON form is the lower-case, dashed name ({@code measured-reference}). */
public enum SpeedBasis {
    /** Measured by a benchmark on reference hardware (e.g. ML.ENERGY on H100), not on the provider's own service. */
    MEASURED_REFERENCE,
    /** Stated by the provider (e.g. Groq's model page); not independently measured. */
    VENDOR_STATED,
    /** Measured on the provider's service by a third party whose terms allow shipping the figure. */
    THIRD_PARTY_MEASURED,
    /** Measured by this application's own calls (see {@code ObservedSpeeds}); beats every catalog figure. */
    OBSERVED;

    /** The JSON form, e.g. {@code measured-reference}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the JSON form (or the enum name), ignoring case. */
    static SpeedBasis fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
