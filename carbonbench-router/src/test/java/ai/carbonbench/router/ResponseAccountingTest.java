package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.testing.TestClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ResponseAccountingTest {

    private final CarbonBench cb = Fixtures.carbonBench(new TestClock(MIDNIGHT));

    /** The settings as an adapter offers them, building the accounting itself. */
    private static ResponseAccounting.Builder<ResponseAccounting> settings() {
        return ResponseAccounting.builder(accounting -> accounting);
    }

    @Test
    void records_a_resolved_call_at_the_offerings_intensity_with_itself_as_baseline() {
        ResponseAccounting accounting = settings().carbonBench(cb).provider("alpha").region("eu-north").build();

        CallReceipt receipt = accounting.record("Test Model 1", Optional.of(Usage.of(3000, 1000))).orElseThrow();

        // test-model: 0.2 Wh/1k in, 1.0 Wh/1k out -> 0.6 + 1.0 = 1.6 Wh; SE 40 g/kWh
        assertThat(receipt.endpoint()).isEqualTo(EU_NORTH);
        assertThat(receipt.grams().central()).isCloseTo(1.6e-3 * 40, within(1e-6));
        assertThat(receipt.baseline()).isEqualTo(EU_NORTH);
        assertThat(receipt.tokenUsageReported()).isTrue();
        assertThat(accounting.ledger().total().calls()).isEqualTo(1);
        assertThat(accounting).hasToString("[alpha/eu-north]");
    }

    @Test
    void an_unknown_model_without_a_default_records_nothing_and_missing_usage_counts_as_none() {
        EmissionsLedger ledger = EmissionsLedger.create();
        ResponseAccounting accounting = settings().carbonBench(cb).provider("alpha").region("eu-north")
                .ledger(ledger).build();

        assertThat(accounting.record("no-such-model", Optional.of(Usage.of(10, 10)))).isEmpty();
        assertThat(accounting.record(null, Optional.empty())).isEmpty();
        assertThat(ledger.total().calls()).isZero();

        ResponseAccounting withDefault = settings().carbonBench(cb).provider("alpha").region("eu-north")
                .defaultModel("test-model").ledger(ledger).build();
        CallReceipt receipt = withDefault.record(null, Optional.empty()).orElseThrow();
        assertThat(receipt.tokenUsageReported()).isFalse();
        assertThat(receipt.inputTokens() + receipt.outputTokens()).isZero();
        assertThat(ledger.total().calls()).isEqualTo(1);
    }
}
