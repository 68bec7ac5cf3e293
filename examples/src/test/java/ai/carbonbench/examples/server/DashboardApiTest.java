package ai.carbonbench.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.examples.server.TestServer.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON API through java.net.http against the server on an ephemeral loopback port, on the fixture catalog. */
final class DashboardApiTest {

    @RegisterExtension
    static final TestServer server = TestServer.onFixture();

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static List<Double> numbers(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asDouble()).toList();
    }

    @Test
    void the_leaderboard_ranks_every_offering_by_carbon_by_default() {
        Response r = server.get("/api/leaderboard");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualToIgnoringWhitespace("application/json; charset=utf-8");
        JsonNode rows = r.json();
        assertThat(rows).hasSize(8);
        assertThat(numbers(rows, "gramsPerMillionTokens")).isSorted();
        assertThat(rows.get(0).get("provenance").asText()).isEqualTo("DEFAULT");
        assertThat(rows.get(0).get("at").asText()).isEqualTo("2026-06-01T12:00:00Z");
    }

    @Test
    void the_leaderboard_filters_by_family_provider_region_model_and_eu() {
        assertThat(texts(server.get("/api/leaderboard?family=qwen").json(), "model")).containsOnly("big-70b").hasSize(2);
        assertThat(texts(server.get("/api/leaderboard?provider=api").json(), "provider")).containsOnly("api").hasSize(2);
        assertThat(texts(server.get("/api/leaderboard?region=central-1").json(), "region")).containsOnly("central-1")
                .hasSize(2);
        assertThat(texts(server.get("/api/leaderboard?model=small.8b-v1:0").json(), "model")).containsOnly("small-8b")
                .hasSize(6);
        assertThat(texts(server.get("/api/leaderboard?eu_only=true").json(), "country")).containsOnly("SE", "DE");
        assertThat(server.get("/api/leaderboard?family=llama&provider=cloud&eu_only=false").json()).hasSize(4);
    }

    @Test
    void the_leaderboard_sorts_by_cost_or_speed_and_limits() {
        JsonNode byCost = server.get("/api/leaderboard?sort=cost&limit=3").json();
        assertThat(byCost).hasSize(3);
        assertThat(numbers(byCost, "usdPerMillionTokens")).isSorted().first().isEqualTo(0.1);
        assertThat(server.get("/api/leaderboard?sort=SPEED").status()).isEqualTo(200);
        assertThat(server.get("/api/leaderboard?sort=carbon&limit=1").json()).hasSize(1);
    }

    @Test
    void recommends_the_best_option_four_alternatives_savings_and_the_cleanest_hour() {
        JsonNode n = server.get("/api/recommend?model=small-8b").json();
        assertThat(n.get("model").asText()).isEqualTo("small-8b");
        assertThat(n.get("alternatives")).hasSize(4);
        assertThat(n.get("savingsVsMedianPercent").asDouble()).isEqualTo(84.62);
        assertThat(n.get("cleanestHourUtc").isNull()).as("flat profile: no cleanest hour").isTrue();
        assertThat(n.get("insight").asText()).startsWith("Run Small 8B");
        JsonNode cheapCloud = server.get("/api/recommend?model=small-8b&provider=cloud&max_price=0.4").json();
        assertThat(cheapCloud.get("best").get("provider").asText()).isEqualTo("cloud");
        assertThat(cheapCloud.get("best").get("usdPerMillionTokens").asDouble()).isLessThanOrEqualTo(0.4);
        JsonNode eu = server.get("/api/recommend?model=small-8b&eu_only=true&region=central-1").json();
        assertThat(eu.get("best").get("region").asText()).isEqualTo("central-1");
        assertThat(eu.get("cleanestHourUtc").asInt()).isEqualTo(11);
    }

    @Test
    void intensity_gives_24_hours_with_the_minimum_and_provenance_on_each_point() {
        JsonNode c = server.get("/api/intensity?region=central-1").json();
        assertThat(c.get("history").get("points")).hasSize(24);
        assertThat(c.get("history").get("points").get(23).get("at").asText())
                .isEqualTo(c.get("points").get(0).get("at").asText());
        assertThat(c.get("forecast").isNull()).as("no live source, no forecast").isTrue();
        assertThat(c.get("points")).hasSize(24);
        assertThat(c.get("minimumHourUtc").asInt()).isEqualTo(11);
        assertThat(c.get("points").get(0).get("utcHour").asInt()).isEqualTo(12);
        assertThat(texts(c.get("points"), "provenance")).containsOnly("DEFAULT");
        assertThat(c.get("minimumGramsPerKwh").asDouble())
                .isEqualTo(numbers(c.get("points"), "gramsPerKwh").stream().mapToDouble(d -> d).min().orElseThrow());
        assertThat(server.get("/api/intensity?region=cloud/north-1").json().get("flat").asBoolean()).isNotNull();
    }

    @Test
    void lists_models_providers_and_regions() {
        assertThat(texts(server.get("/api/models").json(), "id")).containsExactly("small-8b", "big-70b");
        assertThat(texts(server.get("/api/models?family=qwen").json(), "id")).containsExactly("big-70b");
        assertThat(server.get("/api/models?all=true").status()).isEqualTo(200);
        server.get("/api/models").json().forEach(m -> assertThat(m.get("live").asBoolean()).isTrue());
        assertThat(server.get("/api/leaderboard?include_retired=true").status()).isEqualTo(200);
        assertThat(texts(server.get("/api/providers").json(), "id")).containsExactly("cloud", "api");
        assertThat(server.get("/api/regions").json()).hasSize(6);
        assertThat(texts(server.get("/api/regions?provider=api").json(), "id")).containsExactly("us", "north-1");
    }

    @Test
    void an_unknown_model_is_404_with_the_closest_ids() {
        Response r = server.get("/api/recommend?model=smal-8b");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("Unknown model 'smal-8b'; did you mean small-8b?");
        assertThat(r.json().get("suggestions").get(0).asText()).isEqualTo("small-8b");
    }

    @Test
    void unknown_providers_regions_and_ambiguous_regions_are_404() {
        assertThat(server.get("/api/leaderboard?provider=clod").status()).isEqualTo(404);
        assertThat(server.get("/api/leaderboard?provider=clod").json().get("suggestions").get(0).asText()).isEqualTo("cloud");
        assertThat(server.get("/api/intensity?region=central-2").status()).isEqualTo(404);
        Response ambiguous = server.get("/api/intensity?region=north-1");
        assertThat(ambiguous.status()).isEqualTo(404);
        assertThat(ambiguous.json().get("error").asText()).contains("ambiguous");
        assertThat(server.get("/api/regions?provider=nope").status()).isEqualTo(404);
    }

    @Test
    void no_offering_within_the_constraints_is_404_and_says_where_the_model_runs() {
        Response r = server.get("/api/recommend?model=big-70b&max_price=0.01");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("No offering of big-70b").contains("cloud/central-1");
    }

    @Test
    void bad_parameter_values_are_400_with_what_would_be_valid() {
        Response sort = server.get("/api/leaderboard?sort=weight");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.json().get("error").asText()).isEqualTo("parameter 'sort' must be one of [carbon, cost, speed]");
        assertThat(sort.json().get("suggestions")).hasSize(3);
        Response family = server.get("/api/leaderboard?family=grok");
        assertThat(family.status()).isEqualTo(400);
        assertThat(family.json().get("suggestions").toString()).contains("llama", "qwen");
        for (String q : List.of("/api/leaderboard?limit=0", "/api/leaderboard?limit=1001", "/api/leaderboard?limit=ten",
                "/api/leaderboard?limit=-1", "/api/leaderboard?eu_only=maybe", "/api/recommend?model=small-8b&max_price=-1",
                "/api/recommend?model=small-8b&max_price=1e3", "/api/recommend?model=small-8b&max_price=NaN",
                "/api/recommend", "/api/recommend?model=", "/api/intensity", "/api/leaderboard?colour=green",
                "/api/leaderboard?sort=cost&sort=carbon", "/api/providers?x=1")) {
            Response r = server.get(q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(q).isNotBlank();
        }
        assertThat(server.get("/api/recommend").json().get("error").asText()).isEqualTo("parameter 'model' is required");
    }

    @Test
    void overlong_and_odd_character_parameters_are_400_and_never_echoed() {
        List<String> hostile = new ArrayList<>(List.of(
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E",          // <script>alert(1)</script>
                "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", // "><img src=x onerror=alert(1)>
                "x%27%3B%20DROP%20TABLE%20models%3B--",           // x'; DROP TABLE models;--
                "llama%0D%0AX-Injected%3A%201",                   // CR LF header injection
                "llama%00",                                       // NUL
                "%E2%80%AEllama",                                 // right-to-left override
                "%F0%9F%A6%99",                                   // an emoji
                "%7B%7Bconstructor%7D%7D",                        // {{constructor}}
                "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",                 // ${jndi:ldap://x}
                "a".repeat(101)));
        for (String value : hostile) {
            for (String endpoint : List.of("/api/recommend?model=", "/api/leaderboard?provider=", "/api/intensity?region=")) {
                Response r = server.get(endpoint + value);
                assertThat(r.status()).as(endpoint + value).isEqualTo(400);
                String decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
                assertThat(r.body()).as(endpoint + value).doesNotContain(decoded).doesNotContain(value)
                        .doesNotContain("script").doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(r.headers().map()).doesNotContainKey("x-injected");
            }
        }
        assertThat(server.get("/api/recommend?model=" + "a".repeat(101)).json().get("error").asText())
                .isEqualTo("parameter 'model' is longer than 100 characters");
        assertThat(server.get("/api/recommend?model=" + "b".repeat(100)).status()).isEqualTo(404);
        assertThat(server.get("/api/leaderboard?" + "x".repeat(2001)).status()).isEqualTo(400);
        assertThat(server.get("/api/leaderboard?%3Cb%3E=1").body()).doesNotContain("<b>");
    }

    @Test
    void malformed_percent_encoding_and_raw_traversal_sent_over_a_socket_are_refused_as_json() {
        String malformed = server.raw("GET /api/recommend?model=%zz%3C HTTP/1.1");
        assertThat(malformed).startsWith("HTTP/1.1 400").doesNotContain("%zz").doesNotContain("<html")
                .containsIgnoringCase("Access-Control-Allow-Origin: *").containsIgnoringCase("X-Content-Type-Options: nosniff")
                .contains("{\"error\":\"malformed percent-encoding in the query string\"");
        // Jetty refuses a path that climbs above the root itself (400); its answer is our JSON, not its HTML page.
        for (String line : List.of("GET /../../../../etc/passwd HTTP/1.1", "GET /api/../../pom.xml HTTP/1.1")) {
            String answer = server.raw(line);
            assertThat(answer).as(line).matches("(?s)HTTP/1.1 40[04] .*").doesNotContain("root:").doesNotContain("<project")
                    .doesNotContain("<html").containsIgnoringCase("Content-Type: application/json")
                    .containsIgnoringCase("X-Content-Type-Options: nosniff").contains("{\"error\":");
        }
    }

    @Test
    void methods_other_than_get_head_and_options_are_405_with_the_usual_headers() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
            for (String path : List.of("/api/recommend?model=small-8b", "/api/leaderboard", "/")) {
                Response r = server.send(method, path);
                assertThat(r.status()).as(method + " " + path).isEqualTo(405);
                assertThat(r.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
                assertThat(r.json().get("error").asText()).contains("GET, HEAD, OPTIONS only");
                assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            }
        }
        assertThat(server.send("POST", "/api/leaderboard").header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void paths_outside_the_api_and_the_page_are_404_including_traversal_attempts() {
        for (String path : List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/app.js/../../../pom.xml", "/api/../app.js", "/api/models/../../etc/passwd", "/api/models/",
                "/api/models.json", "/API/models", "/api", "/api/", "//etc/passwd", "/index.html", "/static/app.js",
                "/ai/carbonbench/examples/server/static/app.js", "/ai/carbonbench/core/catalog/catalog.json",
                "/META-INF/MANIFEST.MF", "/%00", "/app.js%00.html", "/WEB-INF/web.xml", "/.git/config")) {
            Response r = server.get(path);
            // Paths that climb above the root or hide a NUL are refused by Jetty before any handler (400).
            assertThat(r.status()).as(path).isIn(400, 404);
            assertThat(r.json().get("error").asText()).as(path).isIn("not found",
                    "bad request: malformed or ambiguous request line or path");
            assertThat(r.body()).doesNotContain("passwd").doesNotContain("root:");
        }
    }

    @Test
    void serves_the_page_its_script_and_style_with_a_strict_content_security_policy() {
        Response page = server.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'");
        assertThat(page.body()).contains("<table id=\"leaderboard\">", "<caption", "scope=\"col\"", "aria-sort=");
        Response js = server.get("/app.js");
        assertThat(js.header("Content-Type")).startsWith("text/javascript");
        assertThat(js.body()).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("eval(")
                .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg\")"); // no URL but the SVG namespace
        assertThat(server.get("/app.css").header("Content-Type")).startsWith("text/css");
        assertThat(page.body()).doesNotContain("https://").doesNotContain("//cdn");
    }

    @Test
    void api_answers_allow_any_origin_and_are_not_sniffed_or_cached() {
        Response r = server.get("/api/providers");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Cache-Control")).as("revalidate with the ETag").isEqualTo("no-cache");
        assertThat(server.get("/api/recommend?model=smal-8b").header("Cache-Control")).isEqualTo("no-store");
        assertThat(server.get("/api/recommend?model=smal-8b").header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(server.get("/").header("Access-Control-Allow-Origin")).isEmpty();
    }
}
