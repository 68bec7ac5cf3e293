package ai.carbonbench.core.grid;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** One loopback WireMock server per test class, and the example payloads from docs/examples. */
final class WireMockSupport {
    private WireMockSupport() {
    }

    static WireMockServer start() {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(12));
        wm.start();
        // One request before the tests: the first one through a fresh JVM and server is slow (class
        // loading, JIT), and would otherwise trip the short timeouts some tests use.
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(wm.baseUrl() + "/__warmup")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return wm;
    }

    static String payload(String name) {
        try (InputStream in = WireMockSupport.class.getResourceAsStream("/grid/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
