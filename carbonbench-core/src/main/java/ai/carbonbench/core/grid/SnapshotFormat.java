package ai.carbonbench.core.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads and writes the snapshot JSON format, documented in docs/snapshot-format.md. */
final class SnapshotFormat {

    static final String FORMAT = "carbonbench-grid-snapshot";
    static final int VERSION = 1;

    /** One zone's values in a snapshot. */
    record ZoneData(Optional<GridIntensity> current, List<GridIntensity> history, List<GridIntensity> forecast) {
    }

    /** A parsed snapshot. */
    record Doc(Instant generatedAt, Map<String, ZoneData> zones) {
    }

    private SnapshotFormat() {
    }

    static ObjectNode write(GridIntensitySource source, Collection<String> zones, Instant generatedAt) {
        ObjectNode root = GridSupport.JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("generatedAt", generatedAt.toString());
        root.put("generator", source.name());
        ObjectNode out = root.putObject("zones");
        for (String zone : zones) {
            Optional<GridIntensity> current = source.current(zone);
            List<GridIntensity> history = source.history(zone);
            List<GridIntensity> forecast = source.forecast(zone);
            if (current.isEmpty() && history.isEmpty() && forecast.isEmpty()) {
                continue; // nothing known: readers fall back to their defaults for this zone
            }
            ObjectNode z = out.putObject(zone);
            current.ifPresent(c -> point(z.putObject("current"), c));
            ArrayNode h = z.putArray("history");
            history.forEach(p -> point(h.addObject(), p));
            ArrayNode f = z.putArray("forecast");
            forecast.forEach(p -> point(f.addObject(), p));
        }
        return root;
    }

    private static void point(ObjectNode n, GridIntensity g) {
        n.put("gramsPerKwh", g.gramsPerKwh());
        n.put("at", g.at().toString());
        n.put("source", g.source());
        n.put("estimated", g.estimated());
        n.put("provenance", g.provenance().name());
    }

    static Doc read(String body) {
        JsonNode root = GridSupport.parse(body);
        if (!FORMAT.equals(GridSupport.text(root, "format"))) {
            throw new FetchException(FetchException.Kind.MALFORMED, "not a snapshot: 'format' must be \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || version.asInt() < 1 || version.asInt() > VERSION) {
            throw new FetchException(FetchException.Kind.MALFORMED, "unsupported snapshot version " + version
                    + " (this reader knows 1.." + VERSION + ")");
        }
        Instant generatedAt = GridSupport.instant(root, "generatedAt");
        JsonNode zones = root.get("zones");
        if (zones == null || !zones.isObject()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "no 'zones' object");
        }
        Map<String, ZoneData> out = new LinkedHashMap<>();
        zones.properties().forEach(e -> {
            String zone = e.getKey();
            JsonNode z = e.getValue();
            JsonNode c = z.get("current");
            Optional<GridIntensity> current = c == null || c.isNull() ? Optional.empty() : Optional.of(point(zone, c, Provenance.LIVE));
            out.put(zone, new ZoneData(current, series(zone, z.get("history"), Provenance.HISTORY),
                    series(zone, z.get("forecast"), Provenance.FORECAST)));
        });
        return new Doc(generatedAt, Map.copyOf(out));
    }

    private static List<GridIntensity> series(String zone, JsonNode array, Provenance fallback) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "zone " + zone + ": history/forecast must be arrays");
        }
        List<GridIntensity> out = new ArrayList<>(array.size());
        array.forEach(p -> out.add(point(zone, p, fallback)));
        return GridSupport.sortedDistinct(out);
    }

    private static GridIntensity point(String zone, JsonNode p, Provenance fallback) {
        double g = GridSupport.number(p, "gramsPerKwh").orElseThrow(
                () -> new FetchException(FetchException.Kind.MALFORMED, "zone " + zone + ": a point without gramsPerKwh"));
        String source = Optional.ofNullable(GridSupport.text(p, "source")).orElse("snapshot");
        Provenance provenance = fallback;
        String pv = GridSupport.text(p, "provenance");
        if (pv != null) {
            try {
                provenance = Provenance.valueOf(pv.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                // a newer writer's label; keep the kind implied by where the point sits
            }
        }
        JsonNode est = p.get("estimated");
        return new GridIntensity(zone, g, GridSupport.instant(p, "at"), source, est != null && est.asBoolean(false), provenance);
    }
}
