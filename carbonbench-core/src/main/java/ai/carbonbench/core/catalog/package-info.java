/**
 * The catalog: models, providers, regions, zones and offerings, each figure with its source; {@code Checks}, the one argument validation.
 *
 * <p>Null-marked: no parameter, return value or field of this package is null unless annotated
 * {@code @Nullable}; absent values are {@code Optional} or empty collections.
 */
@NullMarked
package ai.carbonbench.core.catalog;

import org.jspecify.annotations.NullMarked;
