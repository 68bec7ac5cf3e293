package ai.carbonbench.core.grid;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The threads and HTTP client a built source uses, and which of them it owns. The library shuts down
 * what it created and never what the user passed in. Java 17's {@link HttpClient} has no {@code close()},
 * so a client the library creates always runs on an executor the library owns, and shutting that down
 * stops the client's work.
 *
 * @param executor where loads and refreshes run
 * @param http     the HTTP client, or null for a source that reads no URL
 * @param owned    the executors this source created, shut down by {@link #close()}
 */
record GridResources(Executor executor, HttpClient http, List<ExecutorService> owned) implements AutoCloseable {

    GridResources {
        owned = List.copyOf(owned);
    }

    /** Shuts down the executors the library created. Idempotent. */
    @Override
    public void close() {
        owned.forEach(ExecutorService::shutdownNow);
    }
}
