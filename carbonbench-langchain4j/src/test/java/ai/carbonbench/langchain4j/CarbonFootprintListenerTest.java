package ai.carbonbench.langchain4j;

import static ai.carbonbench.langchain4j.OpenAiStubs.CB;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.UnknownIdException;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.EmissionsLedger;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class CarbonFootprintListenerTest {

    @RegisterExtension
    static final OpenAiStubs STUBS = new OpenAiStubs();

    final EmissionsLedger ledger = EmissionsLedger.withCallLog(10);

    ChatModel plainModel(CarbonFootprintListener listener) {
        return STUBS.chatModelBuilder("groq", GROQ_MODEL).listeners(List.of(listener)).build();
    }

    CarbonFootprintListener listener() {
        return CarbonFootprintListener.builder().carbonBench(CB).provider("groq").region("us").ledger(ledger).build();
    }

    @Test
    void accounts_a_plain_openai_chat_model_by_the_providers_model_id() {
        STUBS.answers("groq", GROQ_MODEL, "Hello", 1000, 250);

        String answer = plainModel(listener()).chat("Say hello");

        assertThat(answer).isEqualTo("Hello");
        Range expected = CB.score(GROQ).gramsFor(1000, 250);
        CallRecord r = ledger.calls().get(0);
        assertThat(r.endpoint()).isEqualTo(GROQ);
        assertThat(r.inputTokens()).isEqualTo(1000);
        assertThat(r.outputTokens()).isEqualTo(250);
        // 1000 × 40 g/Mtok + 250 × 200 g/Mtok
        assertThat(r.grams().central()).isCloseTo(0.09, within(1e-9)).isCloseTo(expected.central(), within(1e-6));
        assertThat(r.savedGrams()).isZero();
    }

    @Test
    void resolves_a_model_name_through_the_catalogs_aliases() {
        STUBS.answers("groq", "meta-llama/Llama-3.3-70B-Instruct", "Hello", 10, 5);

        plainModel(listener()).chat("Say hello");

        assertThat(ledger.calls()).extracting(CallRecord::endpoint).containsExactly(GROQ);
    }

    @Test
    void an_unknown_model_is_skipped_or_accounted_as_the_default_and_never_breaks_the_call() {
        STUBS.answers("groq", "some-new-model-2027", "Hello", 10, 5);

        assertThat(plainModel(listener()).chat("Say hello")).isEqualTo("Hello");
        assertThat(ledger.total().calls()).isZero();

        CarbonFootprintListener withDefault = CarbonFootprintListener.builder().carbonBench(CB).provider("groq")
                .region("us").defaultModel("llama-3.3-70b").ledger(ledger).build();
        plainModel(withDefault).chat("Say hello");
        assertThat(ledger.calls()).extracting(CallRecord::endpoint).containsExactly(GROQ);
    }

    @Test
    void failed_calls_are_not_recorded_and_the_failure_reaches_the_caller_unchanged() {
        STUBS.fails("groq", 429);

        assertThatThrownBy(() -> plainModel(listener()).chat("Say hello")).isInstanceOf(RateLimitException.class);
        assertThat(ledger.total().calls()).isZero();
    }

    @Test
    void an_unknown_provider_or_region_fails_the_build() {
        assertThatThrownBy(() -> CarbonFootprintListener.builder().carbonBench(CB).provider("groq").region("eu")
                .build()).isInstanceOf(UnknownIdException.class);
        assertThatThrownBy(() -> CarbonFootprintListener.builder().carbonBench(CB).provider("grok").region("us")
                .build()).isInstanceOf(UnknownIdException.class).hasMessageContaining("groq");
    }
}
