package ai.carbonbench.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI end to end through picocli, on the small fixture catalog at a fixed time. */
final class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Clock NOON = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = CarbonBenchCli.commandLine(new CarbonBenchCli(NOON));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run onFixture(String... args) {
        List<String> all = new ArrayList<>(List.of("--catalog", fixture()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    static String fixture() {
        try {
            return Path.of(CliTest.class.getResource("/mini-catalog.json").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recommend_prints_the_best_option_and_the_insight() {
        Run r = onFixture("recommend", "small-8b", "--provider", "cloud");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("cloud/north-1").contains("Run Small 8B on Test Cloud north-1");
    }

    @Test
    void recommend_json_has_the_documented_fields() throws Exception {
        JsonNode n = onFixture("recommend", "small-8b", "--json").json();
        assertThat(n.get("model").asText()).isEqualTo("small-8b");
        assertThat(n.get("alternatives")).hasSize(4);
        assertThat(n.get("cleanestHourUtc").isNull()).as("the fixture's best region has no hourly data").isTrue();
        assertThat(n.get("savingsVsMedianPercent").asDouble()).isCloseTo(84.62, org.assertj.core.api.Assertions.within(0.01));
        JsonNode best = n.get("best");
        for (String field : List.of("model", "provider", "region", "zone", "intensityGramsPerKwh", "provenance",
                "gramsPerMillionTokens", "gramsLow", "gramsHigh", "usdPerMillionTokens", "tokensPerSecond")) {
            assertThat(best.has(field)).as(field).isTrue();
        }
        assertThat(best.get("provenance").asText()).isEqualTo("DEFAULT");
        assertThat(n.get("insight").asText()).startsWith("Run Small 8B");
    }

    @Test
    void an_unknown_model_exits_2_and_names_the_closest_ids() {
        Run r = onFixture("recommend", "smal-8b");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown model 'smal-8b'; did you mean small-8b").doesNotContain("at ai.");
    }

    @Test
    void verbose_adds_the_stack_trace() {
        Run r = onFixture("--verbose", "recommend", "smal-8b");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("at ai.carbonbench");
    }

    @Test
    void score_with_tokens_gives_the_grams_of_the_call() throws Exception {
        JsonNode n = onFixture("score", "--model", "small-8b", "--provider", "cloud", "--region", "east-1",
                "--input-tokens", "2000", "--output-tokens", "500", "--json").json();
        assertThat(n.get("grams").asDouble()).isEqualTo(0.0112);
        assertThat(n.get("gramsPerMillionTokens").asDouble()).isEqualTo(5.2);
    }

    @Test
    void score_intensity_overrides_the_grid() throws Exception {
        JsonNode n = onFixture("score", "--model", "small-8b", "--provider", "cloud", "--region", "east-1",
                "--intensity", "50", "--json").json();
        assertThat(n.get("intensityGramsPerKwh").asDouble()).isEqualTo(50);
        assertThat(n.get("provenance").asText()).isEqualTo("OVERRIDE");
    }

    @Test
    void an_offering_that_does_not_exist_exits_2_and_lists_where_the_model_runs() {
        Run r = onFixture("score", "--model", "big-70b", "--provider", "api", "--region", "us");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cloud/central-1");
    }

    @Test
    void leaderboard_filters_sorts_and_limits() throws Exception {
        JsonNode rows = onFixture("leaderboard", "--sort", "cost", "--limit", "2", "--json").json();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("usdPerMillionTokens").asDouble()).isEqualTo(0.1);
        JsonNode eu = onFixture("leaderboard", "--eu-only", "--json").json();
        eu.forEach(row -> assertThat(row.get("country").asText()).isIn("SE", "DE"));
        Run table = onFixture("leaderboard", "--family", "qwen");
        assertThat(table.out()).contains("big-70b").contains("x-region").doesNotContain("small-8b");
    }

    @Test
    void an_invalid_option_value_exits_2() {
        assertThat(onFixture("leaderboard", "--sort", "weight").exitCode()).isEqualTo(2);
        assertThat(onFixture("leaderboard", "--family", "grok").err()).contains("unknown family 'grok'");
        assertThat(onFixture("leaderboard", "--at", "tomorrow").err()).contains("not a UTC time");
    }

    @Test
    void models_providers_and_regions_list_the_catalog() throws Exception {
        JsonNode models = onFixture("models", "--json").json();
        assertThat(models).hasSize(2);
        JsonNode energy = models.get(0).get("energy");
        for (String f : List.of("outputWhPer1kTokens", "inputWhPer1kTokens", "low", "high", "basis", "source")) {
            assertThat(energy.has(f)).as(f).isTrue();
        }
        assertThat(onFixture("models", "--family", "qwen", "--json").json()).hasSize(1);
        JsonNode providers = onFixture("providers", "--json").json();
        assertThat(providers.get(0).get("pue").asDouble()).isEqualTo(1.0);
        assertThat(providers.get(1).get("location").asText()).isEqualTo("unknown");
        JsonNode regions = onFixture("regions", "--json").json();
        assertThat(regions).hasSize(6);
        assertThat(regions.get(0).get("annualGramsPerKwh").asDouble()).isEqualTo(20);
        assertThat(regions.get(0).get("zone").asText()).isEqualTo("Z-CLEAN");
        assertThat(onFixture("regions").out()).contains("Z-DIRTY (or Z-ALT)");
    }

    @Test
    void curve_draws_24_hours_and_marks_the_lowest() throws Exception {
        Run r = onFixture("curve", "central-1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().filter(l -> l.matches("\\d\\d:00 .*"))).hasSize(24);
        assertThat(r.out()).contains("11:00").contains("← lowest");
        JsonNode n = onFixture("curve", "central-1", "--json").json();
        assertThat(n.get("points")).hasSize(24);
        assertThat(n.get("minimumHourUtc").asInt()).isEqualTo(11);
        assertThat(onFixture("curve", "north-1").exitCode()).isEqualTo(2);
    }

    @Test
    void recommends_llama_70b_on_the_embedded_catalog() throws Exception {
        Run r = run("recommend", "llama-3.1-70b");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Run Llama 3.1 70B");
        JsonNode n = run("recommend", "meta.llama3-1-70b-instruct-v1:0", "--json").json();
        assertThat(n.get("model").asText()).isEqualTo("llama-3.1-70b");
        assertThat(n.get("best").get("gramsLow").asDouble()).isLessThanOrEqualTo(n.get("best").get("gramsPerMillionTokens").asDouble());
    }

    @Test
    void embedded_listings_are_complete() throws Exception {
        assertThat(run("models", "--all", "--json").json().size()).isGreaterThanOrEqualTo(85);
        JsonNode live = run("models", "--json").json();
        assertThat(live.size()).isEqualTo((int) ai.carbonbench.core.catalog.Catalog.embedded().models().stream()
                .filter(ai.carbonbench.core.catalog.Catalog.embedded()::isLive).count());
        live.forEach(m -> assertThat(m.get("live").asBoolean()).as(m.get("id").asText()).isTrue());
        assertThat(run("providers", "--json").json()).hasSize(7);
        assertThat(run("regions", "--json").json().size()).isGreaterThanOrEqualTo(20);
        assertThat(run("leaderboard", "--limit", "0", "--json").json().size())
                .isEqualTo(ai.carbonbench.core.catalog.Catalog.embedded().offerings().size());
    }

    @Test
    void window_finds_the_cleanest_start_before_the_deadline() throws Exception {
        JsonNode n = onFixture("window", "--model", "big-70b", "--duration", "2h", "--deadline",
                "2026-06-02T14:00Z", "--json").json();
        assertThat(n.get("best").get("region").asText()).isEqualTo("central-1");
        assertThat(n.get("best").get("start").asText()).isEqualTo("2026-06-02T11:00:00Z");
        // (90 + 100) / 2 against (100 + 150) / 2 when starting at noon
        assertThat(n.get("savedFraction").asDouble()).isCloseTo(0.24, org.assertj.core.api.Assertions.within(1e-3));
        Run text = onFixture("window", "--model", "big-70b", "--duration", "2h", "--deadline", "2026-06-02T14:00Z");
        assertThat(text.out()).contains("Start 2026-06-02T11:00:00Z on cloud/central-1/big-70b").contains("saves 24%");
    }

    @Test
    void window_rejects_bad_durations_and_deadlines_with_exit_2() {
        assertThat(onFixture("window", "--model", "big-70b", "--duration", "soon", "--deadline", "2026-06-02T14:00Z")
                .err()).contains("--duration");
        assertThat(onFixture("window", "--model", "big-70b", "--duration", "2h", "--deadline", "tomorrow")
                .exitCode()).isEqualTo(2);
        assertThat(onFixture("window", "--model", "big-70b", "--duration", "2h", "--deadline", "2026-06-01T11:00Z")
                .exitCode()).isEqualTo(2);
    }

    /** A source that knows one zone's value: enough to write a snapshot the CLI then reads. */
    record OneZone(String zone, double gramsPerKwh) implements ai.carbonbench.core.grid.GridIntensitySource {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public java.util.Optional<ai.carbonbench.core.grid.GridIntensity> current(String z) {
            return z.equals(zone) ? java.util.Optional.of(new ai.carbonbench.core.grid.GridIntensity(zone, gramsPerKwh,
                    NOON.instant(), "test", false, ai.carbonbench.core.grid.Provenance.LIVE)) : java.util.Optional.empty();
        }

        @Override
        public List<ai.carbonbench.core.grid.GridIntensity> history(String z) {
            return List.of();
        }

        @Override
        public List<ai.carbonbench.core.grid.GridIntensity> forecast(String z) {
            return List.of();
        }
    }

    @Test
    void a_snapshot_feeds_every_command_and_refresh_writes_one(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("grid.json");
        ai.carbonbench.core.grid.SnapshotSource.write(new OneZone("Z-UK", 50), List.of("Z-UK"), NOON.instant(),
                java.nio.file.Files.newOutputStream(snapshot));
        JsonNode n = onFixture("--snapshot", snapshot.toString(), "--wait", "5s", "score", "--model", "small-8b",
                "--provider", "cloud", "--region", "uk-1", "--json").json();
        assertThat(n.get("intensityGramsPerKwh").asDouble()).isEqualTo(50);
        assertThat(n.get("provenance").asText()).isNotEqualTo("DEFAULT");
        // zones the snapshot lacks fall back to the embedded profiles
        JsonNode other = onFixture("--snapshot", snapshot.toString(), "score", "--model", "small-8b",
                "--provider", "cloud", "--region", "north-1", "--json").json();
        assertThat(other.get("provenance").asText()).isEqualTo("DEFAULT");

        Path copy = dir.resolve("copy.json");
        Run r = onFixture("--snapshot", snapshot.toString(), "refresh", "--out", copy.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 of 5 zones");
        assertThat(java.nio.file.Files.readString(copy)).contains("Z-UK");
    }

    @Test
    void a_missing_snapshot_still_answers_from_the_embedded_data() throws Exception {
        JsonNode n = onFixture("--snapshot", "/nonexistent/grid.json", "--wait", "1s", "score", "--model", "small-8b",
                "--provider", "cloud", "--region", "uk-1", "--json").json();
        assertThat(n.get("provenance").asText()).isEqualTo("DEFAULT");
    }

    @Test
    void an_electricity_maps_key_in_the_environment_turns_live_data_on_unless_no_live_is_given() {
        CarbonBenchCli keyed = new CarbonBenchCli(NOON, name -> name.equals("ELECTRICITYMAPS_API_KEY") ? "k" : null);
        assertThat(keyed.liveWanted()).isTrue();
        CarbonBenchCli.commandLine(keyed).parseArgs("--no-live", "models");
        assertThat(keyed.liveWanted()).isFalse();
        assertThat(new CarbonBenchCli(NOON).liveWanted()).isFalse();
        CarbonBenchCli asked = new CarbonBenchCli(NOON);
        CarbonBenchCli.commandLine(asked).parseArgs("--live", "models");
        assertThat(asked.liveWanted()).isTrue();
    }
}
