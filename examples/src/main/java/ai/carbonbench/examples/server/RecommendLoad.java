package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Model;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load test of {@code GET /api/recommend}: starts the dashboard server in-process on loopback, then
 * runs N concurrent clients (threads sharing one {@link HttpClient}, HTTP/1.1 keep-alive) that each
 * send M requests back to back, cycling over every model of the embedded catalog. Reports throughput,
 * p50/p90/p99/max latency and errors (any answer but 200, or any I/O failure); exits 1 on any error.
 * A warm-up round (not counted) runs first so the figures are of a JIT-compiled server.
 *
 * <p>Not a unit test and not part of {@code mvn verify}; run {@code examples/load-recommend.sh
 * [--clients 200] [--requests 50] [--warmup 2000]}.
 */
public final class RecommendLoad {

    private RecommendLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opts = options(args);
        int clients = opts.get("--clients");
        int requests = opts.get("--requests");
        int warmup = opts.get("--warmup");
        try (CarbonBench bench = CarbonBench.create();
             DashboardServer server = DashboardServer.start(bench,
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            List<URI> targets = targets(bench, server.uri());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            System.out.printf(Locale.ROOT, "server %s, %d processors; %d models cycled%n", server.uri(),
                    Runtime.getRuntime().availableProcessors(), targets.size());
            Result warm = run(client, targets, Math.min(clients, 20), Math.max(1, warmup / Math.min(clients, 20)));
            System.out.printf(Locale.ROOT, "warm-up: %s%n", warm.summary());
            Result result = run(client, targets, clients, requests);
            System.out.printf(Locale.ROOT, "GET /api/recommend, %d clients x %d requests: %s%n", clients, requests,
                    result.summary());
            if (result.errors() > 0) {
                System.out.println("errors by kind: " + result.errorKinds());
                System.exit(1);
            }
        }
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> opts = new TreeMap<>(Map.of("--clients", 200, "--requests", 50, "--warmup", 2_000));
        for (int i = 0; i < args.length; i += 2) {
            if (!opts.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: RecommendLoad [--clients N] [--requests N] [--warmup N]");
            }
            opts.put(args[i], Integer.parseInt(args[i + 1]));
        }
        return opts;
    }

    /** One recommend URL per model that has at least one live offering. */
    private static List<URI> targets(CarbonBench bench, URI base) {
        List<URI> targets = new ArrayList<>();
        for (Model m : bench.catalog().models()) {
            if (bench.catalog().isLive(m)) {
                targets.add(base.resolve("/api/recommend?model=" + URLEncoder.encode(m.id(), StandardCharsets.UTF_8)));
            }
        }
        return targets;
    }

    record Result(int count, long wallNanos, long[] latencyNanos, long errors, Map<String, Integer> errorKinds) {
        String summary() {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            double seconds = wallNanos / 1e9;
            return String.format(Locale.ROOT,
                    "%d requests in %.2f s = %.0f req/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
                            + "errors %d", count, seconds, count / seconds, ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]), errors);
        }

        private static long percentile(long[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    private static Result run(HttpClient client, List<URI> targets, int clients, int requests)
            throws InterruptedException {
        int total = clients * requests;
        long[] latencies = new long[total];
        LongAdder errors = new LongAdder();
        Map<String, Integer> kinds = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client0 = c;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    for (int i = 0; i < requests; i++) {
                        int slot = client0 * requests + i;
                        URI uri = targets.get((slot * 7919) % targets.size());
                        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
                        long start = System.nanoTime();
                        String kind = null;
                        try {
                            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() != 200) {
                                kind = "HTTP " + r.statusCode();
                            }
                        } catch (IOException e) {
                            kind = e.getClass().getSimpleName();
                        }
                        latencies[slot] = System.nanoTime() - start;
                        next.incrementAndGet();
                        if (kind != null) {
                            errors.increment();
                            kinds.merge(kind, 1, Integer::sum);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-client-" + c);
            t.setDaemon(true);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long wall = System.nanoTime() - start;
        return new Result(next.get(), wall, latencies, errors.sum(), new TreeMap<>(kinds));
    }
}
