package ai.carbonbench.springai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.observation.ObservationRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * One WireMock server on loopback speaking the OpenAI chat-completions protocol for three OpenAI-compatible
 * providers under their own paths, for Spring AI's real {@link OpenAiChatModel}; and the test catalog.
 *
 * <p>{@code catalog-fixture.json} (the LangChain4j tests'): model {@code llama-3.3-70b}, 0.2 Wh per 1k input
 * tokens and 1.0 Wh per 1k output tokens, PUE 1.0; together/us on a 400 g/kWh grid (the baseline, declared first
 * in the tests), groq/us 200, fireworks/us 50.
 */
final class Stubs implements AutoCloseable {

    static final String TOGETHER_MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    static final String GROQ_MODEL = "llama-3.3-70b-versatile";
    static final String FIREWORKS_MODEL = "accounts/fireworks/models/llama-v3p3-70b-instruct";

    final WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    Stubs() {
        server.start();
    }

    static CarbonBench carbonBench() {
        try {
            Catalog catalog = Catalog.load(Path.of(Stubs.class
                    .getResource("/ai/carbonbench/langchain4j/catalog-fixture.json").toURI()));
            // GPU boundary: the tests' expected grams are hand-computed as energy x intensity x PUE
            return CarbonBench.builder().catalog(catalog).boundary(ai.carbonbench.core.score.Boundary.GPU).build();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl(String provider) {
        return "http://127.0.0.1:" + server.port() + "/" + provider + "/v1";
    }

    static String path(String provider) {
        return "/" + provider + "/v1/chat/completions";
    }

    OpenAiChatModel chatModel(String provider, String modelName) {
        return chatModel(provider, modelName, ObservationRegistry.NOOP);
    }

    OpenAiChatModel chatModel(String provider, String modelName, ObservationRegistry observations) {
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(baseUrl(provider))
                        .apiKey("key-" + provider)
                        .model(modelName)
                        .timeout(Duration.ofSeconds(5))
                        .maxRetries(0) // fail-over is the carbon-aware model's job
                        .streamUsage(true)
                        .build())
                .observationRegistry(observations)
                .build();
    }

    void answers(String provider, String model, String text, int promptTokens, int completionTokens) {
        server.stubFor(post(urlPathEqualTo(path(provider)))
                .willReturn(okJson(completion(model, text, promptTokens, completionTokens))));
    }

    void fails(String provider, int status) {
        server.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Connection", "close") // the OpenAI SDK's streaming client reads an error body to EOF
                .withBody("{\"error\":{\"message\":\"Error " + status + "\",\"type\":\"test\",\"code\":\"e" + status
                        + "\"}}")));
    }

    void streams(String provider, String model, List<String> tokens, int promptTokens, int completionTokens) {
        server.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("Connection", "close") // the OpenAI SDK's streaming client reads the stream to EOF
                .withBody(sse(model, tokens, promptTokens, completionTokens))));
    }

    static String completion(String model, String text, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764547200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop","logprobs":null}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                """.formatted(model, text, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    private static String chunk(String model, String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish
                + ",\"logprobs\":null}]}\n\n";
    }

    static String sse(String model, List<String> tokens, int promptTokens, int completionTokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append(chunk(model, "{\"role\":\"assistant\",\"content\":\"" + t + "\"}", "null"));
        }
        sb.append(chunk(model, "{}", "\"stop\""));
        sb.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\"")
                .append(model).append("\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens).append(",\"total_tokens\":")
                .append(promptTokens + completionTokens).append("}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
