package ai.carbonbench.examples.server;

import ai.carbonbench.core.catalog.Family;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.SortOrder;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query parameters of one API request, checked before anything looks at them: only the
 * endpoint's own names, each at most once, each value at most {@value #MAX_LENGTH} characters of
 * letters, digits, space and {@code . _ - : / @ +} (the characters catalog ids and aliases use).
 * Anything else is a {@link BadRequest} whose message does not repeat the value.
 */
final class Params {

    static final int MAX_LENGTH = 100;
    static final int MAX_QUERY_LENGTH = 2_000;
    static final int MAX_LIMIT = 1_000;

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9 ._:/@+-]*");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,6})?");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still percent-encoded) query string, accepting only the {@code allowed} names. */
    static Params parse(String rawQuery, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Params(values);
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw new BadRequest("query string longer than " + MAX_QUERY_LENGTH + " characters");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw new BadRequest("unknown parameter; this endpoint takes " + sorted(allowed), sorted(allowed));
            }
            if (value.length() > MAX_LENGTH) {
                throw new BadRequest("parameter '" + name + "' is longer than " + MAX_LENGTH + " characters");
            }
            if (!VALUE.matcher(value).matches()) {
                throw new BadRequest("parameter '" + name + "' may contain only letters, digits, space and . _ - : / @ +");
            }
            if (values.putIfAbsent(name, value.trim()) != null) {
                throw new BadRequest("parameter '" + name + "' given more than once");
            }
        }
        return new Params(values);
    }

    private static String decode(String raw) {
        if (raw.length() > MAX_LENGTH * 3) {
            throw new BadRequest("parameter longer than " + MAX_LENGTH + " characters");
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed percent-encoding in the query string");
        }
    }

    private static List<String> sorted(Set<String> names) {
        return List.copyOf(new TreeSet<>(names));
    }

    /** A non-empty value, if the parameter was given one; an empty value counts as absent. */
    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    String required(String name) {
        return text(name).orElseThrow(() -> new BadRequest("parameter '" + name + "' is required"));
    }

    Optional<Family> family(String name) {
        List<String> valid = Arrays.stream(Family.values()).map(Family::id).toList();
        return text(name).map(v -> Family.fromId(v).orElseThrow(
                () -> new BadRequest("parameter '" + name + "' must be one of " + valid, valid)));
    }

    Optional<SortOrder> sort(String name) {
        List<String> valid = Arrays.stream(SortOrder.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
        return text(name).map(v -> {
            if (!valid.contains(v.toLowerCase(Locale.ROOT))) {
                throw new BadRequest("parameter '" + name + "' must be one of " + valid, valid);
            }
            return SortOrder.valueOf(v.toUpperCase(Locale.ROOT));
        });
    }

    /** The accounting boundary ({@code gpu}, {@code server} or {@code lifecycle}, any case), if given. */
    Optional<Boundary> boundary(String name) {
        List<String> valid = Arrays.stream(Boundary.values()).map(Boundary::id).toList();
        return text(name).map(v -> {
            try {
                return Boundary.of(v);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("parameter '" + name + "' must be one of " + valid, valid);
            }
        });
    }

    boolean flag(String name) {
        Optional<String> v = text(name);
        if (v.isEmpty() || v.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (v.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadRequest("parameter '" + name + "' must be true or false", List.of("true", "false"));
    }

    OptionalInt limit(String name) {
        Optional<String> v = text(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        int n = INTEGER.matcher(v.get()).matches() ? Integer.parseInt(v.get()) : -1;
        if (n < 1 || n > MAX_LIMIT) {
            throw new BadRequest("parameter '" + name + "' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return OptionalInt.of(n);
    }

    OptionalDouble decimal(String name) {
        Optional<String> v = text(name);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!DECIMAL.matcher(v.get()).matches()) {
            throw new BadRequest("parameter '" + name + "' must be a non-negative number such as 1.5");
        }
        return OptionalDouble.of(Double.parseDouble(v.get()));
    }
}
