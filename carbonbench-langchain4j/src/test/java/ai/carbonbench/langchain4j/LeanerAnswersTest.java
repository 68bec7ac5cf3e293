package ai.carbonbench.langchain4j;

import static ai.carbonbench.langchain4j.OpenAiStubs.CB;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.TOGETHER_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.path;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.LeanRule;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Together's grid is 400 g/kWh, Groq's 200 (see {@link OpenAiStubs}); the threshold here is 300. */
final class LeanerAnswersTest {

    @RegisterExtension
    static final OpenAiStubs STUBS = new OpenAiStubs();
    static final LeanerAnswers LEAN = LeanerAnswers.builder().aboveGramsPerKwh(300).maxOutputTokens(400).build();

    private static CarbonAwareChatModel model() {
        return CarbonAwareChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b",
                        LEAN.wrap(CB, "together", "us", "llama-3.3-70b", STUBS.chatModel("together", TOGETHER_MODEL)))
                .candidate("groq", "us", "llama-3.3-70b",
                        LEAN.wrap(CB, "groq", "us", "llama-3.3-70b", STUBS.chatModel("groq", GROQ_MODEL)))
                .build();
    }

    private static ChatRequest question(Integer maxOutputTokens) {
        return ChatRequest.builder().messages(SystemMessage.from("You are a support bot."), UserMessage.from("Why?"))
                .maxOutputTokens(maxOutputTokens).build();
    }

    @Test
    void below_the_threshold_the_request_goes_unchanged_and_the_receipt_says_so() {
        STUBS.answers("groq", GROQ_MODEL, "Because.", 20, 5);

        ChatResponse r = model().chat(question(null));

        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("groq")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("You are a support bot.")))
                .withRequestBody(matchingJsonPath("$.max_tokens", absent())));
        LeanDecision d = CarbonReceipt.of(r).orElseThrow().leanerAnswer().orElseThrow();
        assertThat(d.applied()).isFalse();
        assertThat(d.intensityGramsPerKwh()).isEqualTo(200);
        assertThat(d.endpoint()).isEqualTo(OfferingKey.of("groq", "us", "llama-3.3-70b"));
    }

    @Test
    void above_the_threshold_the_request_asks_for_brevity_and_fewer_tokens_and_the_receipt_records_it() {
        STUBS.fails("groq", 503); // fails over to Together, on a 400 g/kWh grid
        STUBS.answers("together", TOGETHER_MODEL, "Because.", 40, 3);

        ChatResponse r = model().chat(question(1000));

        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("together")))
                .withRequestBody(matchingJsonPath("$.messages[0].content",
                        equalTo("You are a support bot.\n\n" + LeanRule.DEFAULT_INSTRUCTION)))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("Why?")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("400"))));
        CarbonReceipt receipt = CarbonReceipt.of(r).orElseThrow();
        LeanDecision d = receipt.leanerAnswer().orElseThrow();
        assertThat(d.applied()).isTrue();
        assertThat(d.instructionAdded()).isTrue();
        assertThat(d.maxOutputTokens()).isEqualTo(OptionalInt.of(400));
        assertThat(d.intensityGramsPerKwh()).isEqualTo(400);
        assertThat(receipt.outputTokens()).isEqualTo(3);
        assertThat(receipt.toString()).contains("leaner answer");
        assertThat(r.aiMessage().text()).isEqualTo("Because.");
    }

    @Test
    void a_lower_max_tokens_in_the_request_is_kept_and_a_wrapped_model_works_on_its_own() {
        STUBS.answers("together", TOGETHER_MODEL, "Yes.", 10, 1);
        ChatModel alone = LeanerAnswers.builder().aboveGramsPerKwh(300).instruction("").maxOutputTokens(400).build()
                .wrap(CB, "together", "us", "llama-3.3-70b", STUBS.chatModel("together", TOGETHER_MODEL));

        ChatResponse r = alone.chat(question(50));

        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("together")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("You are a support bot.")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("50"))));
        LeanDecision d = LeanerAnswers.decision(r).orElseThrow();
        assertThat(d.instructionAdded()).isFalse();
        assertThat(d.maxOutputTokens()).isEqualTo(OptionalInt.of(50));
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(1);
    }

    @Test
    void a_streaming_candidate_is_made_leaner_too_and_its_receipt_records_it() throws Exception {
        STUBS.streams("together", TOGETHER_MODEL, java.util.List.of("Be", "cause."), 40, 2);
        CarbonAwareStreamingChatModel model = CarbonAwareStreamingChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", LEAN.wrap(CB, "together", "us", "llama-3.3-70b",
                        STUBS.streamingModel("together", TOGETHER_MODEL)))
                .build();
        CarbonAwareStreamingChatModelTest.Recorder handler = new CarbonAwareStreamingChatModelTest.Recorder();

        model.chat(question(null), handler);

        ChatResponse r = handler.response();
        assertThat(handler.partials).containsExactly("Be", "cause.");
        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("together")))
                .withRequestBody(matchingJsonPath("$.messages[0].content",
                        equalTo("You are a support bot.\n\n" + LeanRule.DEFAULT_INSTRUCTION)))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("400"))));
        LeanDecision d = CarbonReceipt.of(r).orElseThrow().leanerAnswer().orElseThrow();
        assertThat(d.applied()).isTrue();
        assertThat(CarbonReceipt.of(r).orElseThrow().outputTokens()).isEqualTo(2);
    }

    @Test
    void a_policy_needs_a_threshold_and_something_to_change() {
        assertThatThrownBy(() -> LeanerAnswers.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LeanerAnswers.builder().aboveGramsPerKwh(100).instruction(" ").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
