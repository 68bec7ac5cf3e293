package ai.carbonbench.benchmarks;

import ai.carbonbench.core.grid.ElectricityMapsSource;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Electricity Maps v3 emulator on loopback for the grid benchmarks: answers
 * {@code /v3/carbon-intensity/latest}, {@code /history} and {@code /forecast} for whatever zone is asked,
 * with values around the current hour, after an adjustable delay (the "stalled upstream"). Uses the JDK's
 * {@code com.sun.net.httpserver} so the benchmarks need no extra dependency. Handler threads are daemons
 * and {@link #close()} interrupts the ones still sleeping, so a stalled stub never keeps a JVM alive.
 */
final class GridApiStub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long delayMillis;

    GridApiStub() {
        AtomicInteger n = new AtomicInteger();
        handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "grid-api-stub-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/v3/carbon-intensity/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** An Electricity Maps source builder pointed at this stub, with a placeholder key. */
    ElectricityMapsSource.Builder source() {
        return ElectricityMapsSource.builder().apiKey("benchmark-key").baseUrl(baseUrl());
    }

    /** Every answer from now on waits this long first (requests already waiting keep their delay). */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** Requests received so far. */
    int received() {
        return received.get();
    }

    /** Requests received and not answered yet (held by the delay). */
    int inFlight() {
        return inFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            long delay = delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // stopping: drop the answer
                }
            }
            String path = exchange.getRequestURI().getPath();
            String zone = query(exchange.getRequestURI().getRawQuery(), "zone");
            String body;
            if (path.endsWith("/latest")) {
                body = point(zone, Instant.now().truncatedTo(ChronoUnit.HOURS), 321);
            } else if (path.endsWith("/history") || path.endsWith("/forecast")) {
                String field = path.endsWith("/history") ? "history" : "forecast";
                Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
                StringBuilder s = new StringBuilder("{\"zone\":\"").append(zone).append("\",\"").append(field).append("\":[");
                for (int i = 0; i < 24; i++) {
                    Instant at = field.equals("history") ? hour.minus(23 - i, ChronoUnit.HOURS) : hour.plus(i + 1, ChronoUnit.HOURS);
                    s.append(i == 0 ? "" : ",").append(point(zone, at, 250 + (i * 17) % 120));
                }
                body = s.append("]}").toString();
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static String point(String zone, Instant at, int grams) {
        return "{\"zone\":\"" + zone + "\",\"carbonIntensity\":" + grams + ",\"datetime\":\"" + at
                + "\",\"emissionFactorType\":\"lifecycle\",\"isEstimated\":false}";
    }

    private static String query(String raw, String name) {
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    /** Stops the server at once and interrupts the handlers still holding a delayed answer. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
