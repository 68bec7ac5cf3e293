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

    /*
     * equals and hashCode written out: the generated ones are linked through invokedynamic on first use,
     * which cost the first answer of a fresh JVM some 10 ms (the catalog hashes every key while loading).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof OfferingKey k && provider.equals(k.provider) && region.equals(k.region)
                && model.equals(k.model);
    }

    @Override
    public int hashCode() {
        return (provider.hashCode() * 31 + region.hashCode()) * 31 + model.hashCode();
    }

    @Override
    public String toString() {
        return provider + "/" + region + "/" + model;
    }
}
