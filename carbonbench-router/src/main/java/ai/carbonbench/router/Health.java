package ai.carbonbench.router;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One endpoint's circuit breaker ({@link HealthPolicy}): a count-based sliding window of outcomes, the
 * open/half-open state with its exponential wait, the ranked-down (slow) period, and a latency moving average.
 *
 * <p>States: CLOSED → (failure or slow rate over the threshold) OPEN until t → (t passed, one caller wins the
 * CAS) HALF_OPEN → success: CLOSED; retriable failure: OPEN for the next, longer, wait.
 *
 * <p>Thread-safe and lock-free on the success path: the state is one atomic reference, the window a ring of
 * atomic slots claimed with one {@code getAndIncrement}; counting the window (only after a failure or a slow
 * call) scans it. Concurrent calls may see a window a call or two behind, which a rate threshold tolerates.
 * The latency average is updated without a CAS loop: under contention a sample may be lost, which an
 * exponential moving average tolerates too.
 */
final class Health {

    enum Mode { CLOSED, OPEN, HALF_OPEN }

    /**
     * @param untilMillis end of the wait (OPEN), or the time after which a stuck probe is given up and another
     *                    caller may probe (HALF_OPEN)
     * @param opened      waits in a row so far; the next one lasts {@code wait × 2^opened}
     */
    record State(Mode mode, long untilMillis, int opened) {
    }

    /** What {@link #onFailure} or {@link #onSuccess} changed, for the router to republish and tell listeners. */
    enum Change { NONE, OPENED, RECOVERED, RANKED_DOWN, RANKED_UP }

    static final State CLOSED = new State(Mode.CLOSED, 0, 0);

    /** Weight of the newest sample in the latency average. */
    static final double LATENCY_ALPHA = 0.2;

    private static final int FAILED = 1;
    private static final int SLOW = 2;

    private final HealthPolicy policy;
    private final long slowNanos;
    private final AtomicReference<State> state = new AtomicReference<>(CLOSED);
    private volatile double latencyMillis = Double.NaN;

    /** The ring of outcomes (0 = fast success, FAILED and SLOW bits), claimed by {@link #recorded}. */
    private final AtomicIntegerArray window;
    /** Outcomes recorded since the window was last cleared. */
    private final AtomicLong recorded = new AtomicLong();

    /** End of the ranked-down period (wall-clock millis), 0 when not ranked down. */
    private volatile long slowUntilMillis;
    private int slowStreak; // guarded by this
    /** Failures in the window when it last opened, for the listener. */
    private volatile int failuresWhenOpened;

    Health(HealthPolicy policy) {
        this.policy = policy;
        this.slowNanos = policy.slowCallDurationThreshold().toNanos();
        this.window = new AtomicIntegerArray(policy.slidingWindowSize());
    }

    State state() {
        return state.get();
    }

    /** Whether the ranking should include the endpoint: closed, or its wait is over (a probe may go). */
    boolean rankable(long nowMillis) {
        State s = state.get();
        return s.mode == Mode.CLOSED || nowMillis >= s.untilMillis;
    }

    /** Whether a slow call has ranked the endpoint down, as of {@code nowMillis}. */
    boolean rankedDown(long nowMillis) {
        long until = slowUntilMillis;
        return until != 0 && nowMillis < until;
    }

    /** When the ranked-down period ends; 0 when there is none. */
    long rankedDownUntilMillis() {
        return slowUntilMillis;
    }

    /**
     * Whether a call may go to the endpoint now. After a wait, exactly one caller gets {@code true} (the probe)
     * until the probe ends or {@code probeTimeoutMillis} passes.
     */
    boolean tryAcquire(long nowMillis, long probeTimeoutMillis) {
        State s = state.get();
        if (s.mode == Mode.CLOSED) {
            return true;
        }
        if (nowMillis < s.untilMillis) {
            return false;
        }
        return state.compareAndSet(s, new State(Mode.HALF_OPEN, nowMillis + probeTimeoutMillis, s.opened));
    }

