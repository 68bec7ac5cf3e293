package ai.carbonbench.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A language model: stable id, display name, family, the aliases lookups accept, parameter counts
 * and energy profile.
 */
public record Model(String id, String name, Family family, List<String> aliases, Parameters parameters,
        EnergyProfile energy) {

    public Model {
        Checks.notBlank("id", id);
        Checks.notBlank("name", name);
        Objects.requireNonNull(family, "family");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(energy, "energy");
    }
}
