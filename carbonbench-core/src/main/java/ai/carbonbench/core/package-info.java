/**
 * The entry point {@code CarbonBench}: scores, leaderboards, recommendations, curves and time shifting.
 *
 * <p>Null-marked: no parameter, return value or field of this package is null unless annotated
 * {@code @Nullable}; absent values are {@code Optional} or empty collections.
 */
@NullMarked
package ai.carbonbench.core;

import org.jspecify.annotations.NullMarked;
