package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Family;
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

/**
 * The JSON API's endpoints: each parses its parameters, asks {@link CarbonBench}, and renders the
 * answer with {@link JsonViews} (the CLI's field names). No ranking, filtering or arithmetic happens
 * here beyond choosing which catalog listing to render. Thread-safe: it holds only the facade.
 */
final class Api {

    /** An endpoint: its accepted parameter names and what it computes from them. */
    record Endpoint(Set<String> parameters, BiFunction<Api, Params, JsonNode> handler) {
    }

    static final Map<String, Endpoint> ENDPOINTS = Map.of(
            "/api/leaderboard", new Endpoint(Set.of("family", "provider", "region", "model", "eu_only", "sort", "limit", "include_retired"),
                    Api::leaderboard),
            "/api/recommend", new Endpoint(Set.of("model", "provider", "region", "eu_only", "max_price"), Api::recommend),
            "/api/intensity", new Endpoint(Set.of("region"), Api::intensity),
            "/api/models", new Endpoint(Set.of("family", "all"), Api::models),
            "/api/providers", new Endpoint(Set.of(), Api::providers),
            "/api/regions", new Endpoint(Set.of("provider"), Api::regions),
            "/api/about", new Endpoint(Set.of(), Api::about));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CarbonBench bench;

    Api(CarbonBench bench) {
        this.bench = bench;
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
        ArrayNode rows = NODES.arrayNode();
        bench.leaderboard(q.build()).forEach(s -> rows.add(JsonViews.option(s)));
        return rows;
    }

    JsonNode recommend(Params p) {
        RecommendationRequest.Builder r = RecommendationRequest.builder(p.required("model")).euOnly(p.flag("eu_only"))
                .at(now());
        p.text("provider").ifPresent(r::provider);
        p.text("region").ifPresent(r::region);
        p.decimal("max_price").ifPresent(r::maxUsdPerMillionTokens);
        return JsonViews.recommendation(bench.recommend(r.build()));
    }

    JsonNode intensity(Params p) {
        return JsonViews.intensity(bench, p.required("region"));
    }

    JsonNode models(Params p) {
        Optional<Family> family = p.family("family");
        ArrayNode arr = NODES.arrayNode();
        boolean all = p.flag("all"); // models without a live offering are hidden unless all=true
        bench.catalog().models().stream()
                .filter(m -> family.isEmpty() || m.family() == family.get())
                .filter(m -> all || bench.catalog().isLive(m))
                .forEach(m -> arr.add(JsonViews.model(m).put("live", bench.catalog().isLive(m))));
        return arr;
    }

    /**
     * What the page's footer and filters need: the catalog's date and sources with their licences, the
     * accounting boundary, what each provenance word means, where grid data come from, and the models
     * that can be run (at least one of the catalog's offerings, which leave retired ones out).
     */
    JsonNode about(Params p) {
        ObjectNode n = NODES.objectNode();
        n.put("dataVersion", bench.catalog().dataVersion().toString());
        ArrayNode sources = n.putArray("sources");
        bench.catalog().sources().values().forEach(s -> sources.add(JsonViews.source(s)));
        n.put("boundary", "Energy per token of the model at the provider's data centre (measured where published, "
                + "estimated otherwise; each model's basis is shown) multiplied by the provider's PUE and the grid's "
                + bench.emissionFactor().name().toLowerCase(Locale.ROOT) + " intensity. Embodied emissions of the "
                + "hardware and the network are not included.");
        n.put("emissionFactor", bench.emissionFactor().name().toLowerCase(Locale.ROOT));
        n.put("inputShare", bench.tokenMix().inputShare());
        n.put("gridSource", bench.toString().replaceFirst(".*source=([^\\]]*)].*", "$1"));
        ObjectNode legend = n.putObject("provenance");
        legend.put("LIVE", "a live reading from a grid-data API, within its freshness limit");
        legend.put("FORECAST", "the grid operator's forecast for that hour");
        legend.put("HISTORY", "a past reading for that hour");
        legend.put("STALE", "a live reading older than its freshness limit, still the best value known");
        legend.put("DEFAULT", "no live value: the zone's embedded annual average or typical 24-hour profile");
        Set<String> offered = new java.util.HashSet<>();
        bench.catalog().offerings().forEach(o -> offered.add(o.model().id()));
        ArrayNode models = n.putArray("models");
        bench.catalog().models().stream()
                .filter(m -> offered.contains(m.id()))
                .forEach(m -> models.add(JsonViews.modelSummary(m)));
        return n;
    }

    JsonNode providers(Params p) {
        ArrayNode arr = NODES.arrayNode();
        bench.catalog().providers().forEach(pr -> arr.add(JsonViews.provider(pr)));
        return arr;
    }

    JsonNode regions(Params p) {
        Optional<String> provider = p.text("provider").map(id -> bench.catalog().provider(id).id());
        ArrayNode arr = NODES.arrayNode();
        bench.catalog().regions().stream()
                .filter(r -> provider.isEmpty() || r.provider().equals(provider.get()))
                .forEach(r -> arr.add(JsonViews.region(r, bench.emissionFactor())));
        return arr;
    }
}
