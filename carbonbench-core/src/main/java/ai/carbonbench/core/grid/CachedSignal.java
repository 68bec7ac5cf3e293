package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one cached-signal machinery of the grid package: a Caffeine async loading cache of one kind of
 * value (a zone's latest value, its history, its forecast, a whole snapshot document), keyed by string.
 * Every grid source caches through it.
 *
 * <ul>
 *   <li>Reads never wait on the network once a value exists: {@code refreshAfterWrite} reloads in the
 *       background while the old value is served; concurrent reads of one key share one load.
 *   <li>A failed load keeps the last good value ({@link Slot#failures()} counts the streak) and logs one
 *       warning per streak through {@link FailureLog}; nothing throws into a reader.
 *   <li>A value is dropped {@code expireAfter} after its fetch (never, when that is null); a key that
 *       has never loaded is retried with {@link Backoff#cold backoff}, not on every read.
 *   <li>A first read of a key may wait up to {@code awaitFirstValue} for its load.
 * </ul>
 * Thread-safe.
 *
 * @param <T> the cached value
 */
final class CachedSignal<T> {

    /**
     * What the cache holds for a key: the last good value (null until one loaded), when it was fetched
     * (ticker ns), how many loads have failed since, and when the slot was last written (ticker ns; the
     * next background refresh is due {@code refreshAfter} later).
     */
    record Slot<T>(@Nullable T value, long fetchedAt, int failures, long writtenAt) {
        Slot<T> failedAgain(long now) {
            return new Slot<>(value, fetchedAt, failures + 1, now);
        }
    }

    private final String name;
    private final long expireAfterNanos;
    private final Duration awaitFirstValue;
    private final Ticker ticker;
    private final Function<String, CompletableFuture<T>> fetch;
    private final FailureLog failures;
    private final BooleanSupplier closed;
    private final Backoff coldRetry;
    private final AsyncLoadingCache<String, Slot<T>> cache;
    /** Consecutive failed cold loads per key, so that retries of a never-loaded key back off. */
    private final Map<String, Integer> coldFailures = new ConcurrentHashMap<>();
    private volatile Consumer<String> onLoaded = key -> { };

    CachedSignal(String name, Duration refreshAfter, @Nullable Duration expireAfter, Duration awaitFirstValue, Ticker ticker,
            Executor executor, FailureLog failures, BooleanSupplier closed, Function<String, CompletableFuture<T>> fetch) {
        this.name = name;
        this.expireAfterNanos = expireAfter == null ? Long.MAX_VALUE : expireAfter.toNanos();
        this.awaitFirstValue = awaitFirstValue;
        this.ticker = ticker;
        this.fetch = fetch;
        this.failures = failures;
        this.closed = closed;
        this.coldRetry = Backoff.cold(refreshAfter);
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(executor)
                .refreshAfterWrite(refreshAfter)
                .expireAfter(new SlotExpiry())
                .buildAsync(new Loader());
    }

    /** Called with the key after every completed load or reload, good or failed (to drop derived answers). */
    void onLoaded(Consumer<String> listener) {
        this.onLoaded = listener;
    }

    /** The key's slot unless it is past the hard limit at {@code now} (ticker nanoseconds). */
    Optional<Slot<T>> read(String key, long now) {
        CompletableFuture<Slot<T>> f = cache.get(key);
        if (!f.isDone() && !awaitFirstValue.isZero()) {
            try {
                f.get(awaitFirstValue.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // answer with what we have (nothing); the load goes on in the background
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Slot<T> slot;
        try {
            slot = f.getNow(null);
        } catch (RuntimeException e) {
            return Optional.empty(); // loads never fail by design; be safe anyway
        }
        if (slot == null || slot.value() == null || now - slot.fetchedAt() >= expireAfterNanos) {
            return Optional.empty();
        }
        return Optional.of(slot);
    }

    Optional<Slot<T>> read(String key) {
        return read(key, expireAfterNanos == Long.MAX_VALUE ? 0 : ticker.read());
    }

    /** Starts (or joins) the key's load; the future never fails. */
    CompletableFuture<?> load(String key) {
        return cache.get(key);
    }

    /** Reloads the key now. */
    CompletableFuture<?> refresh(String key) {
        return cache.synchronous().refresh(key);
    }

    private CompletableFuture<Slot<T>> load(String key, Slot<T> old, Executor executor) {
        if (closed.getAsBoolean()) {
            long now = ticker.read();
            return CompletableFuture.completedFuture(old != null ? old : new Slot<>(null, now, 1, now));
        }
        // Start on the executor: building a request can resolve DNS, which must not run on a reader's thread.
        return CompletableFuture.supplyAsync(() -> fetch.apply(key), executor)
                .thenCompose(Function.identity())
                .handle((value, error) -> {
                    Slot<T> slot = settle(key, old, value, error);
                    onLoaded.accept(key);
                    return slot;
                });
    }

    private Slot<T> settle(String key, Slot<T> old, T value, Throwable error) {
        long now = ticker.read();
        if (error == null && value != null) {
            failures.success(key, name);
            coldFailures.remove(key);
            return new Slot<>(value, now, 0, now);
        }
        Throwable why = error != null ? error : new FetchException(FetchException.Kind.NO_DATA, "no value");
        boolean haveValue = old != null && old.value() != null;
        failures.failure(key, name, why, haveValue);
        if (haveValue) {
            return old.failedAgain(now);
        }
        int n = coldFailures.merge(key, 1, Integer::sum);
        return new Slot<T>(null, now, n, now);
    }

    private final class Loader implements AsyncCacheLoader<String, Slot<T>> {
        @Override
        public CompletableFuture<? extends Slot<T>> asyncLoad(String key, Executor executor) {
            return load(key, null, executor);
        }

        @Override
        public CompletableFuture<? extends Slot<T>> asyncReload(String key, Slot<T> old, Executor executor) {
            return load(key, old, executor);
        }
    }

    /** Good values live until the hard limit after their fetch; empty slots until the next cold retry. */
    private final class SlotExpiry implements Expiry<String, Slot<T>> {
        @Override
        public long expireAfterCreate(String key, Slot<T> slot, long now) {
            return remaining(slot, now);
        }

        @Override
        public long expireAfterUpdate(String key, Slot<T> slot, long now, long currentDuration) {
            return remaining(slot, now);
        }

        @Override
        public long expireAfterRead(String key, Slot<T> slot, long now, long currentDuration) {
            return currentDuration;
        }

        private long remaining(Slot<T> slot, long now) {
            if (slot.value() == null) {
                return coldRetry.afterFailures(slot.failures());
            }
            if (expireAfterNanos == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            return Math.max(1, slot.fetchedAt() + expireAfterNanos - now);
        }
    }
}
