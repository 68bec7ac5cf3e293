package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.FR_PAR;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.testing.TestClock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class EmissionsLedgerTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);
    private final Score north = cb.score(EU_NORTH);
    private final Score east = cb.score(EU_EAST);
    private final Score paris = cb.score(FR_PAR);

    @Test
    void a_call_is_recorded_in_micrograms_with_range_provenance_and_baseline() {
        EmissionsLedger ledger = EmissionsLedger.create();

        // SE 40 g/kWh: input 0.2 Wh/1k -> 8 g/Mtok, output 1.0 -> 40 g/Mtok; 1000 in + 500 out = 0.028 g.
        // Baseline PL 500 g/kWh: 100 and 500 g/Mtok -> 0.35 g. Energy range ×0.5..×2.
        CallRecord r = ledger.record(MIDNIGHT, north, east, Usage.of(1000, 500));

        assertThat(r.microgramsCentral()).isEqualTo(28_000);
        assertThat(r.microgramsLow()).isEqualTo(14_000);
        assertThat(r.microgramsHigh()).isEqualTo(56_000);
        assertThat(r.baselineMicrograms()).isEqualTo(350_000);
        assertThat(r.savedGrams()).isCloseTo(0.322, within(1e-12));
        assertThat(r.provenance()).isEqualTo(Provenance.DEFAULT);
        assertThat(r.zone()).isEqualTo("SE");
        assertThat(r.endpoint()).isEqualTo(EU_NORTH);
        assertThat(r.baseline()).isEqualTo(EU_EAST);
        assertThat(r.grams().central()).isCloseTo(0.028, within(1e-12));
    }

    @Test
    void totals_by_model_provider_region_and_day_add_up_exactly() {
        EmissionsLedger ledger = EmissionsLedger.create();
        ledger.record(MIDNIGHT, north, east, Usage.of(1000, 500));                    // 28 000 µg
        ledger.record(MIDNIGHT.plusSeconds(60), north, east, Usage.of(0, 1_000_000)); // 40 g
        // FR 60 × PUE 1.2 = 72: input 14.4 g/Mtok, output 72 g/Mtok -> 2000 in + 1000 out = 0.1008 g
        ledger.record(MIDNIGHT.plus(Duration.ofDays(1)), paris, east, Usage.of(2000, 1000));

        LedgerTotals total = ledger.total();
        assertThat(total.calls()).isEqualTo(3);
        assertThat(total.inputTokens()).isEqualTo(3000);
        assertThat(total.outputTokens()).isEqualTo(1_001_500);
        assertThat(total.microgramsCentral()).isEqualTo(28_000 + 40_000_000 + 100_800);
        assertThat(total.baselineMicrograms()).isEqualTo(350_000 + 500_000_000 + (200_000 + 500_000));
        assertThat(total.savedGrams()).isCloseTo(500.35 + 0.7 - 40.1288, within(1e-9));

        assertThat(ledger.byModel()).containsOnlyKeys("test-model");
        assertThat(ledger.byProvider().get("alpha").microgramsCentral()).isEqualTo(40_028_000);
        assertThat(ledger.byProvider().get("beta").microgramsCentral()).isEqualTo(100_800);
        assertThat(ledger.byRegion()).containsOnlyKeys("alpha/eu-north", "beta/fr-par");
        assertThat(ledger.byDay()).containsOnlyKeys(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2));
        assertThat(ledger.byDay().get(LocalDate.of(2026, 12, 2)).calls()).isEqualTo(1);
        assertThat(ledger.calls()).isEmpty();
    }

    @Test
    void exports_csv_with_exact_grams_the_boundary_and_the_method() {
        EmissionsLedger ledger = EmissionsLedger.create();
        ledger.record(MIDNIGHT, north, east, Usage.of(1000, 500));

        assertThat(ledger.toCsv()).isEqualTo(""
                + "dimension,key,calls,input_tokens,output_tokens,grams_co2e_low,grams_co2e_central,grams_co2e_high,"
                + "baseline_grams_co2e,saved_grams_co2e,boundary,method\r\n"
                + "total,all,1,1000,500,0.014000,0.028000,0.056000,0.350000,0.322000,gpu,location-based\r\n"
                + "model,test-model,1,1000,500,0.014000,0.028000,0.056000,0.350000,0.322000,gpu,location-based\r\n"
                + "provider,alpha,1,1000,500,0.014000,0.028000,0.056000,0.350000,0.322000,gpu,location-based\r\n"
                + "region,alpha/eu-north,1,1000,500,0.014000,0.028000,0.056000,0.350000,0.322000,gpu,location-based\r\n"
                + "day,2026-12-01,1,1000,500,0.014000,0.028000,0.056000,0.350000,0.322000,gpu,location-based\r\n");
    }

    @Test
    void the_csv_boundary_column_names_each_boundary_a_row_mixes() {
        CarbonBench server = CarbonBench.builder().catalog(Fixtures.catalog()).clock(clock).boundary(Boundary.SERVER)
                .build();
        EmissionsLedger ledger = EmissionsLedger.create();
        assertThat(ledger.toCsv()).endsWith("\r\ntotal,all,0,0,0,0.000000,0.000000,0.000000,0.000000,0.000000,,"
                + "location-based\r\n");

        ledger.record(MIDNIGHT, server.score(EU_NORTH), server.score(EU_EAST), Usage.of(1000, 500));
        ledger.record(MIDNIGHT.plus(Duration.ofDays(1)), paris, east, Usage.of(1000, 500));

        assertThat(ledger.toCsv().split("\r\n")).extracting(line -> {
            String[] f = line.split(",");
            return f[0] + " " + f[1] + " " + f[f.length - 2];
        }).containsExactly("dimension key boundary", "total all gpu;server", "model test-model gpu;server",
                "provider alpha server", "provider beta gpu", "region alpha/eu-north server", "region beta/fr-par gpu",
                "day 2026-12-01 server", "day 2026-12-02 gpu");
    }

    @Test
    void exports_json_stating_the_location_based_method_and_the_call_log() {
        EmissionsLedger ledger = EmissionsLedger.withCallLog(10);
        ledger.record(MIDNIGHT, north, east, Usage.of(1000, 500));

        String json = ledger.toJson();
        assertThat(json).startsWith("{\"method\":\"location-based\",\"unit\":\"gCO2e\"")
                .contains("\"total\":{\"calls\":1,\"inputTokens\":1000,\"outputTokens\":500,\"gramsLow\":0.014000,"
                        + "\"gramsCentral\":0.028000,\"gramsHigh\":0.056000,\"baselineGrams\":0.350000,"
                        + "\"savedGrams\":0.322000}")
                .contains("\"byRegion\":{\"alpha/eu-north\":{")
                .contains("\"byDay\":{\"2026-12-01\":{")
                .contains("\"calls\":[{\"at\":\"2026-12-01T00:00:00Z\",\"endpoint\":\"alpha/eu-north/test-model\","
                        + "\"zone\":\"SE\"")
                .contains(",\"boundary\":\"gpu\"}")
                .endsWith("],\"droppedCalls\":0}");
    }

    @Test
    void the_json_export_keeps_its_field_names() throws Exception {
        EmissionsLedger ledger = EmissionsLedger.withCallLog(10);
        ledger.record(MIDNIGHT, north, east, Usage.of(1000, 500));
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ledger.toJson());

        assertThat(n.fieldNames()).toIterable().containsExactly("method", "unit", "note", "total", "byModel",
                "byProvider", "byRegion", "byDay", "calls", "droppedCalls");
        assertThat(n.get("byModel").elements().next().fieldNames()).toIterable().containsExactly("calls",
                "inputTokens", "outputTokens", "gramsLow", "gramsCentral", "gramsHigh", "baselineGrams", "savedGrams");
        assertThat(n.get("calls").get(0).fieldNames()).toIterable().containsExactly("at", "endpoint", "zone",
                "inputTokens", "outputTokens", "gramsLow", "gramsCentral", "gramsHigh", "provenance", "baseline",
                "baselineGrams", "boundary");
        assertThat(n.get("calls").get(0).get("boundary").asText()).isEqualTo("gpu");
    }

    @Test
    void the_call_log_keeps_the_newest_records_up_to_its_capacity() {
        EmissionsLedger ledger = EmissionsLedger.withCallLog(2);
        for (int i = 1; i <= 5; i++) {
            ledger.record(MIDNIGHT.plusSeconds(i), north, east, Usage.of(i, 0));
        }

        assertThat(ledger.calls()).extracting(CallRecord::inputTokens).containsExactly(4L, 5L);
        assertThat(ledger.droppedCalls()).isEqualTo(3);
        assertThat(ledger.total().calls()).isEqualTo(5);
        assertThat(ledger.total().inputTokens()).isEqualTo(15);
    }

    @Test
    void the_router_records_each_successful_call_with_the_extracted_usage() {
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
                .ledger(EmissionsLedger.withCallLog(10))
                .endpoint(EU_EAST, "east").endpoint(EU_NORTH, "north").build();

        router.call(c -> c + ":1000:500", s -> Usage.of(1000, 500));
        router.call(c -> c, s -> {
            throw new IllegalStateException("no usage in this response");
        });

        assertThat(router.ledger().calls()).hasSize(2);
        CallRecord first = router.ledger().calls().get(0);
        assertThat(first.endpoint()).isEqualTo(EU_NORTH);
        assertThat(first.microgramsCentral()).isEqualTo(28_000);
        assertThat(first.baselineMicrograms()).isEqualTo(350_000);
        assertThat(router.ledger().calls().get(1).inputTokens()).isZero();
        assertThat(router.ledger().total().calls()).isEqualTo(2);
    }

    @Test
    void call_recorded_hands_the_caller_its_own_ledger_record() {
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
                .ledger(EmissionsLedger.withCallLog(10))
                .endpoint(EU_EAST, "east").endpoint(EU_NORTH, "north").build();

        CarbonRouter.Recorded<String> r = router.callRecorded(c -> c + ":answer", s -> Usage.of(1000, 500));

        assertThat(r.result()).isEqualTo("north:answer");
        assertThat(r.record()).isEqualTo(router.ledger().calls().get(0));
        assertThat(r.record().endpoint()).isEqualTo(EU_NORTH);
        assertThat(r.record().microgramsCentral()).isEqualTo(28_000);
    }
}
