package ai.carbonbench.core.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model served by a provider in a region, with its price and, where published, its speed.
 *
 * <p>{@link #servedFrom()} is non-empty for cross-region inference (for example Amazon Bedrock's
 * geographic inference profiles): the call is made in {@link #region()} but may run in any region of
 * the set, so its carbon is scored over the whole set.
 *
 * <p>{@link #retired()} holds the date a source gives for the end of the offering when that date is
 * before the catalog's data version; such offerings are kept for the record but left out of
 * leaderboards, recommendations and routing unless asked for.
 */
public record Offering(Model model, Provider provider, Region region, String providerModelId, List<Region> servedFrom,
        Price price, Optional<Speed> speed, Optional<LocalDate> retired, Source availabilitySource,
        Hardware hardware) {

    public Offering {
        Checks.nonNull("model, provider, region, providerModelId, price, speed, retired, availabilitySource, hardware",
                model, provider, region, providerModelId, price, speed, retired, availabilitySource, hardware);
        servedFrom = List.copyOf(servedFrom);
    }

    /** Whether the offering is still sold (no retirement date before the catalog's data version). */
    public boolean live() {
        return retired.isEmpty();
    }

    /** This offering with another speed (e.g. one observed by the application). */
    public Offering withSpeed(Speed newSpeed) {
        return new Offering(model, provider, region, providerModelId, servedFrom, price,
                Optional.of(Objects.requireNonNull(newSpeed, "newSpeed")), retired, availabilitySource, hardware);
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
