package ai.carbonbench.core.grid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small shared helpers for the grid package. */
final class GridSupport {

    /** Tolerant reader: unknown fields never fail a parse (the providers keep adding fields). */
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private GridSupport() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Parses all three providers' timestamp forms ({@code …00.000Z}, {@code …T12:00Z} without seconds,
     * {@code +00:00} offsets). {@code Instant.parse} rejects the UK form, hence OffsetDateTime.
     */
    static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new FetchException(FetchException.Kind.MALFORMED, "missing or non-text '" + field + "'");
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new FetchException(FetchException.Kind.MALFORMED, "unparseable '" + field + "': " + excerpt(v.asText()));
        }
    }

    /** A number field, empty when absent or JSON null; a non-number or negative value is malformed. */
    static Optional<Double> number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
            throw new FetchException(FetchException.Kind.MALFORMED, "'" + field + "' is not a number >= 0: " + excerpt(v.toString()));
        }
        return Optional.of(v.asDouble());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static JsonNode parse(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new FetchException(FetchException.Kind.MALFORMED, "expected a JSON object, got: " + excerpt(body));
            }
            return root;
        } catch (java.io.IOException e) {
            throw new FetchException(FetchException.Kind.MALFORMED, "unparseable JSON: " + excerpt(body), -1, null);
        }
    }

    /** Sorts by time and keeps the last of duplicate timestamps (the UK API has served duplicates). */
    static List<GridIntensity> sortedDistinct(List<GridIntensity> points) {
        Map<Instant, GridIntensity> byTime = new LinkedHashMap<>();
        for (GridIntensity p : points) {
            byTime.put(p.at(), p);
        }
        List<GridIntensity> out = new ArrayList<>(byTime.values());
        out.sort(Comparator.comparing(GridIntensity::at));
        return List.copyOf(out);
    }

    static String excerpt(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    /** The URI without a trailing slash; never carries credentials (we never put keys in URLs). */
    static URI base(URI uri, String stripSuffix) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (stripSuffix != null && s.endsWith(stripSuffix)) {
            s = s.substring(0, s.length() - stripSuffix.length());
        }
        return URI.create(s);
    }
}
