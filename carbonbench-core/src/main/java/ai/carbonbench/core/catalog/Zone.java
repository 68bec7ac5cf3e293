package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * An electricity grid zone, keyed by its Electricity Maps zone key (e.g. {@code US-MIDA-PJM}).
 *
 * @param key     the zone key
 * @param name    display name
 * @param country ISO 3166-1 alpha-2 country code
 * @param annual  annual-average intensity
 * @param profile typical 24-hour profile by UTC hour
 */
public record Zone(String key, String name, String country, AnnualIntensity annual, DailyProfile profile) {

    public Zone {
        Checks.notBlank("key", key);
        Checks.notBlank("name", name);
        Checks.notBlank("country", country);
        Objects.requireNonNull(annual, "annual");
        Objects.requireNonNull(profile, "profile");
    }
}