    /** A successful call that took {@code nanos}. */
    Change onSuccess(long nanos, long nowMillis) {
        recordLatency(nanos / 1e6);
        boolean isSlow = nanos >= slowNanos;
        add(isSlow ? SLOW : 0);
        Change change = Change.NONE;
        if (isSlow) {
            synchronized (this) {
                change = rankDown(nowMillis);
            }
        } else if (slowUntilMillis != 0) {
            synchronized (this) {
                if (slowUntilMillis != 0) {
                    slowUntilMillis = 0;
                    slowStreak = 0;
                    change = Change.RANKED_UP;
                }
            }
        }
        for (;;) {
            State s = state.get();
            if (s.mode == Mode.CLOSED) {
                if (isSlow) {
                    return opensOnRates(nowMillis) ? Change.OPENED : change;
                }
                return change;
            }
            if (state.compareAndSet(s, CLOSED)) {
                clear();
                return Change.RECOVERED;
            }
        }
    }

    /** A retriable failure after {@code nanos}; returns what changed. */
    Change onFailure(long nanos, long nowMillis) {
        boolean isSlow = nanos >= slowNanos;
        Change change = Change.NONE;
        add(FAILED | (isSlow ? SLOW : 0));
        if (isSlow) {
            synchronized (this) {
                change = rankDown(nowMillis);
            }
        }
        State s = state.get();
        if (s.mode == Mode.HALF_OPEN) {
            State open = new State(Mode.OPEN, nowMillis + policy.waitDuration(s.opened).toMillis(), s.opened + 1);
            if (state.compareAndSet(s, open)) {
                failuresWhenOpened = 1;
                return Change.OPENED;
            }
            return change;
        }
        if (s.mode == Mode.OPEN) {
            return change; // a call that started before the endpoint opened; it is already out of rotation
        }
        return opensOnRates(nowMillis) ? Change.OPENED : change;
    }

    /** Opens the endpoint when the window's rates call for it; true when this call opened it. */
    private boolean opensOnRates(long nowMillis) {
        int[] counts = windowCounts();
        int size = counts[0];
        int failed = counts[1];
        int slow = counts[2];
        if (size < policy.minimumNumberOfCalls() || (failed * 100.0 < policy.failureRateThreshold() * size
                && slow * 100.0 < policy.slowCallRateThreshold() * size)) {
            return false;
        }
        State s = state.get();
        if (s.mode != Mode.CLOSED) {
            return false;
        }
        State open = new State(Mode.OPEN, nowMillis + policy.waitDuration(0).toMillis(), 1);
        if (state.compareAndSet(s, open)) {
            failuresWhenOpened = failed;
            clear();
            return true;
        }
        return false;
    }

    /** Called with the monitor held. */
    private Change rankDown(long nowMillis) {
        boolean was = slowUntilMillis != 0 && nowMillis < slowUntilMillis;
        slowUntilMillis = nowMillis + Math.max(1, policy.waitDuration(Math.min(slowStreak, 62)).toMillis());
        slowStreak++;
        return was ? Change.NONE : Change.RANKED_DOWN;
    }

    private void add(int outcome) {
        long i = recorded.getAndIncrement();
        window.set((int) (i % window.length()), outcome);
    }

    private void clear() {
        for (int i = 0; i < window.length(); i++) {
            window.set(i, 0);
        }
        recorded.set(0);
    }

    /** A probe that ended without telling anything about the endpoint (an ignored failure): let the next caller probe. */
    void abandonProbe(long nowMillis) {
        State s = state.get();
        if (s.mode == Mode.HALF_OPEN) {
            state.compareAndSet(s, new State(Mode.OPEN, nowMillis, s.opened));
        }
    }

    /** Failures in the window when the endpoint last opened (1 for a failed probe). */
    int failuresWhenOpened() {
        return failuresWhenOpened;
    }

    /** The window's counts: {calls, failures, slow}. Scans the window; called after failures and slow calls only. */
    int[] windowCounts() {
        int size = (int) Math.min(recorded.get(), window.length());
        int failed = 0;
        int slow = 0;
        for (int i = 0; i < window.length(); i++) {
            int o = window.get(i);
            failed += o & FAILED;
            slow += (o & SLOW) >> 1;
        }
        return new int[] {size, failed, slow};
    }

    private void recordLatency(double millis) {
        double sample = Math.max(0, millis);
        double old = latencyMillis;
        latencyMillis = Double.isNaN(old) ? sample : old + LATENCY_ALPHA * (sample - old);
    }

    /** Exponential moving average of successful calls' latency; empty before the first. */
    OptionalDouble latencyMillis() {
        double v = latencyMillis;
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
