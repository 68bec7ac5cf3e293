package ai.carbonbench.spring.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.micrometer.CarbonMeters;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.springai.CarbonAwareChatModel;
import ai.carbonbench.springai.CarbonReceipts;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * An application configured with properties only: two OpenAI-protocol providers on a loopback WireMock server
 * (Together, the baseline, answers 503; Groq answers), the routed chat model from the starter, its totals read
 * back from the actuator endpoint and from the metrics.
 */
@SpringBootTest(classes = CarbonBenchAutoConfigurationTest.App.class, properties = {
    "carbonbench.router.policy=lowest-carbon",
    "management.endpoints.web.exposure.include=carbonbench,metrics"
})
final class CarbonBenchAutoConfigurationTest {

    static final WireMockServer SERVER = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    static final int CALLS = 3;

    static {
        SERVER.start();
        SERVER.stubFor(post(urlPathEqualTo("/together/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withHeader("Connection", "close")
                .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
        SERVER.stubFor(post(urlPathEqualTo("/groq/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1764547200,"model":"llama-3.3-70b-versatile",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from Groq"},"finish_reason":"stop","logprobs":null}],
                 "usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200}}
                """)));
    }

    /** The candidates, as a user would write them; here, as a list binds from one source, beside the port. */
    @DynamicPropertySource
    static void candidates(DynamicPropertyRegistry registry) {
        candidate(registry, 0, "together", "meta-llama/Llama-3.3-70B-Instruct-Turbo");
        candidate(registry, 1, "groq", "llama-3.3-70b-versatile");
    }

    /** Llama 3.3 70B in the provider's "us" region, served at {@code /<provider>/v1}, key {@code <provider>-test-key}. */
    private static void candidate(DynamicPropertyRegistry registry, int index, String provider, String modelName) {
        String prefix = "carbonbench.router.candidates[" + index + "].";
        String baseUrl = "http://127.0.0.1:" + SERVER.port() + "/" + provider + "/v1";
        registry.add(prefix + "provider", () -> provider);
        registry.add(prefix + "region", () -> "us");
        registry.add(prefix + "model", () -> "llama-3.3-70b");
        registry.add(prefix + "base-url", () -> baseUrl);
        registry.add(prefix + "api-key", () -> provider + "-test-key");
        registry.add(prefix + "model-name", () -> modelName);
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    CarbonAwareChatModel model;
    @Autowired
    CarbonBench carbonBench;
    @Autowired
    EmissionsLedger ledger;
    @Autowired
    CarbonMeters meters;
    @Autowired
    CarbonBenchEndpoint endpoint;
    @Autowired
    MeterRegistry registry;

    @Test
    @SuppressWarnings("unchecked")
    void routed_calls_from_properties_are_accounted_in_the_endpoint_and_the_metrics() {
        double grams = 0;
        for (int i = 0; i < CALLS; i++) {
            ChatResponse response = model.call(new Prompt("Hello"));
            assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello from Groq");
            CallReceipt r = CarbonReceipts.of(response).orElseThrow();
            assertThat(r.endpoint().provider()).isEqualTo("groq");
            grams += r.grams().central();
        }
        // the same figures as scoring the offering directly: 1000 input and 200 output tokens per call
        var groq = carbonBench.score(model.candidates().get(1));
        double perCall = groq.gramsPerMillionInput().central() * 1000 / 1e6
                + groq.gramsPerMillionOutput().central() * 200 / 1e6;
        assertThat(grams).isCloseTo(CALLS * perCall, within(CALLS * 1e-6));

        Map<String, Object> body = endpoint.carbonbench();
        Map<String, Object> total = (Map<String, Object>) body.get("ledger");
        assertThat(total.get("calls")).isEqualTo((long) CALLS);
        assertThat(total.get("inputTokens")).isEqualTo(CALLS * 1000L);
        assertThat(total.get("outputTokens")).isEqualTo(CALLS * 200L);
        assertThat((double) total.get("grams")).isCloseTo(grams, within(1e-6));
        assertThat(total.get("boundary")).isEqualTo("server"); // the SDK's default boundary
        assertThat((Map<String, Object>) body.get("byProvider")).containsOnlyKeys("groq");
        Map<String, Object> ranking = (Map<String, Object>) body.get("ranking");
        assertThat((List<Map<String, Object>>) ranking.get("options")).extracting(o -> o.get("offering"))
                .containsExactlyInAnyOrder("together/us/llama-3.3-70b", "groq/us/llama-3.3-70b");
        assertThat(ranking.get("baseline")).isEqualTo("together/us/llama-3.3-70b");

        FunctionCounter emitted = registry.find(CarbonMeters.EMISSIONS).tag("provider", "groq").functionCounter();
        assertThat(emitted.count()).isCloseTo(grams, within(1e-6));
        assertThat(registry.find(CarbonMeters.TOKENS).tag("provider", "groq").tag("token.type", "input")
                .functionCounter().count()).isEqualTo(CALLS * 1000.0);
        assertThat(registry.find(CarbonMeters.CALLS).tag("provider", "groq").tag("outcome", "success")
                .functionCounter().count()).isEqualTo(CALLS);
        // every request Together failed is one fail-over away from it
        int togetherRequests = SERVER.findAll(postRequestedFor(urlPathEqualTo("/together/v1/chat/completions"))).size();
        assertThat(registry.find(CarbonMeters.FAILOVERS).tag("provider", "together").functionCounter().count())
                .isEqualTo(togetherRequests);
        assertThat(registry.find(CarbonMeters.GRID_INTENSITY).tag("zone", groq.zone()).gauge().value())
                .isEqualTo(groq.intensityGramsPerKwh().central());
        assertThat(ledger).isSameAs(model.ledger());
        SERVER.verify(CALLS, postRequestedFor(urlPathEqualTo("/groq/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer groq-test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama-3.3-70b-versatile"))));
    }
}
