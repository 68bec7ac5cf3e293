/**
 * Scoring values: {@code Score}, {@code Range}, leaderboard queries, recommendations, daily curves, time-shifting windows and the one constraint filter.
 *
 * <p>Null-marked: no parameter, return value or field of this package is null unless annotated
 * {@code @Nullable}; absent values are {@code Optional} or empty collections.
 */
@NullMarked
package ai.carbonbench.core.score;

import org.jspecify.annotations.NullMarked;
