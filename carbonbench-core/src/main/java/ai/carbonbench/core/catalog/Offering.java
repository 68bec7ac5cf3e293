package ai.carbonbench.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model served by a provider in a region, with its price and, where published, its speed.
 *
 * <p>{@link #servedFrom()} is non-empty for cross-region inference (for example Amazon Bedrock's
 * geographic inference profiles): the call is made in {@link #region()} but may run in any region of
 * the set, so its carbon is scored over the whole set.
 */
public record Offering(Model model, Provider provider, Region region, String providerModelId, List<Region> servedFrom,
        Price price, Optional<Speed> speed, Source availabilitySource, Hardware hardware) {

    public Offering {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(providerModelId, "providerModelId");
        servedFrom = List.copyOf(servedFrom);
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(availabilitySource, "availabilitySource");
        Objects.requireNonNull(hardware, "hardware");
    }

    public OfferingKey key() {
        return new OfferingKey(provider.id(), region.id(), model.id());
    }

    /** The regions the call may run in: {@link #servedFrom()}, or just {@link #region()}. */
    public List<Region> executionRegions() {
        return servedFrom.isEmpty() ? List.of(region) : servedFrom;
    }

    /** Whether the call may run outside the region it is made in. */
    public boolean crossRegion() {
        return !servedFrom.isEmpty();
    }
}
