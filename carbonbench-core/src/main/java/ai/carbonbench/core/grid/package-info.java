/**
 * Grid carbon intensity: the {@code GridIntensitySource} SPI, live sources (Electricity Maps, UK Carbon Intensity), snapshots, the catalog default, one cache and one resolution order.
 *
 * <p>Null-marked: no parameter, return value or field of this package is null unless annotated
 * {@code @Nullable}; absent values are {@code Optional} or empty collections.
 */
@NullMarked
package ai.carbonbench.core.grid;

import org.jspecify.annotations.NullMarked;
