package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * An inference provider (a cloud AI platform or an inference API).
 *
 * @param id           stable id, e.g. {@code aws-bedrock}
 * @param name         display name
 * @param pue          power usage effectiveness applied on top of accelerator energy (&ge; 1)
 * @param pueSource    where the PUE comes from
 * @param location     how the serving location is known
 * @param locationNote which zone is assumed and why, where the location is not disclosed
 */
public record Provider(String id, String name, double pue, Source pueSource, LocationBasis location,
        String locationNote) {

    public Provider {
        Checks.notBlank("id", id);
        Checks.notBlank("name", name);
        Checks.atLeast("pue", pue, 1);
        Objects.requireNonNull(pueSource, "pueSource");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(locationNote, "locationNote");
    }
}
