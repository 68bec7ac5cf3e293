package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.Checks;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * Live grid intensity for Great Britain from the NESO
 * <a href="https://carbonintensity.org.uk">Carbon Intensity API</a>: no key, half-hourly, current
 * value, last 24 hours and a 24-hour forecast, for the whole of GB or one of its 17 regions. It
 * answers only for its zone ({@code GB} by default, the zone of eu-west-2, europe-west2 and uksouth)
 * and empty for every other zone, without a request, so it can head a chain in front of a
 * worldwide source.
 *
 * <pre>{@code
 * GridIntensitySource uk = UkCarbonIntensitySource.builder().build();          // national
 * GridIntensitySource london = UkCarbonIntensitySource.builder().region(13).build();
 * }</pre>
 *
 * <p>Values are the settled {@code actual} where there is one, else the API's {@code forecast}
 * (then {@link GridIntensity#estimated()} is true). NESO counts <em>operational</em> emissions only
 * (wind, solar and nuclear at 0 g/kWh), i.e. direct factors: to compare them with life-cycle values,
 * set {@link Builder#lifecycleFactor(double)} (what {@link GridSources#fromEnvironment} does when the
 * facade uses life-cycle factors); converted values are marked estimated. Note the API's "current" is the latest complete
 * half hour. Caching, failure behaviour, thread safety and defaults are those of
 * {@link ElectricityMapsSource}: reads never wait on the network once loaded, failures keep the last
 * good value and never throw, one warning per failure streak. Base URL default
 * {@code https://api.carbonintensity.org.uk}, or {@code CARBONINTENSITY_UK_BASE_URL}.
 */
public final class UkCarbonIntensitySource {

    /** Environment variable overriding the base URL. */
    public static final String BASE_URL_ENV = "CARBONINTENSITY_UK_BASE_URL";
    /** The production base URL. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.carbonintensity.org.uk");
    /** The Electricity Maps zone key of Great Britain. */
    public static final String GB = "GB";

    private UkCarbonIntensitySource() {
    }

    /** A builder for the national series, answering for zone {@code GB}. */
    public static Builder builder() {
        return new Builder(System::getenv);
    }

    /** Builds a UK Carbon Intensity source. Not thread-safe; the built source is. */
    public static final class Builder extends LiveSourceBuilder<Builder> {
        private String zone = GB;
        private int regionId;
        private double lifecycleFactor = 1.0;

        Builder(Function<String, String> env) {
            super(env);
            // The series is half-hourly: refresh the current value twice as often as the default.
            refreshLatestAfter(java.time.Duration.ofMinutes(10));
        }

        /** Use one NESO region (1 North Scotland … 13 London … 17 Wales) instead of the national series. */
        public Builder region(int regionId) {
            if (regionId < 1 || regionId > 18) {
                throw new IllegalArgumentException("regionId must be 1..18, was " + regionId);
            }
            this.regionId = regionId;
            return this;
        }

        /** The zone key this source answers for; default {@code GB}. */
        public Builder zone(String zone) {
            Objects.requireNonNull(zone, "zone");
            if (zone.isBlank()) {
                throw new IllegalArgumentException("zone is blank");
            }
            this.zone = zone;
            return this;
        }

        /**
         * Multiply NESO's operational (direct) figures by this factor to report life-cycle values, e.g. the
         * zone's annual life-cycle/direct ratio; default 1 (report NESO's figures as they are).
         */
        public Builder lifecycleFactor(double factor) {
            this.lifecycleFactor = Checks.within("lifecycleFactor", factor, 1, 10);
            return this;
        }

        /** Builds the cached source. */
        public GridIntensitySource build() {
            URI b = baseUrlOr(BASE_URL_ENV, DEFAULT_BASE_URL);
            double scale = lifecycleFactor;
            return buildCached(http -> new UkCarbonIntensityFetcher(http, b, zone, regionId, scale, clock));
        }
    }
}
