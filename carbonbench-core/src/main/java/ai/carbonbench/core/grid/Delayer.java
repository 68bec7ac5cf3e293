package ai.carbonbench.core.grid;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Completes a future after a delay without holding a thread. The seam through which tests replace
 * real waiting (rate limit, backoff, Retry-After) with a fake ticker that jumps ahead.
 */
@FunctionalInterface
interface Delayer {

    CompletableFuture<Void> after(long nanos);

    /** Waits on the JDK's shared delay scheduler (a daemon thread), then continues on {@code executor}. */
    static Delayer using(Executor executor) {
        return nanos -> nanos <= 0
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, executor));
    }
}
