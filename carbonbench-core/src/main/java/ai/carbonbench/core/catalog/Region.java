package ai.carbonbench.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A provider's serving region (a cloud region, or the assumed location of an inference API).
 *
 * @param provider         the provider id
 * @param id               the region id, unique within its provider, e.g. {@code eu-north-1}
 * @param name             display name
 * @param city             city or metro area
 * @param country          ISO 3166-1 alpha-2 country code
 * @param area             broad geography
 * @param zone             the grid zone the region draws from
 * @param alternativeZones other plausible zones where the mapping is ambiguous; they widen the intensity range
 * @param zoneSource       who maps this region to its zone
 * @param zoneNote         why, where the mapping is not obvious
 */
public record Region(String provider, String id, String name, String city, String country, Area area, Zone zone,
        List<Zone> alternativeZones, Source zoneSource, String zoneNote) {

    /** EU member states (ISO 3166-1 alpha-2): the scope of {@link #inEu()}. */
    private static final Set<String> EU_COUNTRIES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
            "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
            "SE");

    public Region {
        Checks.notBlank("provider", provider);
        Checks.notBlank("id", id);
        Checks.notBlank("name", name);
        Objects.requireNonNull(city, "city");
        country = Checks.notBlank("country", country).toUpperCase(Locale.ROOT);
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(zone, "zone");
        alternativeZones = List.copyOf(alternativeZones);
        Objects.requireNonNull(zoneSource, "zoneSource");
        Objects.requireNonNull(zoneNote, "zoneNote");
    }

    /** Whether the region lies in an EU member state (data residency; the UK is not in the EU). */
    public boolean inEu() {
        return EU_COUNTRIES.contains(country);
    }

    /** {@code provider/id}, unique across the catalog. */
    public String qualifiedId() {
        return provider + "/" + id;
    }
}
