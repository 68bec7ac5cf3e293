package ai.carbonbench.springai;

import static ai.carbonbench.springai.Stubs.GROQ_MODEL;
import static ai.carbonbench.springai.Stubs.TOGETHER_MODEL;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.LeanDecision;
import ai.carbonbench.router.LeanRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Spring AI's real OpenAI client against WireMock. Together's grid is 400 g/kWh, Groq's 200 (see {@link Stubs});
 * the threshold here is 300, so calls on Together are made leaner and calls on Groq are not.
 */
final class LeanerAnswersTest {

    static final OfferingKey TOGETHER = OfferingKey.of("together", "us", "llama-3.3-70b");
    static final OfferingKey GROQ = OfferingKey.of("groq", "us", "llama-3.3-70b");
    static final String INSTRUCTION = "Answer as briefly as the question allows: no preamble, no restating the "
            + "question, no summary at the end.";

    private final Stubs stubs = new Stubs();
    private final CarbonBench cb = Stubs.carbonBench();
    private final ObjectMapper json = new ObjectMapper();
    private final LeanerAnswers lean = LeanerAnswers.builder().aboveGramsPerKwh(300).maxOutputTokens(400).build();

    @AfterEach
    void stop() {
        stubs.close();
    }

    private JsonNode body(String provider, int index) throws Exception {
        List<LoggedRequest> sent = stubs.server.findAll(postRequestedFor(urlPathEqualTo(Stubs.path(provider))));
        return json.readTree(sent.get(index).getBodyAsString());
    }

    private CarbonAwareChatModel routed() {
        return CarbonAwareChatModel.builder().carbonBench(cb).leanerAnswers(lean)
                .candidate("together", "us", "llama-3.3-70b", stubs.chatModel("together", TOGETHER_MODEL))
                .candidate("groq", "us", "llama-3.3-70b", stubs.chatModel("groq", GROQ_MODEL))
                .build();
    }

    @Test
    void above_the_threshold_the_request_carries_the_instruction_and_the_cap_and_the_receipt_the_decision()
            throws Exception {
        stubs.answers("together", TOGETHER_MODEL, "Brief.", 10, 2);
        CarbonAwareChatModel model = CarbonAwareChatModel.builder().carbonBench(cb).leanerAnswers(lean)
                .candidate("together", "us", "llama-3.3-70b", stubs.chatModel("together", TOGETHER_MODEL)).build();

        ChatResponse response = model.call(new Prompt("Explain photosynthesis"));

        JsonNode body = body("together", 0);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo(INSTRUCTION);
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Explain photosynthesis");
        assertThat(body.at("/messages")).hasSize(2);
        assertThat(maxTokens(body)).isEqualTo(400);
        assertThat(body.at("/model").asText()).isEqualTo(TOGETHER_MODEL);

        CallReceipt receipt = CarbonReceipts.of(response).orElseThrow();
        assertThat(receipt.endpoint()).isEqualTo(TOGETHER);
        LeanDecision d = LeanerAnswers.decision(response).orElseThrow();
        assertThat(d).isEqualTo(new LeanDecision(TOGETHER, 400, 300, true, OptionalInt.of(400)));
        assertThat(d.applied()).isTrue();
        assertThat(response.getResult().getOutput().getText()).isEqualTo("Brief.");
    }

    @Test
    void an_existing_system_message_is_extended_and_a_lower_max_tokens_of_the_prompt_is_kept() throws Exception {
        stubs.answers("together", TOGETHER_MODEL, "Brief.", 10, 2);
        ChatModel together = stubs.chatModel("together", TOGETHER_MODEL);
        ChatModel model = lean.wrap(cb, "together", "us", "llama-3.3-70b", together);
        // Spring AI 2 models take their own options type per call (a ChatClient merges them with the defaults)
        ChatOptions options = together.getDefaultOptions().mutate().maxTokens(100).build();

        ChatResponse response = model.call(new Prompt(List.of(new SystemMessage("You are a support bot."),
                new UserMessage("Hello")), options));

        JsonNode body = body("together", 0);
        assertThat(body.at("/messages")).hasSize(2);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("You are a support bot.\n\n" + INSTRUCTION);
        assertThat(maxTokens(body)).isEqualTo(100);
        assertThat(LeanerAnswers.decision(response).orElseThrow().maxOutputTokens()).isEqualTo(OptionalInt.of(100));
        // a wrapped model used alone has no receipt, only the decision
        assertThat(CarbonReceipts.of(response)).isEmpty();
    }

