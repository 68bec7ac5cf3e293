package ai.carbonbench.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One WireMock server on loopback speaking the OpenAI chat-completions protocol for three OpenAI-compatible
 * providers, each under its own path ({@code /together/v1}, {@code /groq/v1}, {@code /fireworks/v1}) as the
 * real ones sit under their own hosts; and the test catalog.
 *
 * <p>{@code catalog-fixture.json}: model {@code llama-3.3-70b} (0.2 Wh per 1k input tokens, 1.0 per 1k output,
 * range ×0.5..×2), PUE 1.0 everywhere; together/us on a 400 g/kWh grid (the baseline, declared first in the
 * tests), groq/us 200, fireworks/us 50. So per million tokens: fireworks 10 input / 50 output, groq 40 / 200,
 * together 80 / 400.
 *
 * <p>A test class registers it with {@code @RegisterExtension static final OpenAiStubs STUBS = new OpenAiStubs();}:
 * the stubs are reset before each test and the server stops after the class.
 */
final class OpenAiStubs implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    static final OfferingKey TOGETHER = OfferingKey.of("together", "us", "llama-3.3-70b");
    static final OfferingKey GROQ = OfferingKey.of("groq", "us", "llama-3.3-70b");
    static final OfferingKey FIREWORKS = OfferingKey.of("fireworks", "us", "llama-3.3-70b");

    static final String TOGETHER_MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    static final String GROQ_MODEL = "llama-3.3-70b-versatile";
    static final String FIREWORKS_MODEL = "accounts/fireworks/models/llama-v3p3-70b-instruct";

    /** The test catalog's CarbonBench, shared by the test classes: it is immutable and no test changes it. */
    static final CarbonBench CB = carbonBench();

    final WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    OpenAiStubs() {
        server.start();
    }

    static Catalog catalog() {
        try {
            return Catalog.load(Path.of(OpenAiStubs.class.getResource("catalog-fixture.json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CarbonBench carbonBench() {
        // the GPU boundary: the fixture figures are hand-computed with the accelerator x PUE formula
        return CarbonBench.builder().catalog(catalog()).boundary(ai.carbonbench.core.score.Boundary.GPU).build();
    }

    String baseUrl(String provider) {
        return "http://127.0.0.1:" + server.port() + "/" + provider + "/v1";
    }

    static String path(String provider) {
        return "/" + provider + "/v1/chat/completions";
    }

    OpenAiChatModel chatModel(String provider, String modelName) {
        return chatModelBuilder(provider, modelName).build();
    }

    OpenAiChatModel chatModel(String provider, String modelName, Duration timeout) {
        return chatModelBuilder(provider, modelName).timeout(timeout).build();
    }

    /** A chat model on {@code provider}'s stub, for a test to add to (e.g. listeners): 5 s timeout, no retries. */
    OpenAiChatModel.OpenAiChatModelBuilder chatModelBuilder(String provider, String modelName) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl(provider))
                .apiKey("key-" + provider)
                .modelName(modelName)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0); // fail-over is the carbon-aware model's job
    }

    OpenAiStreamingChatModel streamingModel(String provider, String modelName) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl(provider))
                .apiKey("key-" + provider)
                .modelName(modelName)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    /** The provider answers {@code text} with this usage. */
    void answers(String provider, String model, String text, int promptTokens, int completionTokens) {
        server.stubFor(post(urlPathEqualTo(path(provider)))
                .willReturn(okJson(completion(model, text, promptTokens, completionTokens))));
    }

    /** The provider answers with an HTTP error and an OpenAI-style error body. */
    void fails(String provider, int status) {
        server.stubFor(post(urlPathEqualTo(path(provider))).willReturn(error(status)));
    }

    static ResponseDefinitionBuilder error(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + provider(status) + "\",\"type\":\"test\",\"code\":" + status
                        + "}}");
    }

    private static String provider(int status) {
        return switch (status) {
            case 401 -> "Incorrect API key provided";
            case 429 -> "Rate limit reached";
            case 500 -> "The server had an error";
            case 503 -> "Service unavailable";
            default -> "Error " + status;
        };
    }

    /** The provider streams {@code tokens} as server-sent events, then the usage chunk and [DONE]. */
    void streams(String provider, String model, List<String> tokens, int promptTokens, int completionTokens) {
        server.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(sse(model, tokens, promptTokens, completionTokens))));
    }

    static String completion(String model, String text, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764547200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                """.formatted(model, text, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    static String chunk(String model, String content) {
        return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
                + "\"},\"finish_reason\":null}]}\n\n";
    }

    static String sse(String model, List<String> tokens, int promptTokens, int completionTokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append(chunk(model, t));
        }
        sb.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\"")
                .append(model).append("\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sb.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\"")
                .append(model).append("\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens).append(",\"total_tokens\":")
                .append(promptTokens + completionTokens).append("}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
