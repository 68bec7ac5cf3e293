package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Family;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.json.JsonViews;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The JSON API's endpoints: each parses its parameters, asks {@link CarbonBench}, and renders the
 * answer with {@link JsonViews} (the CLI's field names). No ranking, filtering or arithmetic happens
 * here beyond choosing which catalog listing to render. The scoring endpoints ({@code leaderboard},
 * {@code recommend}, {@code about}) take {@code boundary=gpu|server|lifecycle} and ask the facade of that
 * boundary ({@link Boundaries}); the default is the server's own. Thread-safe: it holds only the facades.
 */
final class Api {

    /** An endpoint: its accepted parameter names and what it computes from them. */
    record Endpoint(Set<String> parameters, BiFunction<Api, Params, JsonNode> handler) {
    }

    static final Map<String, Endpoint> ENDPOINTS = Map.of(
            "/api/leaderboard", new Endpoint(Set.of("family", "provider", "region", "model", "eu_only", "sort", "limit", "include_retired",
                    "boundary"),
                    Api::leaderboard),
            "/api/recommend", new Endpoint(Set.of("model", "provider", "region", "eu_only", "max_price", "boundary"), Api::recommend),
            "/api/intensity", new Endpoint(Set.of("region"), Api::intensity),
            "/api/models", new Endpoint(Set.of("family", "all"), Api::models),
            "/api/providers", new Endpoint(Set.of(), Api::providers),
            "/api/regions", new Endpoint(Set.of("provider"), Api::regions),
            "/api/about", new Endpoint(Set.of("boundary"), Api::about));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Boundaries boundaries;
    /** The server's own facade: the default boundary, and everything that does not depend on one. */
    private final CarbonBench bench;

    Api(Boundaries boundaries) {
        this.boundaries = boundaries;
        this.bench = boundaries.own();
    }

    /** The facade at the request's {@code boundary}, the server's own when none is given. */
    private CarbonBench bench(Params p) {
        return p.boundary("boundary").map(boundaries::at).orElse(bench);
    }

    /** The endpoint at this exact path, if any. */
    static Optional<Endpoint> endpoint(String path) {
        return Optional.ofNullable(ENDPOINTS.get(path));
    }

    /**
     * "Now" to the minute: every answer of a minute is computed for the same instant, so that equal
     * requests get equal answers (and the same ETag) instead of differing in the nanoseconds of {@code at}.
     */
    Instant now() {
        return bench.clock().instant().truncatedTo(ChronoUnit.MINUTES);
    }

    JsonNode leaderboard(Params p) {
        LeaderboardQuery.Builder q = LeaderboardQuery.builder().euOnly(p.flag("eu_only")).at(now())
                .includeRetired(p.flag("include_retired"));
        p.family("family").ifPresent(q::family);
        p.text("provider").ifPresent(q::provider);
        p.text("region").ifPresent(q::region);
        p.text("model").ifPresent(q::model);
        p.sort("sort").ifPresent(q::sort);
        p.limit("limit").ifPresent(q::limit);
        return array(bench(p).leaderboard(q.build()), JsonViews::option);
    }

    JsonNode recommend(Params p) {
        RecommendationRequest.Builder r = RecommendationRequest.builder(p.required("model")).euOnly(p.flag("eu_only"))
                .at(now());
        p.text("provider").ifPresent(r::provider);
        p.text("region").ifPresent(r::region);
        p.decimal("max_price").ifPresent(r::maxUsdPerMillionTokens);
        return JsonViews.recommendation(bench(p).recommend(r.build()));
    }

    JsonNode intensity(Params p) {
        return JsonViews.intensity(bench, p.required("region"));
    }

    JsonNode models(Params p) {
        Optional<Family> family = p.family("family");
        boolean all = p.flag("all"); // models without a live offering are hidden unless all=true
        return array(bench.catalog().models().stream()
                .filter(m -> family.isEmpty() || m.family() == family.get())
                .filter(m -> all || bench.catalog().isLive(m)).toList(),
                m -> JsonViews.model(m).put("live", bench.catalog().isLive(m)));
    }

    /**
     * What the page's footer and filters need: the catalog's date and sources with their licences, the
     * accounting boundary, what each provenance word means, where grid data come from, and the models
     * that can be run (at least one of the catalog's offerings, which leave retired ones out). {@code boundary}
     * is the id the figures are computed at ({@code boundary=} or the server's own), {@code boundaryText} says
     * what it counts, and {@code boundaries} lists every boundary with its one-line summary and the server's
     * default.
     */
    JsonNode about(Params p) {
        CarbonBench at = bench(p);
        Boundary boundary = at.boundary();
        ObjectNode n = NODES.objectNode();
        n.put("dataVersion", bench.catalog().dataVersion().toString());
        ArrayNode sources = n.putArray("sources");
        bench.catalog().sources().values().forEach(s -> sources.add(JsonViews.source(s)));
        n.put("boundary", boundary.id());
        n.put("boundaryText", boundaryText(boundary, bench.emissionFactor().name().toLowerCase(Locale.ROOT)));
        ArrayNode all = n.putArray("boundaries");
        for (Boundary b : Boundary.values()) {
            all.addObject().put("id", b.id()).put("summary", summary(b)).put("default", b == bench.boundary());
        }
        n.put("emissionFactor", bench.emissionFactor().name().toLowerCase(Locale.ROOT));
        n.put("inputShare", bench.tokenMix().inputShare());
        n.put("gridSource", at.gridSourceName());
        ObjectNode legend = n.putObject("provenance");
        legend.put("LIVE", "a live reading from a grid-data API, within its freshness limit");
        legend.put("FORECAST", "the grid operator's forecast for that hour");
        legend.put("HISTORY", "a past reading for that hour");
        legend.put("STALE", "a live reading older than its freshness limit, still the best value known");
        legend.put("DEFAULT", "no live value: the zone's embedded annual average or typical 24-hour profile");
        ArrayNode models = n.putArray("models");
        bench.catalog().models().stream()
                .filter(bench.catalog()::isLive)
                .forEach(m -> models.add(JsonViews.modelSummary(m)));
        return n;
    }

    /** One line per boundary: what it counts and which public figures it is comparable with (the page's selector). */
    private static String summary(Boundary b) {
        return switch (b) {
            case GPU -> "Accelerator energy only, times PUE: the formula of CarbonBench 0.1, comparable with "
                    + "ML.ENERGY and the AI Energy Score.";
            case SERVER -> "Accelerator plus host CPU and memory and idle provisioned capacity, times PUE: "
                    + "comparable with Google's, Microsoft's and OpenAI's per-prompt figures.";
            case LIFECYCLE -> "Server plus the embodied emissions of the accelerator and its server: comparable "
                    + "with Mistral's life-cycle analysis and EcoLogits with embodied impacts.";
        };
    }

    private static String boundaryText(Boundary b, String factor) {
        String energy = "Energy per token of the model at the provider's data centre (measured where published, "
                + "estimated otherwise; each model's basis is shown)";
        String tail = " multiplied by the provider's PUE and the grid's " + factor + " intensity.";
        return switch (b) {
            case GPU -> energy + ", accelerator only," + tail + " Host, idle capacity and embodied emissions are not "
                    + "included.";
            case SERVER -> energy + ", accelerator plus host CPU, memory and idle provisioned capacity," + tail
                    + " Embodied emissions of the hardware and the network are not included.";
            case LIFECYCLE -> energy + ", accelerator plus host CPU, memory and idle provisioned capacity," + tail
                    + " Plus the embodied emissions of the accelerator and its server; the network is not included.";
        };
    }

    JsonNode providers(Params p) {
        return array(bench.catalog().providers(), JsonViews::provider);
    }

    JsonNode regions(Params p) {
        Optional<String> provider = p.text("provider").map(id -> bench.catalog().provider(id).id());
        return array(bench.catalog().regions().stream()
                .filter(r -> provider.isEmpty() || r.provider().equals(provider.get())).toList(),
                r -> JsonViews.region(r, bench.emissionFactor()));
    }

    /** {@code items} as a JSON array, each through {@code view}. */
    private static <T> ArrayNode array(Iterable<T> items, Function<T, ? extends JsonNode> view) {
        ArrayNode arr = NODES.arrayNode();
        items.forEach(item -> arr.add(view.apply(item)));
        return arr;
    }
}
