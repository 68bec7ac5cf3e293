package ai.carbonbench.router;

import ai.carbonbench.core.score.Score;
import java.util.Optional;

/**
 * Consulted by a {@link CarbonRouter} around each attempt of one call: before the attempt on an endpoint
 * ({@link #admit(Score)}), and after it ({@link Permit#settle(CallRecord)} on success, {@link Permit#release()}
 * on failure or when the endpoint turns out to be unavailable). This is the one point where budgets
 * ({@code ai.carbonbench.router.budget}) hook into routing.
 *
 * <p>Implementations must be thread-safe; the router calls them on the caller's thread.
 */
@FunctionalInterface
public interface CallGuard {

    /** Admits every endpoint and records nothing (without allocating). */
    CallGuard NONE = new CallGuard() {
        private final Optional<Permit> admitted = Optional.of(Permit.NONE);

        @Override
        public Optional<Permit> admit(Score score) {
            return admitted;
        }
    };

    /**
     * Whether the call may be tried on the endpoint that {@code score} describes (the score the router ranked
     * it by, and the one the ledger will record the call with).
     *
     * @return a permit to try it, or empty to skip this endpoint and try the next one
     * @throws RuntimeException to abort the whole call; the router rethrows it unchanged
     */
    Optional<Permit> admit(Score score);

    /** What an admitted attempt holds until it ends; each permit is settled or released exactly once. */
    interface Permit {

        /** A permit that does nothing. */
        Permit NONE = new Permit() {
            @Override
            public void settle(CallRecord record) {
            }

            @Override
            public void release() {
            }
        };

        /** The attempt succeeded and the ledger recorded it as {@code record}. */
        void settle(CallRecord record);

        /** The attempt failed or was not made. */
        void release();
    }
}
