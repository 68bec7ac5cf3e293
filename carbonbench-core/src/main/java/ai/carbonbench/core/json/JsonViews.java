package ai.carbonbench.core.json;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.EnergyProfile;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.Parameters;
import ai.carbonbench.core.catalog.Provider;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Source;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.DailyCurve;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.WindowChoice;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The JSON shape of CarbonBench's values, written with Jackson: the one place that names their fields.
 * The CLI's {@code --json} output, the {@code carbonbench serve} API, the router's ledger export and the
 * adapters all build their JSON from these views, so they speak the same field names. The field names
 * are a public interface, documented in the README ("CLI JSON fields") and pinned by a test: change
 * them only with a version bump.
 *
 * <p>Every view is a pure function of its arguments and returns a new, unshared node; the class is
 * thread-safe. Numbers derived by computation are rounded to four significant digits ({@link #round});
 * exact decimal amounts (the ledger's grams) are written as plain decimals ({@link #toJson}).
 */
public final class JsonViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    private JsonViews() {
    }

    /** A new, empty object node, for a view that composes these (e.g. the ledger export). */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * A view as compact JSON: a node, or a record whose components are the field names (in order);
     * big decimals in plain notation ({@code 0.000001}, never {@code 1E-6}).
     */
    public static String toJson(Object view) {
        return write(COMPACT, view);
    }

    /** The node as indented JSON, for people (the CLI). */
    public static String toPrettyJson(JsonNode node) {
        return write(PRETTY, node);
    }

    private static String write(ObjectWriter writer, Object view) {
        try {
            return writer.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + view.getClass().getName() + " as JSON", e);
        }
    }

    /** A source: {@code {id, publisher, dataset, year, licence, url}} ({@code url} only when known). */
    public static ObjectNode source(Source s) {
        ObjectNode n = MAPPER.valueToTree(s); // the record's components, in order
        if (s.url().isEmpty()) {
            n.remove("url");
        }
        return n;
    }

    /** An option: one offering's score (a leaderboard row, a recommendation's best or alternative). */
    public static ObjectNode option(Score s) {
        Offering o = s.offering();
        ObjectNode n = NODES.objectNode();
        n.put("model", o.model().id());
        n.put("family", o.model().family().id());
        n.put("provider", o.provider().id());
        n.put("region", o.region().id());
        n.put("zone", s.zone());
        n.put("country", o.region().country());
        n.put("intensityGramsPerKwh", round(s.intensityGramsPerKwh().central()));
        n.put("intensityLow", round(s.intensityGramsPerKwh().low()));
        n.put("intensityHigh", round(s.intensityGramsPerKwh().high()));
        n.put("provenance", s.provenance().name());
        n.put("at", s.at().toString());
        n.put("gramsPerMillionTokens", round(s.gramsPerMillionTokens().central()));
        n.put("gramsLow", round(s.gramsPerMillionTokens().low()));
        n.put("gramsHigh", round(s.gramsPerMillionTokens().high()));
        n.put("gramsPerMillionInputTokens", round(s.gramsPerMillionInput().central()));
        n.put("gramsPerMillionOutputTokens", round(s.gramsPerMillionOutput().central()));
        n.put("usdPerMillionTokens", round(s.usdPerMillionTokens()));
        n.put("usdPerMillionInputTokens", o.price().usdPerMillionInput());
        n.put("usdPerMillionOutputTokens", o.price().usdPerMillionOutput());
        put(n, "tokensPerSecond", s.tokensPerSecond());
        // basis, source and date of the speed (null without one); an observed speed replaces the catalog's
        var speed = o.speed();
        n.put("speedBasis", speed.map(x -> x.basis().id()).orElse(null));
        n.put("speedSource", speed.map(x -> x.source().id()).orElse(null));
        n.put("speedDate", speed.map(x -> x.date()).orElse(null));
        put(n, "timeToFirstTokenSeconds", speed.map(x -> x.timeToFirstTokenSeconds()).orElse(OptionalDouble.empty()));
        n.put("retired", o.retired().map(Object::toString).orElse(null));
        n.put("energyBasis", o.model().energy().basis().name().toLowerCase(Locale.ROOT));
        n.put("boundary", s.boundary().id());
        n.put("hardware", o.hardware().kind().name().toLowerCase(Locale.ROOT));
        n.put("hardwareEnergyBasis", o.hardware().energyBasis().name().toLowerCase(Locale.ROOT));
        n.put("pue", o.provider().pue());
        if (o.crossRegion()) {
            ArrayNode served = n.putArray("servedFrom");
            o.servedFrom().forEach(r -> served.add(r.id()));
        }
        return n;
    }

    /**
     * A region's intensity as {@code curve --json} and {@code /api/intensity} give it: the next 24 hours
     * ({@link #curve}), plus {@code history}, the last 24 hours, and {@code forecast}, as far ahead as a
     * live forecast reaches, or {@code null} without one.
     */
    public static ObjectNode intensity(CarbonBench bench, String region) {
        ObjectNode n = curve(bench.curve(region));
        n.set("history", curve(bench.history(region)));
        DailyCurve forecast = bench.forecast(region);
        boolean live = forecast.points().stream().anyMatch(p -> p.provenance() == Provenance.FORECAST);
        n.set("forecast", live ? curve(forecast) : n.nullNode());
        return n;
    }

    /** A region's 24-hour curve, its minimum, maximum and average, and each point's provenance. */
    public static ObjectNode curve(DailyCurve c) {
        ObjectNode n = NODES.objectNode();
        n.put("provider", c.region().provider());
        n.put("region", c.region().id());
        n.put("zone", c.zone());
        n.put("flat", c.flat());
        if (c.flat()) {
            n.putNull("minimumHourUtc"); // no hourly data: every hour carries the annual average, so no hour is lowest
        } else {
            n.put("minimumHourUtc", c.minimum().utcHour());
        }
        n.put("minimumGramsPerKwh", round(c.minimum().gramsPerKwh()));
        n.put("maximumGramsPerKwh", round(c.maximum().gramsPerKwh()));
        n.put("averageGramsPerKwh", round(c.averageGramsPerKwh()));
        ArrayNode points = n.putArray("points");
        for (DailyCurve.Point p : c.points()) {
            ObjectNode pn = points.addObject();
            pn.put("utcHour", p.utcHour());
            pn.put("at", p.at().toString());
            pn.put("gramsPerKwh", round(p.gramsPerKwh()));
            pn.put("provenance", p.provenance().name());
        }
        return n;
    }

    /** A recommendation: the best option, up to four alternatives, the worst, the savings and the insight. */
    public static ObjectNode recommendation(Recommendation r) {
        ObjectNode n = NODES.objectNode();
        n.put("model", r.model().id());
        n.put("boundary", r.best().boundary().id());
        n.set("best", option(r.best()));
        ArrayNode alts = n.putArray("alternatives");
        r.alternatives().forEach(s -> alts.add(option(s)));
        n.put("candidates", r.candidates());
        n.put("medianGramsPerMillionTokens", round(r.medianGramsPerMillionTokens()));
        n.set("worst", option(r.worst()));
        n.put("savingsVsMedianPercent", round(r.savingsVsMedianPercent()));
        n.put("savingsVsMedianGramsPerMillionTokens", round(r.savingsVsMedianGramsPerMillionTokens()));
        n.put("savingsVsWorstPercent", round(r.savingsVsWorstPercent()));
        n.put("savingsVsWorstGramsPerMillionTokens", round(r.savingsVsWorstGramsPerMillionTokens()));
        // null when the best region has no hourly data: a flat annual average has no cleanest hour
        if (r.cleanestHour().isPresent()) {
            n.put("cleanestHourUtc", r.cleanestHour().get().utcHour());
            n.put("cleanestHourGramsPerKwh", round(r.cleanestHour().get().gramsPerKwh()));
        } else {
            n.putNull("cleanestHourUtc");
            n.putNull("cleanestHourGramsPerKwh");
        }
        n.put("rangesOverlap", r.rangesOverlap());
        n.put("insight", r.insight());
        return n;
    }

    /** A model's names only: {@code {id, name, family, aliases}}, the head of {@link #model(Model)}. */
    public static ObjectNode modelSummary(Model m) {
        ObjectNode n = NODES.objectNode();
        n.put("id", m.id());
        n.put("name", m.name());
        n.put("family", m.family().id());
        ArrayNode aliases = n.putArray("aliases");
        m.aliases().forEach(aliases::add);
        return n;
    }

    /** A model: parameters (or the assumption behind them) and energy per 1,000 tokens with its source. */
    public static ObjectNode model(Model m) {
        ObjectNode n = modelSummary(m);
        ObjectNode p = n.putObject("parameters");
        Parameters params = m.parameters();
        put(p, "totalBillions", params.totalBillions());
        put(p, "activeBillions", params.activeBillions());
        params.assumption().ifPresent(a -> p.put("assumption", a));
        EnergyProfile e = m.energy();
        ObjectNode en = n.putObject("energy");
        en.put("outputWhPer1kTokens", e.outputWhPer1kTokens());
        en.put("inputWhPer1kTokens", e.inputWhPer1kTokens());
        en.put("low", e.lowWhPer1kTokens());
        en.put("high", e.highWhPer1kTokens());
        en.put("basis", e.basis().name().toLowerCase(Locale.ROOT));
        en.put("hardware", e.hardware());
        e.method().ifPresent(x -> en.put("method", x));
        en.set("source", source(e.source()));
        e.note().ifPresent(x -> en.put("note", x));
        return n;
    }

    /** A provider: PUE with its source, and whether its data-centre locations are disclosed. */
    public static ObjectNode provider(Provider p) {
        ObjectNode n = NODES.objectNode();
        n.put("id", p.id());
        n.put("name", p.name());
        n.put("pue", p.pue());
        n.set("pueSource", source(p.pueSource()));
        n.put("location", p.location().name().toLowerCase(Locale.ROOT));
        n.put("locationNote", p.locationNote());
        return n;
    }

    /**
     * A region: where it is, its grid zone (and alternatives), and the zone's annual intensity under
     * {@code factor} (the emission factor in use) as well as both factors.
     */
    public static ObjectNode region(Region r, EmissionFactor factor) {
        Zone z = r.zone();
        ObjectNode n = NODES.objectNode();
        n.put("provider", r.provider());
        n.put("id", r.id());
        n.put("name", r.name());
        n.put("city", r.city());
        n.put("country", r.country());
        n.put("area", r.area().name());
        n.put("eu", r.inEu());
        n.put("zone", z.key());
        ArrayNode alt = n.putArray("alternativeZones");
        r.alternativeZones().forEach(a -> alt.add(a.key()));
        n.put("annualGramsPerKwh", z.annual().gramsPerKwh(factor));
        n.put("annualLifecycleGramsPerKwh", z.annual().lifecycleGramsPerKwh());
        n.put("annualDirectGramsPerKwh", z.annual().directGramsPerKwh());
        n.put("annualYear", z.annual().year());
        n.set("annualSource", source(z.annual().source()));
        n.put("profile", z.profile().flat() ? "flat" : "hourly");
        n.put("zoneSource", r.zoneSource().id());
        if (!r.zoneNote().isEmpty()) {
            n.put("zoneNote", r.zoneNote());
        }
        return n;
    }

    /**
     * A time-shifting answer ({@link CarbonBench#bestWindow}): {@code best} and {@code startingNow}
     * ({@link #window}) and {@code savedFraction}.
     */
    public static ObjectNode windowChoice(WindowChoice w) {
        ObjectNode n = NODES.objectNode();
        n.set("best", window(w.best()));
        n.set("startingNow", window(w.startingNow()));
        n.put("savedFraction", round(w.savedFraction()));
        return n;
    }

    /** One candidate window: where (endpoint and its parts), when, the mean carbon and intensity, provenance. */
    public static ObjectNode window(WindowChoice.Window x) {
        ObjectNode n = NODES.objectNode();
        n.put("endpoint", x.endpoint().toString());
        n.put("provider", x.endpoint().provider());
        n.put("region", x.endpoint().region());
        n.put("model", x.endpoint().model());
        n.put("start", x.start().toString());
        n.put("end", x.end().toString());
        n.put("meanGramsPerMillionTokens", round(x.meanGramsPerMillionTokens()));
        n.put("meanIntensityGramsPerKwh", round(x.meanIntensityGramsPerKwh()));
        n.put("provenance", x.provenance().name());
        return n;
    }

    /** The value under {@code field}, or {@code null} when there is none. */
    private static void put(ObjectNode n, String field, OptionalDouble value) {
        if (value.isPresent()) {
            n.put(field, value.getAsDouble());
        } else {
            n.putNull(field);
        }
    }

    /** Four significant digits: enough for every figure we publish, no float noise. */
    public static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(FOUR_DIGITS).doubleValue();
    }
}
