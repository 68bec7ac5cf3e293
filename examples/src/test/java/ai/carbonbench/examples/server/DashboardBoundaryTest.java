package ai.carbonbench.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.testing.StubGridSource;
import ai.carbonbench.examples.server.TestServer.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code boundary=} on the scoring endpoints, on the embedded catalog at a fixed noon. */
final class DashboardBoundaryTest {

    /** JSON figures carry four significant digits: a ratio of two of them is exact to about 1e-3. */
    private static final double ROUNDING = 1.5e-3;

    @RegisterExtension
    static final TestServer server = TestServer.onEmbedded();

    /** The constant read from the catalog's data, not from the scorer. */
    private static double serverFactor() {
        return Catalog.embedded().method("boundary-v1").orElseThrow().require("server.factor");
    }

    private static JsonNode only(String query) {
        Response r = server.get(query);
        assertThat(r.status()).as(query).isEqualTo(200);
        JsonNode rows = r.json();
        assertThat(rows).as(query).hasSize(1);
        return rows.get(0);
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    @Test
    void gpu_grams_are_the_server_grams_divided_by_the_catalogs_server_factor() {
        JsonNode first = server.get("/api/leaderboard?limit=1").json().get(0);
        String one = "model=" + first.get("model").asText() + "&provider=" + first.get("provider").asText() + "&region="
                + first.get("region").asText();
        JsonNode atServer = only("/api/leaderboard?" + one + "&boundary=server");
        JsonNode atGpu = only("/api/leaderboard?" + one + "&boundary=gpu");
        assertThat(atServer.get("boundary").asText()).isEqualTo("server");
        assertThat(atGpu.get("boundary").asText()).isEqualTo("gpu");
        assertThat(atGpu.get("intensityGramsPerKwh").asDouble()).isEqualTo(atServer.get("intensityGramsPerKwh").asDouble());
        for (String field : List.of("gramsPerMillionTokens", "gramsLow", "gramsHigh")) {
            double ratio = atServer.get(field).asDouble() / atGpu.get(field).asDouble();
            assertThat(ratio).as(field).isCloseTo(serverFactor(), within(serverFactor() * ROUNDING));
        }
        JsonNode atLifecycle = only("/api/leaderboard?" + one + "&boundary=LifeCycle");
        assertThat(atLifecycle.get("boundary").asText()).isEqualTo("lifecycle");
        assertThat(atLifecycle.get("gramsPerMillionTokens").asDouble())
                .isGreaterThan(atServer.get("gramsPerMillionTokens").asDouble());
    }

    @Test
    void the_default_is_the_servers_own_boundary() {
        Response plain = server.get("/api/leaderboard?limit=20");
        assertThat(texts(plain.json(), "boundary")).containsOnly("server");
        assertThat(server.get("/api/leaderboard?limit=20&boundary=server").body()).isEqualTo(plain.body());
        assertThat(texts(server.get("/api/leaderboard?limit=20&boundary=gpu").json(), "boundary")).containsOnly("gpu");
    }

    @Test
    void recommend_and_about_take_the_boundary_too() {
        JsonNode first = server.get("/api/leaderboard?limit=1").json().get(0);
        String model = first.get("model").asText();
        JsonNode atServer = server.get("/api/recommend?model=" + model).json();
        JsonNode atGpu = server.get("/api/recommend?model=" + model + "&boundary=gpu").json();
        assertThat(atServer.get("boundary").asText()).isEqualTo("server");
        assertThat(atGpu.get("boundary").asText()).isEqualTo("gpu");
        assertThat(atServer.get("best").get("gramsPerMillionTokens").asDouble()
                / atGpu.get("best").get("gramsPerMillionTokens").asDouble())
                .isCloseTo(serverFactor(), within(serverFactor() * ROUNDING));

        JsonNode about = server.get("/api/about").json();
        assertThat(about.get("boundary").asText()).isEqualTo("server");
        assertThat(texts(about.get("boundaries"), "id")).containsExactly("gpu", "server", "lifecycle");
        assertThat(StreamSupport.stream(about.get("boundaries").spliterator(), false)
                .filter(b -> b.get("default").asBoolean()).map(b -> b.get("id").asText())).containsExactly("server");
        JsonNode aboutGpu = server.get("/api/about?boundary=gpu").json();
        assertThat(aboutGpu.get("boundary").asText()).isEqualTo("gpu");
        assertThat(aboutGpu.get("boundaryText").asText()).isNotEqualTo(about.get("boundaryText").asText());
    }

    @Test
    void the_boundary_is_part_of_the_etag() {
        String server1 = server.get("/api/leaderboard?limit=5").header("ETag");
        String gpu = server.get("/api/leaderboard?limit=5&boundary=gpu").header("ETag");
        assertThat(server1).isNotEmpty();
        assertThat(gpu).isNotEmpty().isNotEqualTo(server1);
        assertThat(server.get("/api/leaderboard?limit=5&boundary=server").header("ETag")).isEqualTo(server1);
    }

    @Test
    void a_bad_boundary_is_400_naming_the_valid_ids() {
        for (String path : List.of("/api/leaderboard?boundary=wall-plug", "/api/recommend?model=x&boundary=gpus",
                "/api/about?boundary=1")) {
            Response r = server.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.header("Content-Type")).isEqualToIgnoringWhitespace("application/json; charset=utf-8");
            assertThat(r.json().get("error").asText()).contains("gpu", "server", "lifecycle").doesNotContain("wall-plug");
            assertThat(StreamSupport.stream(r.json().get("suggestions").spliterator(), false).map(JsonNode::asText))
                    .containsExactly("gpu", "server", "lifecycle");
        }
        assertThat(server.get("/api/intensity?region=x&boundary=gpu").status()).as("a curve carries no grams").isEqualTo(400);
    }

    @Test
    void other_boundaries_read_the_grid_source_the_servers_bench_was_built_with_and_never_close_it() {
        FixedSource source = new FixedSource(123.0);
        CarbonBench bench = CarbonBench.builder().clock(TestServer.NOON).gridSource(source).build();
        TestServer live = TestServer.on(bench, source);
        try {
            for (String b : List.of("server", "gpu", "lifecycle")) {
                JsonNode rows = live.get("/api/leaderboard?limit=10&boundary=" + b).json();
                assertThat(texts(rows, "provenance")).as(b).containsOnly("LIVE");
                rows.forEach(row -> assertThat(row.get("intensityGramsPerKwh").asDouble()).as(b).isEqualTo(123.0));
                assertThat(live.get("/api/about?boundary=" + b).json().get("gridSource").asText()).as(b)
                        .isEqualTo("fixed");
            }
        } finally {
            live.server.close();
        }
        assertThat(source.closed).as("the server does not own the source").isFalse();
        bench.close();
        assertThat(source.closed).isTrue();
    }

    /** The same live reading for every zone, at the fixed noon. */
    private static final class FixedSource extends StubGridSource {
        private final double grams;
        volatile boolean closed;

        FixedSource(double grams) {
            super("fixed");
            this.grams = grams;
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            return Optional.of(new GridIntensity(zone, grams, TestServer.NOON.instant(), "fixed", false, Provenance.LIVE));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
