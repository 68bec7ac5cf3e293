/**
 * The JSON views: the public field names of every value CarbonBench writes, written with Jackson.
 *
 * <p>Null-marked: no parameter, return value or field of this package is null unless annotated
 * {@code @Nullable}; absent values are {@code Optional} or empty collections.
 */
@NullMarked
package ai.carbonbench.core.json;

import org.jspecify.annotations.NullMarked;
