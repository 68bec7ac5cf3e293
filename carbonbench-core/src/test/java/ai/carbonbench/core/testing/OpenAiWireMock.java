package ai.carbonbench.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;

/**
 * One WireMock server on loopback speaking the OpenAI chat-completions protocol for OpenAI-compatible providers,
 * each under its own path ({@code /together/v1}, {@code /groq/v1}, …) as the real ones sit under their own hosts:
 * the stub the LangChain4j and Spring AI adapters' tests share, each adding its framework's models. The bodies
 * suit both LangChain4j's OpenAI client and the OpenAI Java SDK under Spring AI: choices carry {@code logprobs},
 * chunks the assistant role, and streams and errors close the connection (the SDK reads them to EOF).
 */
public class OpenAiWireMock implements AutoCloseable {

    public final WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    public OpenAiWireMock() {
        server.start();
    }

    public String baseUrl(String provider) {
        return "http://127.0.0.1:" + server.port() + "/" + provider + "/v1";
    }

    public static String path(String provider) {
        return "/" + provider + "/v1/chat/completions";
    }

    /** The provider answers {@code text} with this usage. */
    public void answers(String provider, String model, String text, int promptTokens, int completionTokens) {
        server.stubFor(post(urlPathEqualTo(path(provider)))
                .willReturn(okJson(completion(model, text, promptTokens, completionTokens))));
    }

    /** The provider answers with an HTTP error and an OpenAI-style error body. */
    public void fails(String provider, int status) {
        server.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Connection", "close")
                .withBody("{\"error\":{\"message\":\"" + message(status) + "\",\"type\":\"test\",\"code\":\"e" + status
                        + "\"}}")));
    }

    private static String message(int status) {
        return switch (status) {
            case 401 -> "Incorrect API key provided";
            case 429 -> "Rate limit reached";
            case 500 -> "The server had an error";
            case 503 -> "Service unavailable";
            default -> "Error " + status;
        };
    }

    /** The provider streams {@code tokens} as server-sent events, then the usage chunk and [DONE]. */
    public void streams(String provider, String model, List<String> tokens, int promptTokens, int completionTokens) {
        server.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("Connection", "close")
                .withBody(sse(model, tokens, promptTokens, completionTokens))));
    }

    public static String completion(String model, String text, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764547200,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop","logprobs":null}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                """.formatted(model, text, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** One server-sent event carrying {@code content}. */
    public static String chunk(String model, String content) {
        return chunk(model, "{\"role\":\"assistant\",\"content\":\"" + content + "\"}", "null");
    }

    private static String chunk(String model, String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish
                + ",\"logprobs\":null}]}\n\n";
    }

    private static String sse(String model, List<String> tokens, int promptTokens, int completionTokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append(chunk(model, t));
        }
        sb.append(chunk(model, "{}", "\"stop\""));
        sb.append("data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\"")
                .append(model).append("\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens).append(",\"total_tokens\":")
                .append(promptTokens + completionTokens).append("}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
