package ai.carbonbench.langchain4j;

import static ai.carbonbench.langchain4j.OpenAiStubs.CB;
import static ai.carbonbench.langchain4j.OpenAiStubs.FIREWORKS;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ;
import static ai.carbonbench.langchain4j.OpenAiStubs.TOGETHER;
import static ai.carbonbench.langchain4j.OpenAiStubs.FIREWORKS_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.TOGETHER_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.path;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.UnknownIdException;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.NoEndpointAvailableException;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class CarbonAwareChatModelTest {

    @RegisterExtension
    static final OpenAiStubs STUBS = new OpenAiStubs();

    final EmissionsLedger ledger = EmissionsLedger.withCallLog(100);
    /** Fireworks' client timeout: the stub's 5 s, shortened only by the test of a timeout. */
    Duration fireworksTimeout = Duration.ofSeconds(5);

    /** Together (the baseline, dirtiest), Groq, Fireworks (cleanest), as real OpenAI-compatible clients. */
    CarbonAwareChatModel model(ChatModelListener... listeners) {
        CarbonAwareChatModel.Builder b = CarbonAwareChatModel.builder()
                .carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", STUBS.chatModel("together", TOGETHER_MODEL))
                .candidate("groq", "us", "Llama 3.3 70B", STUBS.chatModel("groq", GROQ_MODEL))
                .candidate("fireworks", "us", "meta-llama/Llama-3.3-70B-Instruct",
                        STUBS.chatModel("fireworks", FIREWORKS_MODEL, fireworksTimeout))
                .ledger(ledger);
        for (ChatModelListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    static ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("Say hello")).build();
    }

    @Test
    void reasoning_and_cached_tokens_show_on_the_receipt_and_are_scored_as_output_and_input() {
        STUBS.server.stubFor(post(urlPathEqualTo(path("fireworks"))).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1764547200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Thought about it"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,
                          "prompt_tokens_details":{"cached_tokens":1000},
                          "completion_tokens_details":{"reasoning_tokens":250}}}
                """.formatted(FIREWORKS_MODEL))));
        STUBS.answers("groq", GROQ_MODEL, "Hello from Groq", 1200, 300);
        STUBS.answers("together", TOGETHER_MODEL, "Hello from Together", 1200, 300);

        CarbonReceipt r = CarbonReceipt.of(model().chat(hello())).orElseThrow();

        assertThat(r.reasoningTokens()).hasValue(250);
        assertThat(r.cachedInputTokens()).hasValue(1000);
        // the same grams as without the details: reasoning tokens are output tokens, cached tokens input tokens
        assertThat(r.grams().central()).isCloseTo(1200 * 10e-6 + 300 * 50e-6, within(1e-9));
        assertThat(r.toString()).contains("250 of the output tokens reasoning", "1000 of the input tokens cached");
    }

    @Test
    void the_cleanest_candidate_answers_and_the_receipt_says_what_it_emitted() {
        STUBS.answers("fireworks", FIREWORKS_MODEL, "Hello from Fireworks", 1200, 300);
        STUBS.answers("groq", GROQ_MODEL, "Hello from Groq", 1200, 300);
        STUBS.answers("together", TOGETHER_MODEL, "Hello from Together", 1200, 300);

        ChatResponse response = model().chat(hello());

        assertThat(response.aiMessage().text()).isEqualTo("Hello from Fireworks");
        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("fireworks")))
                .withHeader("Authorization", equalTo("Bearer key-fireworks"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(FIREWORKS_MODEL)))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Say hello"))));
        STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("groq"))));
        STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("together"))));

        CarbonReceipt r = CarbonReceipt.of(response).orElseThrow();
        assertThat(r.endpoint()).isEqualTo(FIREWORKS);
        assertThat(r.failedOver()).isEmpty();
        assertThat(r.inputTokens()).isEqualTo(1200);
        assertThat(r.outputTokens()).isEqualTo(300);
        assertThat(r.tokenUsageReported()).isTrue();
        assertThat(r.reasoningTokens()).isEmpty();
        // 1200 × 10 g/Mtok + 300 × 50 g/Mtok = 0.012 + 0.015 g; the energy range is ×0.5..×2
        assertThat(r.grams().central()).isCloseTo(0.027, within(1e-9));
        assertThat(r.grams().low()).isCloseTo(0.0135, within(1e-9));
        assertThat(r.grams().high()).isCloseTo(0.054, within(1e-9));
        assertThat(r.intensityGramsPerKwh().central()).isEqualTo(50.0);
        assertThat(r.zone()).isEqualTo("US-CLEAN");
        assertThat(r.provenance()).isEqualTo(Provenance.DEFAULT);
        assertThat(r.baseline()).isEqualTo(TOGETHER);
        assertThat(r.baselineGrams()).isCloseTo(1200 * 80e-6 + 300 * 400e-6, within(1e-9));
        assertThat(r.savedGrams()).isCloseTo(0.216 - 0.027, within(1e-9));
        assertThat(r.savedFraction()).isCloseTo(0.875, within(1e-9));
        assertThat(r.toString()).contains("fireworks/us/llama-3.3-70b", "saved vs together/us/llama-3.3-70b");

        // the provider's own metadata is intact, and the standard accessors still answer
        CarbonChatResponseMetadata md = (CarbonChatResponseMetadata) response.metadata();
        assertThat(md.original()).isInstanceOf(OpenAiChatResponseMetadata.class);
        assertThat(response.modelName()).isEqualTo(FIREWORKS_MODEL);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(1200);
        assertThat(md.toBuilder().build()).isEqualTo(md);
    }

    @Test
    void token_usage_reaches_the_ledger_as_the_catalog_arithmetic_says() {
        STUBS.answers("fireworks", FIREWORKS_MODEL, "ok", 1234, 567);
        CarbonAwareChatModel model = model();

        model.chat(hello());
        model.chat(hello());

        Range one = CB.score(FIREWORKS).gramsFor(1234, 567);
        assertThat(ledger.total().calls()).isEqualTo(2);
        assertThat(ledger.total().inputTokens()).isEqualTo(2 * 1234);
        assertThat(ledger.total().outputTokens()).isEqualTo(2 * 567);
        assertThat(ledger.total().grams().central()).isCloseTo(2 * one.central(), within(2e-6));
        assertThat(ledger.total().grams().low()).isCloseTo(2 * one.low(), within(2e-6));
        assertThat(ledger.total().grams().high()).isCloseTo(2 * one.high(), within(2e-6));
        assertThat(ledger.byProvider()).containsOnlyKeys("fireworks");
        assertThat(model.ledger()).isSameAs(ledger);
    }

    @Test
    void a_response_without_usage_is_counted_with_zero_tokens_and_says_so() {
        STUBS.server.stubFor(post(urlPathEqualTo(path("fireworks"))).willReturn(okJson("""
                {"id":"x","object":"chat.completion","created":1,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"no usage"},"finish_reason":"stop"}]}
                """.formatted(FIREWORKS_MODEL))));

        CarbonReceipt r = CarbonReceipt.of(model().chat(hello())).orElseThrow();

        assertThat(r.tokenUsageReported()).isFalse();
        assertThat(r.inputTokens()).isZero();
        assertThat(r.grams().central()).isZero();
        assertThat(ledger.total().calls()).isEqualTo(1);
    }

    @Test
    void a_429_on_the_cleanest_fails_over_to_the_next_cleanest() {
        STUBS.fails("fireworks", 429);
        STUBS.answers("groq", GROQ_MODEL, "Hello from Groq", 100, 20);
        STUBS.answers("together", TOGETHER_MODEL, "Hello from Together", 100, 20);

        ChatResponse response = model().chat(hello());

        assertThat(response.aiMessage().text()).isEqualTo("Hello from Groq");
        CarbonReceipt r = CarbonReceipt.of(response).orElseThrow();
        assertThat(r.endpoint()).isEqualTo(GROQ);
        assertThat(r.failedOver()).containsExactly(FIREWORKS);
        assertThat(r.intensityGramsPerKwh().central()).isEqualTo(200.0);
        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("fireworks"))));
        STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("together"))));
        assertThat(ledger.calls()).extracting(CallRecord::endpoint).containsExactly(GROQ);
    }

    @Test
    void a_500_on_the_cleanest_fails_over_to_the_next_cleanest() {
        STUBS.fails("fireworks", 500);

        assertGroqAnswersAfterFireworksFailed();
    }

    @Test
    void a_timeout_on_the_cleanest_fails_over_to_the_next_cleanest() {
        STUBS.server.stubFor(post(urlPathEqualTo(path("fireworks"))).willReturn(
                okJson(OpenAiStubs.completion(FIREWORKS_MODEL, "too late", 1, 1)).withFixedDelay(3_000)));
        fireworksTimeout = Duration.ofMillis(700);

        assertGroqAnswersAfterFireworksFailed();
    }

    /** With Fireworks (the cleanest) failing as stubbed, Groq (the next cleanest) answers. */
    private void assertGroqAnswersAfterFireworksFailed() {
        STUBS.answers("groq", GROQ_MODEL, "Hello from Groq", 100, 20);

        ChatResponse response = model().chat(hello());

        assertThat(response.aiMessage().text()).isEqualTo("Hello from Groq");
        assertThat(CarbonReceipt.of(response).orElseThrow().failedOver()).containsExactly(FIREWORKS);
    }

    @Test
    void a_401_is_thrown_at_once_without_trying_another_candidate() {
        STUBS.fails("fireworks", 401);
        STUBS.answers("groq", GROQ_MODEL, "Hello from Groq", 100, 20);

        assertThatThrownBy(() -> model().chat(hello()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key");
        STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("groq"))));
        assertThat(ledger.total().calls()).isZero();
    }

    @Test
    void when_every_candidate_fails_the_exception_names_each_one_and_its_cause() {
        STUBS.fails("fireworks", 429);
        STUBS.fails("groq", 503);
        STUBS.fails("together", 500);

        assertThatThrownBy(() -> model().chat(hello()))
                .isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("fireworks/us/llama-3.3-70b -> RateLimitException: ")
                .hasMessageContaining("groq/us/llama-3.3-70b -> InternalServerException: ")
                .hasMessageContaining("together/us/llama-3.3-70b -> InternalServerException: ")
                .satisfies(e -> {
                    assertThat(((NoEndpointAvailableException) e).retriable()).isTrue();
                    assertThat(e.getSuppressed()).hasSize(3);
                });
        assertThat(ledger.total().calls()).isZero();
    }

    @Test
    void langchain4j_listeners_see_the_request_and_the_response_with_its_receipt() {
        STUBS.answers("fireworks", FIREWORKS_MODEL, "Hello", 10, 5);
        List<CarbonReceipt> seen = new CopyOnWriteArrayList<>();
        ChatModelListener listener = new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext ctx) {
                seen.add(CarbonReceipt.of(ctx.chatResponse()).orElseThrow());
            }
        };

        ChatModel model = model(listener);
        model.chat("Say hello");

        assertThat(seen).singleElement().extracting(CarbonReceipt::endpoint).isEqualTo(FIREWORKS);
    }

    @Test
    void capabilities_are_those_every_candidate_supports_and_provider_the_one_they_share() {
        ChatModel jsonAndTools = stub(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA), ModelProvider.OPEN_AI);
        ChatModel openAi = STUBS.chatModel("groq", GROQ_MODEL); // an OpenAiChatModel declares no capability by default
        CarbonAwareChatModel model = CarbonAwareChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", jsonAndTools)
                .candidate("groq", "us", "llama-3.3-70b", openAi)
                .candidate("fireworks", "us", "llama-3.3-70b", stub(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA),
                        ModelProvider.OPEN_AI))
                .build();

        assertThat(openAi.supportedCapabilities()).isEmpty();
        assertThat(model.supportedCapabilities()).isEmpty();
        assertThat(CarbonAwareChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", jsonAndTools)
                .candidate("fireworks", "us", "llama-3.3-70b", jsonAndTools).build().supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(model.provider()).isEqualTo(ModelProvider.OPEN_AI);
        assertThat(model.defaultRequestParameters().modelName()).isNull();
        assertThat(model.routingDecision().chosen().key()).isEqualTo(FIREWORKS);

        CarbonAwareChatModel mixed = CarbonAwareChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", stub(Set.of(), ModelProvider.AMAZON_BEDROCK))
                .candidate("groq", "us", "llama-3.3-70b", jsonAndTools)
                .build();
        assertThat(mixed.provider()).isEqualTo(ModelProvider.OTHER);
        assertThat(mixed.supportedCapabilities()).isEmpty();
    }

    @Test
    void an_unknown_candidate_fails_the_build_naming_close_ids() {
        CarbonAwareChatModel.Builder b = CarbonAwareChatModel.builder().carbonBench(CB)
                .candidate("grok", "us", "llama-3.3-70b", STUBS.chatModel("groq", GROQ_MODEL));

        assertThatThrownBy(b::build).isInstanceOf(UnknownIdException.class).hasMessageContaining("groq");
        assertThatThrownBy(() -> CarbonAwareChatModel.builder().carbonBench(CB).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ChatModel stub(Set<Capability> capabilities, ModelProvider provider) {
        return new ChatModel() {
            @Override
            public Set<Capability> supportedCapabilities() {
                return capabilities;
            }

            @Override
            public ModelProvider provider() {
                return provider;
            }
        };
    }
}
