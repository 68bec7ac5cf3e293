package ai.carbonbench.router;

import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every router in the JVM, that marks snapshots {@linkplain Snapshot#due due}
 * when their expiry time comes, so that {@code select()} need not read the clock on every call. The thread
 * starts with the first task and ends after 10 s without one. Tasks reference only their snapshot, never a
 * router, so a router that is dropped needs no closing: its last task fires (or is cancelled) and is gone.
 */
final class ExpiryTimer {

    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private ExpiryTimer() {
    }

    private static final Class<?> OFFSET_CLOCK = Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(1)).getClass();

    /**
     * Whether real-time scheduling matches {@code clock}: true for the system clock in any zone, and for a
     * {@link Clock#offset(Clock, java.time.Duration) fixed offset} of it (which moves in real time too). Any other
     * clock (a test's fixed or hand-moved clock) may not move with real time.
     */
    static boolean tracks(Clock clock) {
        if (clock.getClass() == SYSTEM_CLOCK) {
            return true;
        }
        // The JDK's offset clock does not expose its base; its toString does ("OffsetClock[SystemClock[Z],PT1H]").
        return clock.getClass() == OFFSET_CLOCK && clock.toString().startsWith("OffsetClock[SystemClock[");
    }

    /**
     * Marks {@code s} due after {@code delayMillis} (at once when that is not positive or the timer refuses
     * the task); returns the task, or null when none was scheduled.
     */
    static ScheduledFuture<?> markDueAt(Snapshot s, long delayMillis) {
        if (delayMillis <= 0) {
            s.due = true;
            return null;
        }
        try {
            return TIMER.schedule(() -> {
                s.due = true;
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            s.due = true; // fall back to a clock read per call
            return null;
        }
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "carbonbench-router-expiry");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true); // a re-ranking cancels the old snapshot's task: do not keep it queued
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
