package ai.carbonbench.router;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One endpoint's health: consecutive failures, cooldown state and a latency moving average. Lock-free;
 * the common path (a healthy endpoint's successful call) reads one reference and writes the latency.
 *
 * <p>States: HEALTHY → (threshold failures) COOLING until t → (t passed, one caller wins the CAS) PROBING →
 * success: HEALTHY; retriable failure: COOLING for the next, longer, cooldown.
 */
final class Health {

    enum Mode { HEALTHY, COOLING, PROBING }

    /**
     * @param untilMillis end of the cooldown (COOLING), or the time after which a stuck probe is given up
     *                    and another caller may probe (PROBING)
     * @param cooldowns   cooldowns in a row so far; the next one lasts {@code initial × 2^cooldowns}
     */
    record State(Mode mode, long untilMillis, int cooldowns) {
    }

    static final State HEALTHY = new State(Mode.HEALTHY, 0, 0);

    /** Weight of the newest sample in the latency average. */
    static final double LATENCY_ALPHA = 0.2;

    private final AtomicReference<State> state = new AtomicReference<>(HEALTHY);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong latencyBits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));

    State state() {
        return state.get();
    }

    /** Whether the ranking should include the endpoint: healthy, or its cooldown is over (a probe may go). */
    boolean rankable(long nowMillis) {
        State s = state.get();
        return s.mode == Mode.HEALTHY || nowMillis >= s.untilMillis;
    }

    /**
     * Whether a call may go to the endpoint now. After a cooldown, exactly one caller gets {@code true}
     * (the probe) until the probe ends or {@code probeTimeoutMillis} passes.
     */
    boolean tryAcquire(long nowMillis, long probeTimeoutMillis) {
        State s = state.get();
        if (s.mode == Mode.HEALTHY) {
            return true;
        }
        if (nowMillis < s.untilMillis) {
            return false;
        }
        return state.compareAndSet(s, new State(Mode.PROBING, nowMillis + probeTimeoutMillis, s.cooldowns));
    }

    /** A successful call. Returns true when this ended a cooldown (the endpoint recovered). */
    boolean onSuccess(long latencyMillis) {
        recordLatency(latencyMillis);
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
        for (;;) {
            State s = state.get();
            if (s.mode == Mode.HEALTHY) {
                return false;
            }
            if (state.compareAndSet(s, HEALTHY)) {
                return true;
            }
        }
    }

    /**
     * A retriable failure. Returns the cooldown state it started, or null when it started none (below the
     * threshold, or the endpoint was already cooling because of other calls).
     */
    State onFailure(long nowMillis, CooldownPolicy policy) {
        State s = state.get();
        if (s.mode == Mode.PROBING) {
            State next = new State(Mode.COOLING, nowMillis + policy.cooldown(s.cooldowns).toMillis(), s.cooldowns + 1);
            return state.compareAndSet(s, next) ? next : null;
        }
        if (s.mode == Mode.COOLING) {
            return null; // a call that started before the cooldown; it is already out of rotation
        }
        if (consecutiveFailures.incrementAndGet() < policy.failureThreshold()) {
            return null;
        }
        State next = new State(Mode.COOLING, nowMillis + policy.cooldown(0).toMillis(), 1);
        if (state.compareAndSet(s, next)) {
            consecutiveFailures.set(0);
            return next;
        }
        return null;
    }

    /** A probe that ended without telling anything about the endpoint (a non-retriable failure): let the next caller probe. */
    void abandonProbe(long nowMillis) {
        State s = state.get();
        if (s.mode == Mode.PROBING) {
            state.compareAndSet(s, new State(Mode.COOLING, nowMillis, s.cooldowns));
        }
    }

    private void recordLatency(long millis) {
        double sample = Math.max(0, millis);
        for (;;) {
            long bits = latencyBits.get();
            double old = Double.longBitsToDouble(bits);
            double next = Double.isNaN(old) ? sample : old + LATENCY_ALPHA * (sample - old);
            if (latencyBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
                return;
            }
        }
    }

    /** Exponential moving average of successful calls' latency; empty before the first. */
    OptionalDouble latencyMillis() {
        double v = Double.longBitsToDouble(latencyBits.get());
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
