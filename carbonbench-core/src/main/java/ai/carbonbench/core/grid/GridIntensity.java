package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * Carbon intensity of a grid zone at a point in time.
 *
 * @param zone        Electricity Maps zone key
 * @param gramsPerKwh gCO2e per kWh
 * @param at          the time the value applies to (start of its interval)
 * @param source      who produced it, e.g. {@code electricitymaps}, {@code carbonintensity.org.uk}, {@code catalog}
 * @param estimated   whether the data provider marked the value as estimated
 * @param provenance  how fresh and how direct the value is
 */
public record GridIntensity(String zone, double gramsPerKwh, Instant at, String source, boolean estimated,
        Provenance provenance) {

    public GridIntensity {
        Objects.requireNonNull(zone, "zone");
        Checks.nonNegative("gramsPerKwh", gramsPerKwh);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The same value with another provenance. */
    public GridIntensity withProvenance(Provenance p) {
        return p == provenance ? this : new GridIntensity(zone, gramsPerKwh, at, source, estimated, p);
    }
}
