package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.EmissionFactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Electricity Maps API v3 carbon-intensity endpoints ({@code latest}, {@code history},
 * {@code forecast}). Handles the API's quirks: {@code carbonIntensity} may be null
 * (the point is dropped; a null latest is "no data"), unknown fields are ignored, forecasts may come
 * unsorted, and an answer naming another zone (or another emission factor type) than asked is never
 * used. The key travels only in the {@code auth-token} header and is never logged or printed.
 */
final class ElectricityMapsFetcher implements Fetcher {

    static final String NAME = "electricitymaps";
    static final int FORECAST_HORIZON_HOURS = 72;

    private final HttpFetch http;
    private final URI base;
    private final Map<String, String> auth;
    private final String factor;

    ElectricityMapsFetcher(HttpFetch http, URI base, String apiKey, EmissionFactor factor) {
        this.http = http;
        // Accept both https://api.electricitymaps.com and …/v3 (the form the provider documents).
        this.base = GridSupport.base(base, "/v3");
        this.auth = Map.of("auth-token", apiKey);
        this.factor = factor.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(String zone) {
        return !zone.isBlank();
    }

    URI uri(String endpoint, String zone, String extra) {
        return URI.create(base + "/v3/carbon-intensity/" + endpoint + "?zone=" + URLEncoder.encode(zone, StandardCharsets.UTF_8)
                + extra + "&emissionFactorType=" + factor);
    }

    @Override
    public CompletableFuture<GridIntensity> latest(String zone) {
        return http.get(uri("latest", zone, ""), auth).thenApply(body -> {
            JsonNode root = GridSupport.parse(body);
            checkZone(zone, root);
            return point(zone, root, Provenance.LIVE).orElseThrow(() -> new FetchException(FetchException.Kind.NO_DATA,
                    "latest carbonIntensity for " + zone + " is null"));
        });
    }

    @Override
    public CompletableFuture<List<GridIntensity>> history(String zone) {
        return http.get(uri("history", zone, ""), auth).thenApply(body -> series(zone, body, "history", Provenance.HISTORY));
    }

    @Override
    public CompletableFuture<List<GridIntensity>> forecast(String zone) {
        // Send horizonHours every time: the default is undocumented, and plans grant 24 to 72 h.
        return http.get(uri("forecast", zone, "&horizonHours=" + FORECAST_HORIZON_HOURS), auth)
                .thenApply(body -> series(zone, body, "forecast", Provenance.FORECAST));
    }

    private List<GridIntensity> series(String zone, String body, String field, Provenance provenance) {
        JsonNode root = GridSupport.parse(body);
        checkZone(zone, root);
        JsonNode array = root.get(field);
        if (array == null && "history".equals(field)) {
            array = root.get("data"); // past-range's envelope; tolerate it
        }
        if (array == null || !array.isArray()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "no '" + field + "' array for " + zone);
        }
        List<GridIntensity> out = new ArrayList<>(array.size());
        for (JsonNode p : array) {
            checkZone(zone, p);
            point(zone, p, provenance).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            throw new FetchException(FetchException.Kind.NO_DATA, "empty " + field + " for " + zone);
        }
        return GridSupport.sortedDistinct(out);
    }

    private java.util.Optional<GridIntensity> point(String zone, JsonNode p, Provenance provenance) {
        if (!p.isObject()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "a point is not an object");
        }
        java.util.Optional<Double> value = GridSupport.number(p, "carbonIntensity");
        if (value.isEmpty()) {
            return java.util.Optional.empty();
        }
        JsonNode est = p.get("isEstimated");
        return java.util.Optional.of(new GridIntensity(zone, value.get(), GridSupport.instant(p, "datetime"), NAME,
                est != null && est.asBoolean(false), provenance));
    }

    /**
     * The API resolves odd input to some zone and may answer for a zone we did not ask for (caller IP
     * fallback); such a value would silently mislabel another grid, so it is a failure.
     */
    private void checkZone(String zone, JsonNode node) {
        String answered = GridSupport.text(node, "zone");
        if (answered != null && !answered.equalsIgnoreCase(zone)) {
            throw new FetchException(FetchException.Kind.WRONG_ZONE, "asked for zone " + zone + ", the answer is for " + answered);
        }
        String type = GridSupport.text(node, "emissionFactorType");
        if (type != null && !type.equalsIgnoreCase(factor)) {
            throw new FetchException(FetchException.Kind.WRONG_ZONE, "asked for " + factor + " factors for " + zone
                    + ", the answer uses " + type);
        }
    }

    @Override
    public String toString() {
        return "ElectricityMaps[" + base + ", " + factor + ", auth-token=****]";
    }
}
