package ai.carbonbench.core.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every grid source in the JVM, that marks cached answers
 * {@linkplain Answer#due due} when their next refresh, staleness or expiry time comes, so that a cached
 * {@code current(zone)} need not read the clock on every call (a clock read costs as much as the rest of
 * the read). The thread starts with the first task and ends after 10 s without one. Tasks reference only
 * their answer, never a source, so a dropped source needs no closing.
 *
 * <p>Only the system ticker moves with the timer's real time; a source with any other ticker (a test's
 * fake) reads its ticker on every call instead.
 */
final class FreshnessTimer {

    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private FreshnessTimer() {
    }

    /** Whether real-time scheduling matches {@code ticker}. */
    static boolean tracks(Ticker ticker) {
        return ticker == Ticker.systemTicker();
    }

    /** A precomputed answer, valid until the timer (or a completed load) marks it due. */
    static final class Answer<V> {
        final V value;
        volatile boolean due;

        Answer(V value) {
            this.value = value;
        }
    }

    /** Marks {@code a} due after {@code delayNanos}; at once when that is not positive or the timer refuses. */
    static void markDueAfter(Answer<?> a, long delayNanos) {
        if (delayNanos <= 0) {
            a.due = true;
            return;
        }
        try {
            TIMER.schedule(() -> {
                a.due = true;
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            a.due = true; // fall back to a clock read per call
        }
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "carbonbench-grid-freshness");
            thread.setDaemon(true);
            return thread;
        });
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
