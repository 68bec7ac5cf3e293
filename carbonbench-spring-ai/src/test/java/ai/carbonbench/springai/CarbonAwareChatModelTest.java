package ai.carbonbench.springai;

import static ai.carbonbench.springai.Stubs.FIREWORKS_MODEL;
import static ai.carbonbench.springai.Stubs.GROQ_MODEL;
import static ai.carbonbench.springai.Stubs.TOGETHER_MODEL;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.NoEndpointAvailableException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

final class CarbonAwareChatModelTest {

    static final OfferingKey TOGETHER = OfferingKey.of("together", "us", "llama-3.3-70b");
    static final OfferingKey GROQ = OfferingKey.of("groq", "us", "llama-3.3-70b");
    static final OfferingKey FIREWORKS = OfferingKey.of("fireworks", "us", "llama-3.3-70b");

    private final Stubs stubs = new Stubs();
    private final CarbonBench cb = Stubs.carbonBench();

    @AfterEach
    void stop() {
        stubs.close();
    }

    private CarbonAwareChatModel model() {
        return CarbonAwareChatModel.builder().carbonBench(cb)
                .candidate("together", "us", "llama-3.3-70b", stubs.chatModel("together", TOGETHER_MODEL))
                .candidate("groq", "us", "llama-3.3-70b", stubs.chatModel("groq", GROQ_MODEL))
                .candidate("fireworks", "us", "llama-3.3-70b", stubs.chatModel("fireworks", FIREWORKS_MODEL))
                .build();
    }

    @Test
    void sends_the_call_to_the_cleanest_candidate_with_its_own_client_and_attaches_the_receipt() {
        stubs.answers("fireworks", FIREWORKS_MODEL, "Hello from Fireworks", 1000, 200);
        CarbonAwareChatModel model = model();

        ChatResponse response = model.call(new Prompt("Hello"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello from Fireworks");
        stubs.server.verify(postRequestedFor(urlPathEqualTo(Stubs.path("fireworks")))
                .withHeader("Authorization", equalTo("Bearer key-fireworks"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(FIREWORKS_MODEL))));
        CallReceipt r = CarbonReceipts.of(response).orElseThrow();
        // 1000 in x 0.2 Wh/1k + 200 out x 1.0 Wh/1k = 0.4 Wh; fireworks 50 g/kWh -> 0.02 g, together 400 -> 0.16 g
        assertThat(r.endpoint()).isEqualTo(FIREWORKS);
        assertThat(r.inputTokens()).isEqualTo(1000);
        assertThat(r.outputTokens()).isEqualTo(200);
        assertThat(r.tokenUsageReported()).isTrue();
        assertThat(r.grams().central()).isCloseTo(0.02, within(1e-6));
        assertThat(r.baseline()).isEqualTo(TOGETHER);
        assertThat(r.baselineGrams()).isCloseTo(0.16, within(1e-6));
        assertThat(r.failedOver()).isEmpty();
        assertThat(model.ledger().total().microgramsCentral()).isEqualTo(20_000);
        // the provider's own metadata is still there
        assertThat(response.getMetadata().getModel()).isEqualTo(FIREWORKS_MODEL);
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(1000);
    }

    @Test
    void a_rate_limited_or_failing_candidate_is_failed_over_and_named_in_the_receipt() {
        stubs.fails("fireworks", 429);
        stubs.fails("groq", 503);
        stubs.answers("together", TOGETHER_MODEL, "Hello from Together", 10, 10);

        ChatResponse response = model().call(new Prompt("Hello"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello from Together");
        assertThat(CarbonReceipts.of(response).orElseThrow().failedOver()).containsExactly(FIREWORKS, GROQ);
    }

    @Test
    void an_authentication_failure_is_thrown_without_trying_another_candidate() {
        stubs.fails("fireworks", 401);
        stubs.answers("groq", GROQ_MODEL, "Hello from Groq", 10, 10);

        assertThatThrownBy(() -> model().call(new Prompt("Hello"))).isNotInstanceOf(NoEndpointAvailableException.class);
        stubs.server.verify(0, postRequestedFor(urlPathEqualTo(Stubs.path("groq"))));
    }

    @Test
    void when_every_candidate_fails_the_exception_names_each_one() {
        stubs.fails("fireworks", 500);
        stubs.fails("groq", 429);
        stubs.fails("together", 503);

        assertThatThrownBy(() -> model().call(new Prompt("Hello")))
                .isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("fireworks/us/llama-3.3-70b -> ")
                .hasMessageContaining("groq/us/llama-3.3-70b -> ")
                .hasMessageContaining("together/us/llama-3.3-70b -> ")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(3));
    }

    @Test
    void a_stream_fails_over_before_its_first_chunk_and_its_last_chunk_carries_the_receipt() {
        stubs.fails("fireworks", 500);
        stubs.streams("groq", GROQ_MODEL, List.of("Hel", "lo", " from Groq"), 1000, 200);

        List<ChatResponse> chunks = model().stream(new Prompt("Hello")).collectList().block();

        String text = chunks.stream().map(c -> c.getResult() == null ? "" : c.getResult().getOutput().getText())
                .filter(t -> t != null).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello from Groq");
        CallReceipt r = CarbonReceipts.of(chunks.get(chunks.size() - 1)).orElseThrow();
        assertThat(r.endpoint()).isEqualTo(GROQ);
        assertThat(r.failedOver()).containsExactly(FIREWORKS);
        assertThat(r.inputTokens()).isEqualTo(1000);
        assertThat(r.outputTokens()).isEqualTo(200);
        // 0.4 Wh on 200 g/kWh
        assertThat(r.grams().central()).isCloseTo(0.08, within(1e-6));
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(CarbonReceipts.of(c)).isEmpty());
    }

    @Test
    void candidates_are_validated_by_the_router() {
        assertThatThrownBy(() -> CarbonAwareChatModel.builder().carbonBench(cb)
                .candidate("groq", "us", "llama-3.3-70b", stubs.chatModel("groq", GROQ_MODEL))
                .candidate("groq", "us", "Llama 3.3 70B", stubs.chatModel("groq", GROQ_MODEL)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
    }
}
