package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static ai.carbonbench.router.Fixtures.US_WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

final class ModelRoutingTest {

    private final CarbonBench cb = Fixtures.carbonBench(new TestClock(MIDNIGHT));
    private final List<String> tried = new ArrayList<>();

    /** Baseline us-west (US-B 300, flat, PUE 1.0); eu-north (SE 40, PUE 1.0) is cleaner. */
    private ModelRouting<String> routing() {
        return ModelRouting.<String>builder(cb).candidate(US_WEST, "us-west").candidate(EU_NORTH, "eu-north").build();
    }

    private ModelRouting.Attempt<String, String> failingOn(String failing, Exception failure) {
        return c -> {
            tried.add(c.model());
            if (c.model().equals(failing)) {
                throw failure;
            }
            return "answer from " + c.model();
        };
    }

    @Test
    void routes_to_the_cleanest_candidate_and_the_receipt_holds_independently_computed_grams() {
        ModelRouting.Routed<String, String> r = routing().call(failingOn("none", null),
                answer -> Optional.of(Usage.of(3000, 1000)));

        // test-model: 0.2 Wh/1k in, 1.0 Wh/1k out -> 0.6 + 1.0 = 1.6 Wh; SE 40 g/kWh, US-B 300 g/kWh
        assertThat(r.result()).isEqualTo("answer from eu-north");
        CallReceipt receipt = r.receipt();
        assertThat(receipt.endpoint()).isEqualTo(EU_NORTH);
        assertThat(receipt.grams().central()).isCloseTo(1.6e-3 * 40, within(1e-6));
        assertThat(receipt.baseline()).isEqualTo(US_WEST);
        assertThat(receipt.baselineGrams()).isCloseTo(1.6e-3 * 300, within(1e-6));
        assertThat(receipt.energyWattHours()).isCloseTo(1.6, within(1e-3));
        assertThat(receipt.savedFraction()).isCloseTo(1 - 40.0 / 300, within(1e-4));
        assertThat(receipt.tokenUsageReported()).isTrue();
        assertThat(receipt.failedOver()).isEmpty();
    }

    @Test
    void a_retriable_failure_is_a_fail_over_and_is_named_in_the_receipt() {
        ModelRouting.Routed<String, String> r = routing().call(failingOn("eu-north", new IOException("refused")),
                answer -> Optional.of(Usage.of(10, 10)));

        assertThat(tried).containsExactly("eu-north", "us-west");
        assertThat(r.candidate().key()).isEqualTo(US_WEST);
        assertThat(r.receipt().failedOver()).containsExactly(EU_NORTH);
    }

    @Test
    void a_non_retriable_failure_is_thrown_unchanged_without_trying_another_candidate() {
        IllegalStateException bad = new IllegalStateException("bad request");
        assertThatThrownBy(() -> routing().call(failingOn("eu-north", bad), a -> Optional.empty())).isSameAs(bad);
        assertThat(tried).containsExactly("eu-north");
    }

    @Test
    void a_failure_after_streamed_content_never_fails_over_whatever_the_classifier_says() {
        ModelRouting<String> everythingRetriable = ModelRouting.<String>builder(cb).candidate(US_WEST, "us-west")
                .candidate(EU_NORTH, "eu-north").failureClassifier(failure -> true).build();
        ModelRouting.CommittedFailure committed = new ModelRouting.CommittedFailure(new IOException("reset"));

        assertThatThrownBy(() -> everythingRetriable.call(failingOn("eu-north", committed), a -> Optional.empty()))
                .isSameAs(committed);
        assertThat(tried).containsExactly("eu-north");
        assertThat(everythingRetriable.isRetriable(committed)).isFalse();
        assertThat(everythingRetriable.isRetriable(committed.getCause())).isTrue();
    }

    @Test
    void when_every_candidate_fails_the_message_names_each_one_and_its_failure() {
        ModelRouting.Attempt<String, String> allFail = c -> {
            throw new IOException("down at " + c.model());
        };
        assertThatThrownBy(() -> routing().call(allFail, a -> Optional.empty()))
                .isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("alpha/eu-north/test-model -> IOException: down at eu-north")
                .hasMessageContaining("alpha/us-west/test-model -> IOException: down at us-west")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    }

    @Test
    void an_asynchronous_call_fails_over_names_the_failed_candidate_and_explains_when_all_fail() {
        ModelRouting.Routed<String, String> r = routing().<String>callAsync(c -> {
            tried.add(c.model());
            return c.model().equals("eu-north") ? CompletableFuture.failedFuture(new IOException("refused"))
                    : CompletableFuture.completedFuture("answer from " + c.model());
        }, answer -> Optional.of(Usage.of(10, 10))).join();

        assertThat(tried).containsExactly("eu-north", "us-west");
        assertThat(r.result()).isEqualTo("answer from us-west");
        assertThat(r.receipt().failedOver()).containsExactly(EU_NORTH);

        CompletableFuture<ModelRouting.Routed<String, String>> allFail = routing().<String>callAsync(
                c -> CompletableFuture.failedFuture(new IOException("down at " + c.model())), a -> Optional.empty());
        assertThatThrownBy(allFail::join).cause()
                .isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("alpha/eu-north/test-model -> IOException: down at eu-north")
                .hasMessageContaining("alpha/us-west/test-model -> IOException: down at us-west");
    }

    @Test
    void no_reported_usage_records_zero_tokens_and_says_so() {
        CallReceipt receipt = routing().call(failingOn("none", null), a -> Optional.empty()).receipt();
        assertThat(receipt.tokenUsageReported()).isFalse();
        assertThat(receipt.grams().central()).isZero();
        assertThat(receipt.inputTokens()).isZero();
    }

    @Test
    void candidates_are_validated_once_with_canonical_ids() {
        assertThatThrownBy(() -> ModelRouting.<String>builder(cb).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one candidate");
        assertThatThrownBy(() -> ModelRouting.<String>builder(cb).candidate(EU_NORTH, "a").candidate(EU_NORTH, "b")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> ModelRouting.<String>builder(cb)
                .candidate(OfferingKey.of("alpha", "eu-nort", "test-model"), "a").build())
                .hasMessageContaining("eu-north");
        assertThat(routing().candidates()).extracting(ModelRouting.Candidate::key).containsExactly(US_WEST, EU_NORTH);
    }

    @Test
    void usage_from_framework_counts_treats_missing_and_negative_counts_as_zero() {
        assertThat(ModelRouting.usage(null, null)).isEmpty();
        assertThat(ModelRouting.usage(5, null)).contains(Usage.of(5, 0));
        assertThat(ModelRouting.usage(-1, 7L)).contains(Usage.of(0, 7));
    }
}
