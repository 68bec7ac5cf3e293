package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.langchain4j.CarbonAwareChatModel;
import ai.carbonbench.langchain4j.CarbonReceipt;
import ai.carbonbench.router.RoutingDecision;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One LangChain4j {@code ChatModel} over two OpenAI-compatible providers serving Llama 3.3 70B — Together
 * and Groq — that sends each call to the cleaner one, fails over on a rate limit, and prints each call's
 * carbon receipt and the ledger.
 *
 * <p>With keys: {@code TOGETHER_API_KEY=… GROQ_API_KEY=… java -cp examples/target/carbonbench.jar
 * ai.carbonbench.examples.LangChain4jQuickStart}. Without: add {@code --emulate} to run against a local
 * OpenAI-compatible emulator on loopback (whose Groq rate-limits every third call, to show fail-over).
 */
public final class LangChain4jQuickStart {

    private LangChain4jQuickStart() {
    }

    /** An OpenAI-compatible chat model; no retries of its own, so that a rate limit fails over at once. */
    private static ChatModel openAi(String baseUrl, String apiKey, String modelName) {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(modelName)
                .timeout(Duration.ofSeconds(30)).maxRetries(0).build();
    }

    public static void main(String[] args) throws IOException {
        boolean emulate = args.length > 0 && args[0].equals("--emulate");
        String togetherKey = System.getenv("TOGETHER_API_KEY");
        String groqKey = System.getenv("GROQ_API_KEY");
        if (!emulate && (isBlank(togetherKey) || isBlank(groqKey))) {
            System.err.println("Set TOGETHER_API_KEY and GROQ_API_KEY, or run with --emulate to use a local emulator.");
            System.exit(2);
        }
        HttpServer emulator = emulate ? startEmulator() : null;
        String root = emulate ? "http://127.0.0.1:" + emulator.getAddress().getPort() : null;
        try (CarbonBench cb = CarbonBench.create()) {
            // The models you already have; maxRetries(0) so that a rate limit fails over at once.
            ChatModel together = openAi(emulate ? root + "/together/v1" : "https://api.together.xyz/v1",
                    emulate ? "emulated" : togetherKey, "meta-llama/Llama-3.3-70B-Instruct-Turbo");
            ChatModel groq = openAi(emulate ? root + "/groq/v1" : "https://api.groq.com/openai/v1",
                    emulate ? "emulated" : groqKey, "llama-3.3-70b-versatile");

            // One carbon-aware model over both; the first candidate is the baseline for savings.
            CarbonAwareChatModel model = CarbonAwareChatModel.builder()
                    .carbonBench(cb)
                    .candidate("together", "us", "llama-3.3-70b", together)
                    .candidate("groq", "us", "llama-3.3-70b", groq)
                    .build();

            RoutingDecision d = model.routingDecision();
            System.out.println("Routing: " + d.chosen().key() + " first. " + d.reason());
            for (int i = 1; i <= 3; i++) {
                ChatResponse response = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from(
                                "In one sentence: why does the grid matter for AI, take " + i + "?"))
                        .build());
                System.out.println("\nCall " + i + ": " + response.aiMessage().text());
                CarbonReceipt r = CarbonReceipt.of(response).orElseThrow();
                System.out.printf(Locale.ROOT, "  served by %s%s; %d in + %d out tokens%n", r.endpoint(),
                        r.failedOver().isEmpty() ? "" : " after " + r.failedOver() + " failed",
                        r.inputTokens(), r.outputTokens());
                System.out.printf(Locale.ROOT, "  %.4g g CO2e (%.3g–%.3g) at %.0f gCO2e/kWh [%s]; %.3g g saved vs %s%n",
                        r.grams().central(), r.grams().low(), r.grams().high(), r.intensityGramsPerKwh().central(),
                        r.provenance(), r.savedGrams(), r.baseline());
            }
            System.out.println("\nLedger (" + model.ledger().total().calls() + " calls):");
            System.out.print(model.ledger().toCsv());
        } finally {
            if (emulator != null) {
                emulator.stop(0);
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * A local OpenAI-compatible chat-completions endpoint for both providers: it answers with a canned text
     * and a token usage derived from the request size; Groq answers 429 on every third call.
     */
    static HttpServer startEmulator() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger groqCalls = new AtomicInteger();
        server.createContext("/together/v1/chat/completions", ex -> answer(ex, "Together"));
        server.createContext("/groq/v1/chat/completions", ex -> {
            if (groqCalls.incrementAndGet() % 3 == 0) {
                send(ex, 429, "{\"error\":{\"message\":\"Rate limit reached (emulated)\",\"type\":\"rate_limit\"}}");
            } else {
                answer(ex, "Groq");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange ex, String who) throws IOException {
        int requestBytes = ex.getRequestBody().readAllBytes().length;
        int prompt = Math.max(1, requestBytes / 4);
        String text = "The same tokens emit more CO2e on a coal-heavy grid than on a clean one (emulated " + who + ").";
        int completion = text.length() / 4;
        send(ex, 200, """
                {"id":"emulated","object":"chat.completion","created":0,"model":"llama-3.3-70b",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                """.formatted(text, prompt, completion, prompt + completion));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
