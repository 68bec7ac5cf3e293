package ai.carbonbench.core.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * A documented method the catalog uses to derive figures, e.g. {@code energy-estimate-v2}.
 *
 * @param id          method id
 * @param description what the method does, on which data
 * @param numbers     every numeric field of the method, keyed by dotted path (e.g. {@code coefficients.a})
 * @param source      where the method or its fit comes from
 */
public record Method(String id, String description, Map<String, Double> numbers, Source source) {

    public Method {
        Checks.notBlank("id", id);
        Objects.requireNonNull(description, "description");
        numbers = Map.copyOf(numbers);
        Objects.requireNonNull(source, "source");
    }

    /** The number at this path; a {@link CatalogException} if the method does not define it. */
    public double require(String path) {
        Double value = numbers.get(path);
        if (value == null) {
            throw new CatalogException("method '" + id + "' defines no number '" + path + "'");
        }
        return value;
    }
}
