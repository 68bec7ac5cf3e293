package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.EmissionFactor;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * Live grid intensity from the <a href="https://api.electricitymaps.com">Electricity Maps API v3</a>:
 * current value, last 24 hours and a forecast of up to 72 hours, for any zone key
 * ({@code DE}, {@code US-CAL-CISO}, …).
 *
 * <pre>{@code
 * GridIntensitySource em = ElectricityMapsSource.builder().build(); // key from ELECTRICITYMAPS_API_KEY
 * }</pre>
 *
 * <p>The built source caches each signal per zone (Caffeine) and refreshes it in the background, so a
 * read never waits on the network once a zone has loaded; a zone never loaded answers empty at once
 * (the caller falls back) and loads in the background. Failures (timeouts, 401, 429, 5xx, malformed or
 * foreign-zone answers) never reach the caller: the last good value is kept, marked
 * {@link Provenance#STALE} after the freshness limit and dropped after the hard limit, and one warning
 * is logged per failure streak. The API key goes only into the {@code auth-token} header; it is never
 * logged and is masked in {@code toString}.
 *
 * <p>Defaults: base URL {@code https://api.electricitymaps.com} (or {@code ELECTRICITYMAPS_BASE_URL}),
 * life-cycle emission factors, refresh latest 15 min / history and forecast 1 h, stale after 1 h,
 * expire after 6 h, 10 requests/s, connect timeout 5 s, request timeout 10 s, up to 3 retries with
 * exponential backoff and jitter honouring {@code Retry-After}. The built source is thread-safe;
 * {@code close()} stops the threads it created.
 */
public final class ElectricityMapsSource {

    /** Environment variable holding the API key. */
    public static final String API_KEY_ENV = "ELECTRICITYMAPS_API_KEY";
    /** Environment variable overriding the base URL. */
    public static final String BASE_URL_ENV = "ELECTRICITYMAPS_BASE_URL";
    /** The production base URL. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.electricitymaps.com");

    private ElectricityMapsSource() {
    }

    /** A builder reading the key and base URL from the environment unless set explicitly. */
    public static Builder builder() {
        return new Builder(System::getenv);
    }

    /** Builds an Electricity Maps source. Not thread-safe; the built source is. */
    public static final class Builder extends LiveSourceBuilder<Builder> {
        private String apiKey;
        private EmissionFactor emissionFactor = EmissionFactor.LIFECYCLE;

        Builder(Function<String, String> env) {
            super(env);
        }

        /** The API key; default the {@value #API_KEY_ENV} environment variable. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is blank");
            }
            this.apiKey = apiKey.strip();
            return this;
        }

        /**
         * Life-cycle (default) or direct factors, sent as {@code emissionFactorType}. Use the same kind as
         * the catalog's averages ({@code CarbonBench.Builder.emissionFactor}) so live and default values compare.
         */
        public Builder emissionFactor(EmissionFactor factor) {
            this.emissionFactor = Objects.requireNonNull(factor, "factor");
            return this;
        }

        /**
         * Builds the cached source. Throws {@link IllegalStateException} when no key is set and
         * {@value #API_KEY_ENV} is empty (the message names the variable, never a key).
         */
        public GridIntensitySource build() {
            String key = apiKey;
            if (key == null) {
                String fromEnv = env.apply(API_KEY_ENV);
                key = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
            }
            if (key == null) {
                throw new IllegalStateException("No Electricity Maps API key: call apiKey(...) or set " + API_KEY_ENV);
            }
            String k = key;
            URI b = baseUrlOr(BASE_URL_ENV, DEFAULT_BASE_URL); // with or without /v3
            return buildCached(http -> new ElectricityMapsFetcher(http, b, k, emissionFactor));
        }

        @Override
        public String toString() {
            return "ElectricityMapsSource.Builder[baseUrl=" + (baseUrl == null ? "(env or default)" : baseUrl)
                    + ", apiKey=" + (apiKey == null ? "(env)" : "****") + ", " + emissionFactor + "]";
        }
    }
}
