package ai.carbonbench.router;

import ai.carbonbench.core.score.Score;

/**
 * An immutable ranking, published through a volatile field: what {@code select()} returns and the order
 * {@code call()} tries endpoints in. Never modified after construction, except {@link #due}, which the
 * expiry timer sets once.
 */
final class Snapshot {

    /** The decision, or null when no endpoint is usable. */
    final RoutingDecision decision;
    /** Declared indices of the usable endpoints, best first. */
    final int[] order;
    /** Every endpoint's score at the ranking time, by declared index (baseline at 0). */
    final Score[] scores;
    /** The same scores wrapped once for {@link CallRecord#score()}, so that recording a call need not. */
    final java.util.Optional<Score>[] priced;
    /** When the ranking must be recomputed (next hour, refresh interval, end of a cooldown or ranked-down period). */
    final long expiresAtMillis;
    /**
     * When {@link #scores} were computed; they stop being current at the next hour or after the refresh interval,
     * and a re-rank after that rescores.
     */
    final long scoredAtMillis;
    /** Why no endpoint is usable, when {@link #decision} is null; else null. */
    final Unavailable unavailable;
    /**
     * Set (once, never cleared) when {@link #expiresAtMillis} may have passed: by the router's expiry timer
     * when it has one, before publication when it has none. Only while it is set does a reader pay for a
     * clock read.
     */
    volatile boolean due;

    Snapshot(RoutingDecision decision, int[] order, Score[] scores, long expiresAtMillis, long scoredAtMillis,
            Unavailable unavailable) {
        this.decision = decision;
        this.order = order;
        this.scores = scores;
        this.priced = wrap(scores);
        this.expiresAtMillis = expiresAtMillis;
        this.scoredAtMillis = scoredAtMillis;
        this.unavailable = unavailable;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<Score>[] wrap(Score[] scores) {
        java.util.Optional<Score>[] out = new java.util.Optional[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = java.util.Optional.of(scores[i]);
        }
        return out;
    }

    /** Why no endpoint is usable and whether waiting may help: what a call is told when there is no decision. */
    record Unavailable(String reason, boolean retriable) {

        NoEndpointAvailableException exception() {
            return new NoEndpointAvailableException(reason, retriable);
        }
    }
}
