package ai.carbonbench.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.Fixtures;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.WindowChoice;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pins the field names of every view: they are a public interface (README, "CLI JSON fields"), so a
 * rename must break the build. The names below are written out by hand, not read from the views.
 */
final class JsonViewsTest {

    private final CarbonBench bench = Fixtures.benchAtNoon();

    private static Set<String> fields(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Exactly {@code always}, plus any of {@code sometimes}. */
    private static void assertFields(JsonNode n, List<String> always, List<String> sometimes) {
        Set<String> actual = fields(n);
        assertThat(actual).containsAll(always);
        List<String> allowed = new ArrayList<>(always);
        allowed.addAll(sometimes);
        assertThat(allowed).containsAll(actual);
    }

    private static final List<String> OPTION = List.of("model", "family", "provider", "region", "zone", "country",
            "intensityGramsPerKwh", "intensityLow", "intensityHigh", "provenance", "at", "gramsPerMillionTokens",
            "gramsLow", "gramsHigh", "gramsPerMillionInputTokens", "gramsPerMillionOutputTokens",
            "usdPerMillionTokens", "usdPerMillionInputTokens", "usdPerMillionOutputTokens", "tokensPerSecond",
            "speedBasis", "speedSource", "speedDate", "timeToFirstTokenSeconds", "retired", "energyBasis", "boundary",
            "hardware", "hardwareEnergyBasis", "pue");
    private static final List<String> CURVE = List.of("provider", "region", "zone", "flat", "minimumHourUtc",
            "minimumGramsPerKwh", "maximumGramsPerKwh", "averageGramsPerKwh", "points");
    private static final List<String> SOURCE = List.of("id", "publisher", "dataset", "year", "licence");

    @Test
    void an_option_has_its_documented_fields() {
        for (Score s : bench.leaderboard(LeaderboardQuery.builder().build())) {
            assertFields(JsonViews.option(s), OPTION, List.of("servedFrom"));
        }
    }

    @Test
    void a_flat_curve_names_no_lowest_hour() {
        for (var r : bench.catalog().regions()) {
            JsonNode c = JsonViews.curve(bench.curve(r.qualifiedId()));
            assertThat(c.get("flat").asBoolean()).isEqualTo(r.zone().profile().flat());
            assertThat(c.get("minimumHourUtc").isNull()).as(r.qualifiedId()).isEqualTo(r.zone().profile().flat());
        }
    }

    @Test
    void a_curve_and_the_intensity_view_have_their_documented_fields() {
        JsonNode curve = JsonViews.curve(bench.curve("central-1"));
        assertFields(curve, CURVE, List.of());
        assertFields(curve.get("points").get(0), List.of("utcHour", "at", "gramsPerKwh", "provenance"), List.of());

        JsonNode intensity = JsonViews.intensity(bench, "central-1");
        List<String> withHistory = new ArrayList<>(CURVE);
        withHistory.addAll(List.of("history", "forecast"));
        assertFields(intensity, withHistory, List.of());
        assertFields(intensity.get("history"), CURVE, List.of());
        assertThat(intensity.get("forecast").isNull()).as("no live forecast without a live source").isTrue();
    }

    @Test
    void a_recommendation_has_its_documented_fields() {
        JsonNode r = JsonViews.recommendation(bench.recommend("big-70b"));
        assertFields(r, List.of("model", "boundary", "best", "alternatives", "candidates", "medianGramsPerMillionTokens", "worst",
                "savingsVsMedianPercent", "savingsVsMedianGramsPerMillionTokens", "savingsVsWorstPercent",
                "savingsVsWorstGramsPerMillionTokens", "cleanestHourUtc", "cleanestHourGramsPerKwh", "rangesOverlap",
                "insight"), List.of());
        assertFields(r.get("best"), OPTION, List.of("servedFrom"));
        assertFields(r.get("worst"), OPTION, List.of("servedFrom"));
    }

    @Test
    void catalog_entries_have_their_documented_fields() {
        JsonNode model = JsonViews.model(bench.catalog().model("big-70b"));
        assertFields(model, List.of("id", "name", "family", "aliases", "parameters", "energy"), List.of());
        assertFields(model.get("parameters"), List.of("totalBillions", "activeBillions"), List.of("assumption"));
        assertFields(model.get("energy"), List.of("outputWhPer1kTokens", "inputWhPer1kTokens", "low", "high", "basis",
                "hardware", "source"), List.of("method", "note"));
        assertFields(model.get("energy").get("source"), SOURCE, List.of("url"));
        assertFields(JsonViews.modelSummary(bench.catalog().model("big-70b")), List.of("id", "name", "family",
                "aliases"), List.of());

        JsonNode provider = JsonViews.provider(bench.catalog().providers().iterator().next());
        assertFields(provider, List.of("id", "name", "pue", "pueSource", "location", "locationNote"), List.of());

        JsonNode region = JsonViews.region(bench.catalog().region("central-1"), EmissionFactor.LIFECYCLE);
        assertFields(region, List.of("provider", "id", "name", "city", "country", "area", "eu", "zone",
                "alternativeZones", "annualGramsPerKwh", "annualLifecycleGramsPerKwh", "annualDirectGramsPerKwh",
                "annualYear", "annualSource", "profile", "zoneSource"), List.of("zoneNote"));
    }

    @Test
    void a_time_shifting_answer_has_its_documented_fields() {
        OfferingKey key = bench.catalog().offeringsOf("big-70b").get(0).key();
        WindowChoice w = bench.bestWindow(List.of(key), Duration.ofHours(2), Fixtures.NOON.plus(Duration.ofHours(12)));

        JsonNode n = JsonViews.windowChoice(w);
        assertFields(n, List.of("best", "startingNow", "savedFraction"), List.of());
        List<String> window = List.of("endpoint", "provider", "region", "model", "start", "end",
                "meanGramsPerMillionTokens", "meanIntensityGramsPerKwh", "provenance");
        assertFields(n.get("best"), window, List.of());
        assertFields(n.get("startingNow"), window, List.of());
        assertThat(n.get("best").get("endpoint").asText()).isEqualTo(w.best().endpoint().toString());
    }

    @Test
    void exact_decimals_are_written_plainly_and_rounding_keeps_four_digits() {
        var n = JsonViews.object();
        n.put("tiny", BigDecimal.valueOf(1, 6));
        n.put("kept", BigDecimal.valueOf(28_000, 6));
        assertThat(JsonViews.toJson(n)).isEqualTo("{\"tiny\":0.000001,\"kept\":0.028000}");
        assertThat(JsonViews.round(123.456789)).isEqualTo(123.5);
        assertThat(JsonViews.round(0.000123456)).isEqualTo(0.0001235);
    }
}
