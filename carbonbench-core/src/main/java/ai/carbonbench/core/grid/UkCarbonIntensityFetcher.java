package ai.carbonbench.core.grid;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The NESO Carbon Intensity API for Great Britain (no key): national ({@code /intensity…}) or one
 * region ({@code /regional/regionid/{id}…}), half-hourly. Handles the documented traps: timestamps
 * without seconds, a regional {@code data} that is an array for "current" and an object for ranges,
 * {@code actual} null for unsettled slots (the forecast is used, marked estimated), duplicated slots,
 * and outages that answer 200 with no slots (treated as a failure, so the last good value stays).
 */
final class UkCarbonIntensityFetcher implements Fetcher {

    static final String NAME = "carbonintensity.org.uk";
    /** The API's documented path-parameter form; the 'Z' is a literal, safe because the zone is forced to UTC. */
    static final DateTimeFormatter PATH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** 1 for NESO's own (operational) figures; the life-cycle/direct ratio to report life-cycle values. */
    private final double scale;
    private final HttpFetch http;
    private final URI base;
    private final String zone;
    private final int regionId;
    private final Clock clock;

    /** @param regionId 0 for the national series, else a NESO region id (1–17). */
    UkCarbonIntensityFetcher(HttpFetch http, URI base, String zone, int regionId, double scale, Clock clock) {
        this.scale = scale;
        this.http = http;
        this.base = GridSupport.base(base, null);
        this.zone = zone;
        this.regionId = regionId;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(String z) {
        return zone.equalsIgnoreCase(z);
    }

    @Override
    public CompletableFuture<GridIntensity> latest(String z) {
        String path = regionId == 0 ? "/intensity" : "/regional/regionid/" + regionId;
        return http.get(URI.create(base + path), Map.of()).thenApply(body -> {
            List<GridIntensity> slots = slots(body, Provenance.LIVE);
            return slots.get(slots.size() - 1);
        });
    }

    @Override
    public CompletableFuture<List<GridIntensity>> history(String z) {
        Instant now = clock.instant();
        return http.get(range(now.truncatedTo(ChronoUnit.MINUTES), "pt24h"), Map.of())
                .thenApply(body -> nonEmpty(slots(body, Provenance.HISTORY).stream().filter(p -> !p.at().isAfter(now)).toList(),
                        "history"));
    }

    @Override
    public CompletableFuture<List<GridIntensity>> forecast(String z) {
        Instant now = clock.instant();
        // Asking from a half-hour boundary returns the slot that *ends* there first; one minute past
        // the boundary starts the answer with the slot in progress.
        Instant from = Instant.ofEpochSecond(now.getEpochSecond() / 1800 * 1800).plus(Duration.ofMinutes(1));
        return http.get(range(from, "fw24h"), Map.of()).thenApply(body -> nonEmpty(slots(body, Provenance.FORECAST)
                .stream().filter(p -> p.at().plus(Duration.ofMinutes(30)).isAfter(now)).toList(), "forecast"));
    }

    private URI range(Instant from, String window) {
        String t = PATH_TIME.format(from);
        return URI.create(base + (regionId == 0 ? "/intensity/" + t + "/" + window
                : "/regional/intensity/" + t + "/" + window + "/regionid/" + regionId));
    }

    private static List<GridIntensity> nonEmpty(List<GridIntensity> points, String what) {
        if (points.isEmpty()) {
            throw new FetchException(FetchException.Kind.NO_DATA, "no " + what + " slots in the answer (an outage answers 200 with none)");
        }
        return points;
    }

    /** The half-hour slots of a national or single-region answer, sorted and de-duplicated. */
    private List<GridIntensity> slots(String body, Provenance provenance) {
        JsonNode root = GridSupport.parse(body);
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "no 'data' in the answer");
        }
        JsonNode slots = data;
        if (regionId != 0) {
            // (f) current: data is an array holding one region; (g) range: data is the region object.
            JsonNode region = data.isArray() ? (data.size() > 0 ? data.get(0) : null) : data;
            if (region == null || !region.isObject()) {
                throw new FetchException(FetchException.Kind.NO_DATA, "no region in the answer");
            }
            JsonNode id = region.get("regionid");
            if (id != null && id.isNumber() && id.asInt() != regionId) {
                throw new FetchException(FetchException.Kind.WRONG_ZONE, "asked for region " + regionId + ", the answer is for region " + id.asInt());
            }
            slots = region.get("data");
        }
        if (slots == null || !slots.isArray()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "no slot array in the answer");
        }
        List<GridIntensity> out = new ArrayList<>(slots.size());
        for (JsonNode slot : slots) {
            JsonNode intensity = slot.get("intensity");
            var actual = GridSupport.number(intensity, "actual");
            var forecast = GridSupport.number(intensity, "forecast");
            if (actual.isEmpty() && forecast.isEmpty()) {
                continue;
            }
            // The regional series only ever has forecasts; a converted value is an estimate too.
            boolean estimated = actual.isEmpty() || scale != 1.0;
            out.add(new GridIntensity(zone, actual.orElseGet(forecast::get) * scale, GridSupport.instant(slot, "from"),
                    NAME, estimated, provenance));
        }
        return nonEmpty(GridSupport.sortedDistinct(out), provenance == Provenance.LIVE ? "current" : "");
    }

    @Override
    public String toString() {
        return "UkCarbonIntensity[" + base + ", zone " + zone + (regionId == 0 ? ", national" : ", region " + regionId) + "]";
    }
}
