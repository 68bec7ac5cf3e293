package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.HttpStatusException;
import ai.carbonbench.router.RouterListener;
import ai.carbonbench.router.RoutingDecision;
import ai.carbonbench.router.Usage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a plain {@code java.net.http} client for two regions in a {@link CarbonRouter}: each call goes to the
 * cleaner region, fails over when it answers 503, and lands in the ledger. Runs offline against a stub
 * server it starts on loopback.
 *
 * <p>Usage: {@code RouterExample [catalog.json] [provider] [dirty-region] [clean-region] [model]}; without
 * arguments, the embedded catalog and Amazon Bedrock's us-east-1 and eu-north-1 for gpt-oss-120b (same price in both, 19x less carbon in Stockholm).
 */
public final class RouterExample {

    private RouterExample() {
    }

    /** One regional endpoint: the shared HTTP client plus that region's base URI. */
    record Regional(HttpClient http, URI base) {
    }

    public static void main(String[] args) throws Exception {
        Catalog catalog = args.length > 0 ? Catalog.load(Path.of(args[0])) : Catalog.embedded();
        String provider = args.length > 1 ? args[1] : "aws-bedrock";
        String dirty = args.length > 2 ? args[2] : "us-east-1";
        String clean = args.length > 3 ? args[3] : "eu-north-1";
        String model = args.length > 4 ? args[4] : "gpt-oss-120b";

        HttpServer stub = startStub();
        String root = "http://127.0.0.1:" + stub.getAddress().getPort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog).build()) {
            CarbonRouter<Regional> router = CarbonRouter.<Regional>builder(cb)
                    .endpoint(OfferingKey.of(provider, dirty, model), new Regional(http, URI.create(root + "/dirty/")))
                    .endpoint(OfferingKey.of(provider, clean, model), new Regional(http, URI.create(root + "/clean/")))
                    .listener(new RouterListener() {
                        @Override
                        public void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
                            System.out.println("  fail-over from " + from + " (" + failure.getMessage() + ") to "
                                    + next.map(OfferingKey::toString).orElse("nothing"));
                        }
                    })
                    .build();

            RoutingDecision d = router.select();
            System.out.println("Decision: " + d.chosen().key() + "\n  " + d.reason());
            for (int i = 1; i <= 4; i++) {
                String prompt = i == 3 ? "fail" : "Say hello, call " + i;
                String answer = router.call(c -> send(c, prompt), RouterExample::usage);
                System.out.println("Call " + i + ": " + answer);
            }
            System.out.println("\nLedger: " + router.ledger());
            System.out.println(router.ledger().toCsv());
        } finally {
            stub.stop(0);
        }
    }

    private static String send(Regional c, String prompt) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(c.base().resolve("v1/chat/completions"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\"}"))
                .build();
        HttpResponse<String> r = c.http().send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new HttpStatusException(r.statusCode(), r.body()); // 429/5xx fail over, others are rethrown
        }
        return r.body();
    }

    private static final Pattern TOKENS = Pattern.compile(
            "\"prompt_tokens\":(\\d+),\"completion_tokens\":(\\d+)");

    /** Reads OpenAI-style usage from the response body. */
    private static Usage usage(String body) {
        Matcher m = TOKENS.matcher(body);
        return m.find() ? Usage.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : Usage.NONE;
    }

    /** A stand-in for two regional LLM endpoints; the clean one answers 503 to the prompt "fail". */
    private static HttpServer startStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String region = exchange.getRequestURI().getPath().startsWith("/clean/") ? "clean" : "dirty";
            boolean fail = region.equals("clean") && body.contains("\"fail\"");
            String reply = fail ? "{\"error\":\"overloaded\"}"
                    : "{\"region\":\"" + region + "\",\"text\":\"Hello!\",\"usage\":{\"prompt_tokens\":"
                            + (body.length() * 3) + ",\"completion_tokens\":120}}";
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 503 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }
}