    @Test
    void at_or_below_the_threshold_the_request_is_unchanged_and_the_decision_says_so() throws Exception {
        stubs.answers("groq", GROQ_MODEL, "A longer answer.", 10, 20);
        Prompt prompt = new Prompt(List.of(new SystemMessage("You are a support bot."), new UserMessage("Hello")));

        stubs.chatModel("groq", GROQ_MODEL).call(prompt); // the request as sent without the hook
        ChatResponse response = routed().call(prompt); // Groq (200 g/kWh) is the cleanest and answers

        JsonNode plain = body("groq", 0);
        JsonNode routed = body("groq", 1);
        assertThat(routed).isEqualTo(plain);
        assertThat(maxTokens(routed)).isNull();
        assertThat(routed.at("/messages/0/content").asText()).isEqualTo("You are a support bot.");
        assertThat(CarbonReceipts.of(response).orElseThrow().endpoint()).isEqualTo(GROQ);
        LeanDecision d = LeanerAnswers.decision(response).orElseThrow();
        assertThat(d).isEqualTo(new LeanDecision(GROQ, 200, 300, false, OptionalInt.empty()));
        assertThat(d.applied()).isFalse();
    }

    @Test
    void the_decision_follows_the_candidate_the_router_fails_over_to() throws Exception {
        stubs.fails("groq", 503);
        stubs.answers("together", TOGETHER_MODEL, "Brief.", 10, 2);

        ChatResponse response = routed().call(new Prompt("Hello"));

        // Groq (below the threshold) was tried as sent; Together (above) got the lean request
        JsonNode toGroq = body("groq", 0);
        assertThat(toGroq.at("/messages")).hasSize(1);
        assertThat(maxTokens(toGroq)).isNull();
        JsonNode toTogether = body("together", 0);
        assertThat(toTogether.at("/messages/0/content").asText()).isEqualTo(INSTRUCTION);
        assertThat(maxTokens(toTogether)).isEqualTo(400);
        CallReceipt receipt = CarbonReceipts.of(response).orElseThrow();
        assertThat(receipt.endpoint()).isEqualTo(TOGETHER);
        assertThat(receipt.failedOver()).containsExactly(GROQ);
        assertThat(LeanerAnswers.decision(response).orElseThrow().endpoint()).isEqualTo(TOGETHER);
    }

    @Test
    void a_stream_sends_the_lean_request_and_its_last_chunk_carries_receipt_and_decision() throws Exception {
        stubs.streams("together", TOGETHER_MODEL, List.of("Bri", "ef."), 10, 2);
        CarbonAwareChatModel model = CarbonAwareChatModel.builder().carbonBench(cb).leanerAnswers(lean)
                .candidate("together", "us", "llama-3.3-70b", stubs.chatModel("together", TOGETHER_MODEL)).build();

        List<ChatResponse> chunks = model.stream(new Prompt("Hello")).collectList().block();

        JsonNode body = body("together", 0);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo(INSTRUCTION);
        assertThat(maxTokens(body)).isEqualTo(400);
        ChatResponse last = chunks.get(chunks.size() - 1);
        assertThat(CarbonReceipts.of(last).orElseThrow().endpoint()).isEqualTo(TOGETHER);
        assertThat(LeanerAnswers.decision(last).orElseThrow().applied()).isTrue();
    }

    @Test
    void the_builder_needs_a_threshold_and_something_to_change() {
        assertThatThrownBy(() -> LeanerAnswers.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LeanerAnswers.builder().aboveGramsPerKwh(100).instruction(" ").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LeanerAnswers.builder().aboveGramsPerKwh(-1)).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(LeanRule.DEFAULT_INSTRUCTION).isEqualTo(INSTRUCTION);
    }

    /** The request's {@code max_tokens} (what Spring AI's {@code maxTokens} is sent as); null for none. */
    private static Integer maxTokens(JsonNode body) {
        assertThat(body.has("max_completion_tokens")).isFalse();
        JsonNode n = body.get("max_tokens");
        return n == null || n.isNull() ? null : n.asInt();
    }
}
