package ai.carbonbench.core.catalog;

/**
 * Names one offering: a model served by a provider in a region. Ids only; resolve it with
 * {@link Catalog#offering(OfferingKey)}, which also accepts model aliases.
 */
public record OfferingKey(String provider, String region, String model) {

    public OfferingKey {
        Checks.notBlank("provider", provider);
        Checks.notBlank("region", region);
        Checks.notBlank("model", model);
    }

    public static OfferingKey of(String provider, String region, String model) {
        return new OfferingKey(provider, region, model);
    }

    @Override
    public String toString() {
        return provider + "/" + region + "/" + model;
    }
}
