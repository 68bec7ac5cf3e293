package ai.carbonbench.core.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads and validates the catalog JSON (format: {@code docs/catalog-format.md}). Every failure names
 * the file, the JSON path and the reason.
 */
final class CatalogReader {

    static final int SCHEMA_VERSION = 1;
    /*
     * Jackson's streaming parser builds the tree directly: an ObjectMapper would cost the first answer
     * of a fresh JVM some 400 classes of data binding that reading a catalog does not use.
     */
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;

    private CatalogReader(String file) {
        this.file = file;
    }

    /** Parses one file into a JSON tree; syntax errors name the file, line and column. */
    static ObjectNode parse(InputStream in, String file) {
        try (in; JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new CatalogException(file + ": $: expected a JSON object");
            }
            return (ObjectNode) tree(parser, first);
        } catch (JsonProcessingException e) {
            throw new CatalogException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The tree of the value starting at {@code token}: the nodes {@code ObjectMapper.readTree} would give. */
    private static JsonNode tree(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.set(name, tree(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(tree(parser, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "unexpected token " + token);
        }
    }

    /**
     * Merges an overlay into a base tree: {@code sources} and {@code methods} by key, list entries by
     * identity (models by id, providers by id, zones by key, regions by provider+id, offerings by
     * model+provider+region); an overlay entry replaces the base entry whole. Scalars replace.
     */
    static ObjectNode merge(ObjectNode base, ObjectNode overlay) {
        ObjectNode out = base.deepCopy();
        overlay.fields().forEachRemaining(e -> {
            String field = e.getKey();
            JsonNode value = e.getValue();
            Function<JsonNode, String> identity = identity(field);
            if (identity != null && value.isArray() && out.path(field).isArray()) {
                Map<String, JsonNode> merged = new LinkedHashMap<>();
                out.get(field).forEach(n -> merged.put(identity.apply(n), n));
                value.forEach(n -> merged.put(identity.apply(n), n));
                ArrayNode array = NODES.arrayNode();
                merged.values().forEach(array::add);
                out.set(field, array);
            } else if ((field.equals("sources") || field.equals("methods")) && value.isObject()
                    && out.path(field).isObject()) {
                ((ObjectNode) out.get(field)).setAll((ObjectNode) value);
            } else {
                out.set(field, value);
            }
        });
        return out;
    }

    private static Function<JsonNode, String> identity(String field) {
        return switch (field) {
            case "models", "providers" -> n -> n.path("id").asText();
            case "zones" -> n -> n.path("key").asText();
            case "regions" -> n -> n.path("provider").asText() + "/" + n.path("id").asText();
            case "offerings" -> n -> n.path("model").asText() + "@" + n.path("provider").asText() + "/"
                    + n.path("region").asText();
            default -> null;
        };
    }

    static Catalog read(ObjectNode root, String file) {
        return new CatalogReader(file).build(root);
    }

    private Catalog build(ObjectNode root) {
        int schema = integer(root, "$", "schemaVersion");
        if (schema != SCHEMA_VERSION) {
            throw fail("$.schemaVersion", "unsupported schema version " + schema + " (expected " + SCHEMA_VERSION + ")");
        }
        LocalDate dataVersion = date(root, "$", "dataVersion");

        Map<String, Source> sources = new TreeMap<>();
        object(root, "$", "sources").fields().forEachRemaining(e -> {
            String p = "$.sources." + e.getKey();
            JsonNode n = e.getValue();
            sources.put(e.getKey(), new Source(e.getKey(), text(n, p, "publisher"), text(n, p, "dataset"),
                    integer(n, p, "year"), text(n, p, "licence"), n.path("url").asText("")));
        });

        Map<String, Method> methods = new TreeMap<>();
        JsonNode methodsNode = root.path("methods");
        methodsNode.fields().forEachRemaining(e -> {
            String p = "$.methods." + e.getKey();
            Map<String, Double> numbers = new HashMap<>();
            collectNumbers(e.getValue(), "", p, numbers);
            methods.put(e.getKey(), new Method(e.getKey(), text(e.getValue(), p, "description"), numbers,
                    source(e.getValue(), p, "source", sources)));
        });

        // Each model's id and aliases are registered as it is read, so a clash fails at the first entry that has it.
        Map<String, String> names = new HashMap<>();
        Map<String, Model> models = unique(root, "models", (n, p) -> named(model(n, p, sources, methods), p, names),
                Model::id, ".id", id -> "duplicate model id '" + id + "'");
        // Display names (what the insight prints) are accepted too, after every id and alias, which win a clash.
        models.values().forEach(m -> names.putIfAbsent(Suggestions.normalize(m.name()), m.id()));

        Map<String, Provider> providers = unique(root, "providers", (n, p) -> construct(p, () -> new Provider(
                text(n, p, "id"), text(n, p, "name"), number(n, p, "pue"), source(n, p, "pueSource", sources),
                enumValue(LocationBasis.class, n, p, "location"), n.path("locationNote").asText(""))),
                Provider::id, ".id", id -> "duplicate provider id '" + id + "'");
        Map<String, Zone> zones = unique(root, "zones", (n, p) -> zone(n, p, sources), Zone::key, ".key",
                key -> "duplicate zone key '" + key + "'");
        Map<String, Region> regions = unique(root, "regions", (n, p) -> region(n, p, providers, zones, sources),
                Region::qualifiedId, ".id", id -> "duplicate region '" + id + "'");
        Map<OfferingKey, Offering> offerings = unique(root, "offerings",
                (n, p) -> offering(n, p, models, providers, regions, sources), Offering::key, "",
                key -> "duplicate offering " + key);
        return new Catalog(file, root, dataVersion, sources, methods, models, names, providers, zones, regions,
                offerings);
    }

    /**
     * The entries of the array {@code root.field}, each read from its node and JSON path, keyed by {@code key}
     * in file order; a second entry with a key already read fails at its path plus {@code keyPath}.
     */
    private <K, V> Map<K, V> unique(ObjectNode root, String field, BiFunction<JsonNode, String, V> read,
            Function<V, K> key, String keyPath, Function<K, String> duplicate) {
        Map<K, V> out = new LinkedHashMap<>();
        ArrayNode nodes = array(root, "$", field);
        for (int i = 0; i < nodes.size(); i++) {
            String p = "$." + field + "[" + i + "]";
            V entry = read.apply(nodes.get(i), p);
            K k = key.apply(entry);
            if (out.putIfAbsent(k, entry) != null) {
                throw fail(p + keyPath, duplicate.apply(k));
            }
        }
        return out;
    }

    private Region region(JsonNode n, String p, Map<String, Provider> providers, Map<String, Zone> zones,
            Map<String, Source> sources) {
        String providerId = text(n, p, "provider");
        if (!providers.containsKey(providerId)) {
            throw fail(p + ".provider", "unknown provider '" + providerId + "'");
        }
        List<Zone> alternatives = new ArrayList<>();
        JsonNode alt = n.path("alternativeZones");
        for (int a = 0; a < alt.size(); a++) {
            alternatives.add(zoneRef(alt.get(a).asText(), p + ".alternativeZones[" + a + "]", zones));
        }
        return construct(p, () -> new Region(providerId, text(n, p, "id"), text(n, p, "name"),
                n.path("city").asText(""), text(n, p, "country"), enumValue(Area.class, n, p, "area"),
                zoneRef(text(n, p, "zone"), p + ".zone", zones), alternatives,
                source(n, p, "zoneSource", sources), n.path("zoneNote").asText("")));
    }

    /** The model, after registering its id and aliases as names ({@code p} is its JSON path). */
    private Model named(Model m, String p, Map<String, String> names) {
        registerName(names, m.id(), m.id(), p + ".id");
        for (int a = 0; a < m.aliases().size(); a++) {
            registerName(names, m.aliases().get(a), m.id(), p + ".aliases[" + a + "]");
        }
        return m;
    }

    private void registerName(Map<String, String> names, String name, String modelId, String path) {
        String key = Suggestions.normalize(name);
        String previous = names.putIfAbsent(key, modelId);
        if (previous != null && !previous.equals(modelId)) {
            throw fail(path, "alias '" + name + "' is already used by model '" + previous + "'");
        }
    }

    private Model model(JsonNode n, String p, Map<String, Source> sources, Map<String, Method> methods) {
        String id = text(n, p, "id");
        if (!id.equals(id.toLowerCase(Locale.ROOT)) || id.contains(" ")) {
            throw fail(p + ".id", "model id must be a lower-case slug, was '" + id + "'");
        }
        String familyId = text(n, p, "family");
        Family family = Family.fromId(familyId)
                .orElseThrow(() -> fail(p + ".family", "unknown family '" + familyId + "'"));
        List<String> aliases = new ArrayList<>();
        n.path("aliases").forEach(a -> aliases.add(a.asText()));

        String pp = p + ".parameters";
        JsonNode params = object(n, p, "parameters");
        Parameters parameters = construct(pp, () -> new Parameters(optionalNumber(params, pp, "totalBillions"),
                optionalNumber(params, pp, "activeBillions"), bounds(params, pp, "assumedTotalBillions"),
                bounds(params, pp, "assumedActiveBillions"), optionalText(params, "assumption"),
                source(params, pp, "source", sources)));
        if (!parameters.disclosed() && parameters.assumption().isEmpty()) {
            throw fail(pp + ".assumption", "undisclosed parameters need the assumption used");
        }

        String ep = p + ".energy";
        JsonNode e = object(n, p, "energy");
        Basis basis = enumValue(Basis.class, e, ep, "basis");
        Optional<String> method = optionalText(e, "method");
        if (basis == Basis.ESTIMATED && method.isEmpty()) {
            throw fail(ep + ".method", "an estimated figure must name its method");
        }
        method.ifPresent(m -> {
            if (!methods.containsKey(m)) {
                throw fail(ep + ".method", "unknown method '" + m + "'");
            }
        });
        EnergyProfile energy = construct(ep, () -> new EnergyProfile(number(e, ep, "outputWhPer1kTokens"),
                number(e, ep, "low"), number(e, ep, "high"), number(e, ep, "inputWhPer1kTokens"), basis,
                text(e, ep, "hardware"), method, source(e, ep, "source", sources), optionalText(e, "note")));
        return construct(p, () -> new Model(id, text(n, p, "name"), family, aliases, parameters, energy));
    }

    private Zone zone(JsonNode n, String p, Map<String, Source> sources) {
        String ap = p + ".annual";
        JsonNode a = object(n, p, "annual");
        AnnualIntensity annual = construct(ap, () -> new AnnualIntensity(number(a, ap, "lifecycleGramsPerKwh"),
                number(a, ap, "directGramsPerKwh"), integer(a, ap, "year"), source(a, ap, "source", sources)));
        String pp = p + ".profile";
        JsonNode profileNode = n.path("profile");
        DailyProfile profile;
        if (profileNode.isMissingNode() || profileNode.isNull() || "flat".equals(profileNode.path("kind").asText())) {
            profile = DailyProfile.flat(annual);
        } else if ("hourly".equals(profileNode.path("kind").asText())) {
            profile = construct(pp, () -> DailyProfile.hourly(hours(profileNode, pp, "lifecycleByUtcHour"),
                    hours(profileNode, pp, "directByUtcHour"), text(profileNode, pp, "years"),
                    source(profileNode, pp, "source", sources)));
        } else {
            throw fail(pp + ".kind", "expected 'hourly' or 'flat', was '" + profileNode.path("kind").asText() + "'");
        }
        return construct(p, () -> new Zone(text(n, p, "key"), text(n, p, "name"), text(n, p, "country"), annual,
                profile));
    }

    private double[] hours(JsonNode n, String p, String field) {
        JsonNode arr = n.path(field);
        if (!arr.isArray() || arr.size() != DailyProfile.HOURS) {
            throw fail(p + "." + field, "expected an array of 24 numbers");
        }
        double[] values = new double[DailyProfile.HOURS];
        for (int h = 0; h < values.length; h++) {
            values[h] = finiteNonNegative(arr.get(h), p + "." + field + "[" + h + "]");
        }
        return values;
    }

    private Offering offering(JsonNode n, String p, Map<String, Model> models, Map<String, Provider> providers,
            Map<String, Region> regions, Map<String, Source> sources) {
        String modelId = text(n, p, "model");
        Model model = models.get(modelId);
        if (model == null) {
            throw fail(p + ".model", "unknown model '" + modelId + "'");
        }
        String providerId = text(n, p, "provider");
        Provider provider = providers.get(providerId);
        if (provider == null) {
            throw fail(p + ".provider", "unknown provider '" + providerId + "'");
        }
        Region region = regionRef(text(n, p, "region"), providerId, p + ".region", regions);
        List<Region> servedFrom = new ArrayList<>();
        JsonNode served = n.path("servedFrom");
        for (int i = 0; i < served.size(); i++) {
            servedFrom.add(regionRef(served.get(i).asText(), providerId, p + ".servedFrom[" + i + "]", regions));
        }
        String pp = p + ".price";
        JsonNode priceNode = object(n, p, "price");
        Price price = construct(pp, () -> new Price(number(priceNode, pp, "usdPerMillionInput"),
                number(priceNode, pp, "usdPerMillionOutput"), source(priceNode, pp, "source", sources),
                date(priceNode, pp, "date"), priceNode.path("entry").asText("")));
        Optional<Speed> speed = Optional.empty();
        JsonNode speedNode = n.path("speed");
        if (speedNode.isObject()) {
            String sp = p + ".speed";
            JsonNode basisNode = speedNode.path("basis");
            SpeedBasis basis;
            try {
                // files written before speeds had a basis carried published figures only
                basis = basisNode.isMissingNode() || basisNode.isNull() ? SpeedBasis.VENDOR_STATED
                        : SpeedBasis.fromId(basisNode.asText());
            } catch (IllegalArgumentException e) {
                throw fail(sp + ".basis", "unknown value '" + basisNode.asText() + "' (expected measured-reference, "
                        + "vendor-stated, third-party-measured or observed)");
            }
            speed = Optional.of(construct(sp, () -> new Speed(number(speedNode, sp, "tokensPerSecond"),
                    optionalNumber(speedNode, sp, "timeToFirstTokenSeconds"), basis, source(speedNode, sp, "source", sources),
                    speedNode.path("date").asText(""), optionalText(speedNode, "note"))));
        }
        Optional<Speed> finalSpeed = speed;
        Optional<LocalDate> retired = n.path("retired").isTextual() ? Optional.of(date(n, p, "retired")) : Optional.empty();
        Hardware hardware = hardware(n.path("hardware"), p + ".hardware", model);
        return construct(p, () -> new Offering(model, provider, region, n.path("providerModelId").asText(""),
                servedFrom, price, finalSpeed, retired, source(n, p, "availabilitySource", sources), hardware));
    }

    private Hardware hardware(JsonNode n, String p, Model model) {
        if (!n.isObject()) {
            return Hardware.unstated(model.energy().basis());
        }
        return construct(p, () -> new Hardware(enumValue(Hardware.Kind.class, n, p, "kind", Hardware.Kind.UNKNOWN),
                n.path("detail").asText(""), enumValue(Hardware.EnergyBasis.class, n, p, "energyBasis",
                        Hardware.EnergyBasis.PROXY)));
    }

    private Region regionRef(String id, String providerId, String path, Map<String, Region> regions) {
        Region region = regions.get(providerId + "/" + id);
        if (region == null) {
            throw fail(path, "unknown region '" + id + "' of provider '" + providerId + "'");
        }
        return region;
    }

    private Zone zoneRef(String key, String path, Map<String, Zone> zones) {
        Zone zone = zones.get(key);
        if (zone == null) {
            throw fail(path, "unknown zone '" + key + "'");
        }
        return zone;
    }

    private Source source(JsonNode n, String p, String field, Map<String, Source> sources) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw fail(p + "." + field, "missing source: every figure must name one of the catalog's sources");
        }
        Source s = sources.get(v.asText());
        if (s == null) {
            throw fail(p + "." + field, "unknown source '" + v.asText() + "'");
        }
        return s;
    }

    private void collectNumbers(JsonNode n, String prefix, String p, Map<String, Double> out) {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isNumber()) {
                double v = e.getValue().asDouble();
                if (!Double.isFinite(v)) {
                    throw fail(p + "." + key, "not a finite number");
                }
                out.put(key, v);
            } else if (e.getValue().isObject()) {
                collectNumbers(e.getValue(), key, p, out);
            }
        }
    }

    private <T> T construct(String path, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw fail(path, e.getMessage());
        }
    }

    private JsonNode object(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        if (!v.isObject()) {
            throw fail(p + "." + field, "expected an object");
        }
        return v;
    }

    private ArrayNode array(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        if (!v.isArray()) {
            throw fail(p + "." + field, "expected an array");
        }
        return (ArrayNode) v;
    }

    private String text(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw fail(p + "." + field, "expected a non-empty string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private int integer(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        if (!v.isIntegralNumber()) {
            throw fail(p + "." + field, "expected an integer");
        }
        return v.asInt();
    }

    private double number(JsonNode n, String p, String field) {
        return finiteNonNegative(n.path(field), p + "." + field);
    }

    private OptionalDouble optionalNumber(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? OptionalDouble.empty()
                : OptionalDouble.of(finiteNonNegative(v, p + "." + field));
    }

    private Optional<Parameters.Bounds> bounds(JsonNode n, String p, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        String bp = p + "." + field;
        return Optional.of(construct(bp, () -> new Parameters.Bounds(number(v, bp, "low"), number(v, bp, "high"))));
    }

    private double finiteNonNegative(JsonNode v, String path) {
        if (v.isTextual() && v.asText().equalsIgnoreCase("NaN")) {
            throw fail(path, "NaN is not a number");
        }
        if (!v.isNumber()) {
            throw fail(path, "expected a number");
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw fail(path, "not a finite number: " + d);
        }
        if (d < 0) {
            throw fail(path, "negative value " + d);
        }
        return d;
    }

    private LocalDate date(JsonNode n, String p, String field) {
        String s = text(n, p, field);
        try {
            return LocalDate.parse(s.length() == 7 ? s + "-01" : s);
        } catch (DateTimeParseException e) {
            throw fail(p + "." + field, "expected an ISO date (yyyy-MM-dd), was '" + s + "'");
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode n, String p, String field) {
        String s = text(n, p, field);
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(p + "." + field, "unknown value '" + s + "'");
        }
    }

    /** As {@link #enumValue(Class, JsonNode, String, String)} for an optional field: {@code absent} when missing or null. */
    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode n, String p, String field, E absent) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? absent : enumValue(type, n, p, field);
    }

    private CatalogException fail(String path, String reason) {
        return new CatalogException(file + ": " + path + ": " + reason);
    }
}
