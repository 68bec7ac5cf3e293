package ai.carbonbench.router.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.budget.BudgetPeriod;
import ai.carbonbench.router.budget.BudgetedCall;
import ai.carbonbench.router.budget.BudgetedRouter;
import ai.carbonbench.router.budget.CarbonBudget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EmissionsReportTest {

    private static final OfferingKey US_EAST = OfferingKey.of("alpha", "us-east", "test-model");
    private static final OfferingKey EU_NORTH = OfferingKey.of("alpha", "eu-north", "test-model");

    private Instant now = Instant.parse("2026-11-30T23:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private BudgetedRouter<String> router(EmissionsReport report) throws Exception {
        return router(report, Boundary.GPU); // hand-computed at accelerator x PUE
    }

    private BudgetedRouter<String> router(EmissionsReport report, Boundary boundary) throws Exception {
        Catalog catalog = Catalog.load(Path.of(getClass().getResource("/ai/carbonbench/router/catalog-fixture.json").toURI()));
        CarbonBench cb = CarbonBench.builder().catalog(catalog).clock(clock).boundary(boundary).build();
        CarbonRouter<String> r = CarbonRouter.<String>builder(cb).clock(clock).endpoint(US_EAST, "us")
                .endpoint(EU_NORTH, "se").build();
        return BudgetedRouter.of(r, CarbonBudget.builder("b", 100, BudgetPeriod.rollingDay()).clock(clock).build())
                .withReport(report);
    }

    private static void call(BudgetedRouter<String> r, String key) {
        r.call(BudgetedCall.of(key).withEstimate(1000, 500), c -> c, x -> Usage.of(1000, 500));
    }

    @Test
    void totals_each_key_per_calendar_month_with_range_baseline_savings_and_provenance_mix() throws Exception {
        EmissionsReport report = EmissionsReport.create(BudgetPeriod.calendarMonth(ZoneOffset.UTC), Boundary.GPU);
        BudgetedRouter<String> r = router(report);
        call(r, "acme");
        now = Instant.parse("2026-12-01T00:30:00Z");
        call(r, "acme");
        call(r, "acme");
        call(r, "glob,ex");

        // By hand: eu-north (SE 40 g/kWh) 1000 in × 8 µg + 500 out × 40 µg = 28,000 µg, energy range ×0.5..×2;
        // baseline us-east (400 g/kWh) = 280,000 µg.
        List<ReportRow> rows = report.rows();
        assertThat(rows).extracting(ReportRow::key, ReportRow::periodStart, ReportRow::calls).containsExactly(
                org.assertj.core.groups.Tuple.tuple("acme", Instant.parse("2026-11-01T00:00:00Z"), 1L),
                org.assertj.core.groups.Tuple.tuple("acme", Instant.parse("2026-12-01T00:00:00Z"), 2L),
                org.assertj.core.groups.Tuple.tuple("glob,ex", Instant.parse("2026-12-01T00:00:00Z"), 1L));
        ReportRow dec = rows.get(1);
        assertThat(dec.periodEnd()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(dec.inputTokens()).isEqualTo(2000);
        assertThat(dec.outputTokens()).isEqualTo(1000);
        assertThat(dec.microgramsCentral()).isEqualTo(56_000);
        assertThat(dec.microgramsLow()).isEqualTo(28_000);
        assertThat(dec.microgramsHigh()).isEqualTo(112_000);
        assertThat(dec.baselineMicrograms()).isEqualTo(560_000);
        assertThat(dec.savedMicrograms()).isEqualTo(504_000);
        assertThat(dec.callsByProvenance()).containsExactlyEntriesOf(java.util.Map.of(Provenance.DEFAULT, 2L));

        assertThat(report.toCsv().split("\r\n")).containsExactly(
                "key,period_start,period_end,calls,input_tokens,output_tokens,grams_co2e_low,grams_co2e_central,"
                        + "grams_co2e_high,baseline_grams_co2e,saved_grams_co2e,boundary,method,provenance_mix",
                "acme,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,1,1000,500,0.014000,0.028000,0.056000,0.280000,"
                        + "0.252000,gpu,location-based,DEFAULT:1",
                "acme,2026-12-01T00:00:00Z,2027-01-01T00:00:00Z,2,2000,1000,0.028000,0.056000,0.112000,0.560000,"
                        + "0.504000,gpu,location-based,DEFAULT:2",
                "\"glob,ex\",2026-12-01T00:00:00Z,2027-01-01T00:00:00Z,1,1000,500,0.014000,0.028000,0.056000,"
                        + "0.280000,0.252000,gpu,location-based,DEFAULT:1");
    }

    @Test
    void json_field_names_are_pinned() throws Exception {
        EmissionsReport report = EmissionsReport.create(BudgetPeriod.calendarMonth(ZoneOffset.UTC), Boundary.LIFECYCLE);
        call(router(report, Boundary.LIFECYCLE), "acme");

        JsonNode root = new ObjectMapper().readTree(report.toJson());
        assertThat(root.fieldNames()).toIterable().containsExactly("method", "unit", "boundary", "period", "note",
                "rows");
        assertThat(root.get("method").asText()).isEqualTo("location-based");
        assertThat(root.get("boundary").asText()).isEqualTo("lifecycle");
        JsonNode row = root.get("rows").get(0);
        assertThat(row.fieldNames()).toIterable().containsExactly("key", "periodStart", "periodEnd", "calls",
                "inputTokens", "outputTokens", "gramsLow", "gramsCentral", "gramsHigh", "baselineGrams", "savedGrams",
                "provenanceMix");
        assertThat(row.get("gramsCentral").decimalValue()).isGreaterThan(new java.math.BigDecimal("0.028")); // > gpu
        assertThat(row.get("provenanceMix").get("DEFAULT").get("calls").asLong()).isEqualTo(1);
    }

    @Test
    void a_call_scored_at_another_boundary_is_refused() throws Exception {
        EmissionsReport report = EmissionsReport.create(BudgetPeriod.rollingDay(), Boundary.SERVER);

        assertThatThrownBy(() -> call(router(report), "acme")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server").hasMessageContaining("gpu");
        assertThat(report.rows()).isEmpty();
        assertThat(report.toCsv()).isEqualTo("key,period_start,period_end,calls,input_tokens,output_tokens,"
                + "grams_co2e_low,grams_co2e_central,grams_co2e_high,baseline_grams_co2e,saved_grams_co2e,boundary,"
                + "method,provenance_mix\r\n");
    }
}
